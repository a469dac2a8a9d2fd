package dev.storyworld.relationships;

import java.math.BigDecimal;
import java.util.Comparator;

/**
 * A relationship tier as written in a schema, with a missing max already read as 100.
 * Exact numbers so that validation compares what the author wrote, not its double rounding.
 */
record Tier(String id, BigDecimal min, BigDecimal max) {

    /** By min as the rules say; max and id only make ties independent of the input order. */
    static final Comparator<Tier> ORDER = Comparator.comparing(Tier::min)
            .thenComparing(Tier::max)
            .thenComparing(Tier::id);

    String describe() {
        return "\"" + id + "\" (" + JsonValues.format(min) + "-" + JsonValues.format(max) + ")";
    }
}
