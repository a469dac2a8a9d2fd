package dev.storyworld.web.worlds;

import dev.storyworld.relationships.SchemaHealth;
import dev.storyworld.world.control.WorldSchemaReport;

import java.util.List;

public record WorldSchemaHealthBody(
        long worldId,
        String worldName,
        boolean overallValid,
        List<Entry> schemaHealth) {

    public record Entry(
            String schemaType,
            boolean isValid,
            int entryCount,
            List<String> errors,
            List<String> warnings,
            List<String> suggestions) {

        static Entry of(SchemaHealth health) {
            return new Entry(health.schemaType(), health.valid(), health.entryCount(), health.errors(),
                    health.warnings(), health.suggestions());
        }
    }

    static WorldSchemaHealthBody of(WorldSchemaReport report) {
        return new WorldSchemaHealthBody(report.worldId(), report.worldName(), report.report().overallValid(),
                report.report().schemaHealth().stream().map(Entry::of).toList());
    }
}
