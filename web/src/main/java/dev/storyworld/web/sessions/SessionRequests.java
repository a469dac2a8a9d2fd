package dev.storyworld.web.sessions;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Request bodies of the sessions endpoints; documents bind as JSON-P objects so that non-objects are
 * refused, and ids as JSON values that {@code RequestParams} checks, so that a bad id is {@code invalid_id}.
 */
public final class SessionRequests {

    private SessionRequests() {
    }

    public record Create(JsonValue sceneId, JsonValue worldId, JsonObject flags) {
    }

    public record Advance(JsonValue edgeId) {
    }

    /** flags and relationships replace the stored ones whole; expected_version works like If-Match. */
    public record Patch(Double worldTime, JsonObject flags, JsonObject relationships, Long expectedVersion) {
    }

}
