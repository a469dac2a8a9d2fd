package dev.storyworld.relationships;

import dev.storyworld.common.JsonDocument;
import dev.storyworld.common.Violation;

import java.util.List;

/**
 * The outcome of normalizing a session's {@code relationships} document: either the normalized document or the
 * violations that make it unusable, never both.
 *
 * @param relationships the new document when valid, otherwise null ({@link RelationshipRules#normalize})
 * @param violations    empty when valid; paths are relative to the document ({@code npc:12.affinity})
 */
public record Normalization(JsonDocument relationships, List<Violation> violations) {

    public Normalization {
        violations = List.copyOf(violations);
        if ((relationships == null) == violations.isEmpty()) {
            throw new IllegalArgumentException("exactly one of relationships and violations must be given");
        }
    }

    static Normalization of(JsonDocument relationships) {
        return new Normalization(relationships, List.of());
    }

    static Normalization rejected(List<Violation> violations) {
        return new Normalization(null, violations);
    }

    public boolean valid() {
        return violations.isEmpty();
    }
}
