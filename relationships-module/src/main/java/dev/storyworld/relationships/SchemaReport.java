package dev.storyworld.relationships;

import java.util.List;
import java.util.Map;

/**
 * The schema report of a world meta ({@code GET /game/worlds/{id}/schema-report}).
 *
 * @param overallValid every schema is valid, so {@link RelationshipRules#validate} finds nothing
 * @param schemaHealth one entry per schema: a malformed {@code schema_version} or {@code relationship_schemas}
 *                     first, then each relationship schema in key order, then {@code intimacy}
 */
public record SchemaReport(boolean overallValid, List<SchemaHealth> schemaHealth) {

    public SchemaReport {
        schemaHealth = List.copyOf(schemaHealth);
    }

    static SchemaReport of(Map<String, ?> meta) {
        List<SchemaHealth> health = SchemaValidator.checkAll(meta).entrySet().stream()
                .map(check -> SchemaHealth.of(check.getKey(), check.getValue()))
                .toList();
        return new SchemaReport(health.stream().allMatch(SchemaHealth::valid), health);
    }
}
