package dev.storyworld.client;

import jakarta.json.JsonObject;

import java.time.Instant;

/** One entry of a session's event log ({@code session_created}, {@code advance}, {@code session_update}). */
public record Event(long id, Instant ts, String action, Long nodeId, Long edgeId, JsonObject diff) {

    static Event of(JsonObject json) {
        return new Event(json.getJsonNumber("id").longValueExact(), JsonFields.optInstant(json, "ts"),
                json.getString("action"), JsonFields.optLong(json, "node_id"), JsonFields.optLong(json, "edge_id"),
                JsonFields.document(json, "diff"));
    }
}
