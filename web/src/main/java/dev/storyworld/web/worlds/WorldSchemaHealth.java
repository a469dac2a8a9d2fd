package dev.storyworld.web.worlds;

import dev.storyworld.relationships.SchemaHealth;
import dev.storyworld.world.control.WorldSchemaReport;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(name = "WorldSchemaReport")
public record WorldSchemaHealth(
        long worldId,
        String worldName,
        @Schema(description = "Every schema is valid") boolean overallValid,
        @Schema(description = "One entry per schema of the meta, in meta order") List<Entry> schemaHealth) {

    @Schema(name = "SchemaHealth")
    public record Entry(
            @Schema(description = "relationship:<key>, intimacy; schema_version or relationship_schemas when those"
                    + " keys are themselves malformed") String schemaType,
            boolean isValid,
            @Schema(description = "Tiers or levels in the schema as given") int entryCount,
            @Schema(description = "\"<field>: <message>\"") List<String> errors,
            @Schema(description = "Gaps between tiers") List<String> warnings,
            @Schema(description = "Advice for the errors") List<String> suggestions) {

        static Entry of(SchemaHealth health) {
            return new Entry(health.schemaType(), health.valid(), health.entryCount(), health.errors(),
                    health.warnings(), health.suggestions());
        }
    }

    static WorldSchemaHealth of(WorldSchemaReport report) {
        return new WorldSchemaHealth(report.worldId(), report.worldName(), report.report().overallValid(),
                report.report().schemaHealth().stream().map(Entry::of).toList());
    }
}
