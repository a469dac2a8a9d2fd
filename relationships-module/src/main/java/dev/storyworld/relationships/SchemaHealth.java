package dev.storyworld.relationships;

import dev.storyworld.common.Violation;

import java.util.List;

/**
 * The health of one schema of a world meta, as the schema report shows it.
 *
 * @param schemaType  {@code relationship:<key>} or {@code intimacy}; {@code relationship_schemas} or
 *                    {@code schema_version} when those keys are themselves malformed
 * @param valid       no errors
 * @param entryCount  tiers or levels in the schema as given
 * @param errors      {@code "<field>: <message>"}
 * @param warnings    gaps between tiers
 * @param suggestions advice for the errors (ORIGIN §3.5)
 */
public record SchemaHealth(String schemaType, boolean valid, int entryCount, List<String> errors,
                           List<String> warnings, List<String> suggestions) {

    public SchemaHealth {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
        suggestions = List.copyOf(suggestions);
    }

    static SchemaHealth of(String schemaType, SchemaCheck<?> check) {
        List<String> errors = check.violations().stream().map(v -> v.field() + ": " + v.message()).toList();
        List<String> messages = check.violations().stream().map(Violation::message).toList();
        return new SchemaHealth(schemaType, errors.isEmpty(), check.entryCount(), errors, check.warnings(),
                Suggestions.forErrors(messages));
    }
}
