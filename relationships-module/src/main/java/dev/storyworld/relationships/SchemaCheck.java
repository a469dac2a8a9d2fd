package dev.storyworld.relationships;

import dev.storyworld.common.Violation;

import java.util.List;

/**
 * What checking one schema found.
 *
 * @param entryCount entries in the schema as given, usable or not
 * @param entries    the entries that passed their own checks, in rule order
 * @param violations the errors
 * @param warnings   problems that do not make the schema invalid
 */
record SchemaCheck<T>(int entryCount, List<T> entries, List<Violation> violations, List<String> warnings) {

    SchemaCheck {
        entries = List.copyOf(entries);
        violations = List.copyOf(violations);
        warnings = List.copyOf(warnings);
    }

    /** A schema whose shape is so wrong that it has no entries to speak of. */
    static <T> SchemaCheck<T> broken(Violation violation) {
        return new SchemaCheck<>(0, List.of(), List.of(violation), List.of());
    }
}
