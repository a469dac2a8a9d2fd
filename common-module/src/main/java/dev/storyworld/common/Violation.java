package dev.storyworld.common;

/**
 * One problem found in a document.
 *
 * @param field   JSON path of the offending value, relative to the validated document
 *                ({@code relationship_schemas.default[1].max}, {@code npc:12.affinity})
 * @param message what is wrong, for people
 */
public record Violation(String field, String message) {
}
