package dev.storyworld.client;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import java.util.List;

/** The health of a world's relationship and intimacy schemas: errors, gap warnings, suggestions. */
public record SchemaReport(long worldId, String worldName, boolean overallValid, List<SchemaHealth> schemaHealth) {

    public record SchemaHealth(String schemaType, boolean isValid, int entryCount, List<String> errors,
                               List<String> warnings, List<String> suggestions) {

        static SchemaHealth of(JsonObject json) {
            return new SchemaHealth(json.getString("schema_type"), json.getBoolean("is_valid"),
                    json.getInt("entry_count"), strings(json, "errors"), strings(json, "warnings"),
                    strings(json, "suggestions"));
        }

        private static List<String> strings(JsonObject json, String name) {
            return JsonFields.present(json, name)
                    ? json.getJsonArray(name).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList()
                    : List.of();
        }
    }

    static SchemaReport of(JsonObject json) {
        return new SchemaReport(json.getJsonNumber("world_id").longValueExact(), json.getString("world_name"),
                json.getBoolean("overall_valid"), JsonFields.list(json, "schema_health", SchemaHealth::of));
    }
}
