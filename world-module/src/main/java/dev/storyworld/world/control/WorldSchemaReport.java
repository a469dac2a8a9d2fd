package dev.storyworld.world.control;

import dev.storyworld.relationships.SchemaReport;

/** The health of a world's relationship and intimacy schemas, with warnings and suggestions. */
public record WorldSchemaReport(long worldId, String worldName, SchemaReport report) {
}
