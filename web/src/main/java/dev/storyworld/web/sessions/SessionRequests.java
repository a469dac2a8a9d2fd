package dev.storyworld.web.sessions;

import jakarta.json.JsonObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies of the sessions endpoints; documents bind as JSON-P objects so that non-objects are refused. */
public final class SessionRequests {

    private SessionRequests() {
    }

    @Schema(name = "CreateSessionRequest")
    public record Create(@Schema(required = true) Long sceneId, Long worldId, JsonObject flags) {
    }

    @Schema(name = "AdvanceSessionRequest")
    public record Advance(@Schema(required = true) Long edgeId) {
    }

    @Schema(name = "PatchSessionRequest")
    public record Patch(Double worldTime,
                        @Schema(description = "Replaces the stored flags whole") JsonObject flags,
                        @Schema(description = "Replaces the stored relationships whole") JsonObject relationships,
                        @Schema(description = "Like If-Match: the write happens only at this version") Long expectedVersion) {
    }
}
