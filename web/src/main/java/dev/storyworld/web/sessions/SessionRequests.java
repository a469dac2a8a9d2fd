package dev.storyworld.web.sessions;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Request bodies of the sessions endpoints; documents bind as JSON-P objects so that non-objects are
 * refused, and ids as JSON values that {@code RequestParams} checks, so that a bad id is {@code invalid_id}.
 */
public final class SessionRequests {

    private SessionRequests() {
    }

    @Schema(name = "CreateSessionRequest")
    public record Create(
            @Schema(required = true, format = "int64", minimum = "1") JsonValue sceneId,
            @Schema(format = "int64", minimum = "1") JsonValue worldId,
            JsonObject flags) {
    }

    @Schema(name = "AdvanceSessionRequest")
    public record Advance(
            @Schema(required = true, format = "int64", minimum = "1") JsonValue edgeId) {
    }

    @Schema(name = "PatchSessionRequest")
    public record Patch(Double worldTime,
                        @Schema(description = "Replaces the stored flags whole") JsonObject flags,
                        @Schema(description = "Replaces the stored relationships whole") JsonObject relationships,
                        @Schema(description = "Like If-Match: the write happens only at this version") Long expectedVersion) {
    }
}
