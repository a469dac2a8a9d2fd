package dev.storyworld.web.worlds;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Map;

/** Request bodies of the worlds endpoints. */
public final class WorldRequests {

    private WorldRequests() {
    }

    @Schema(name = "CreateWorldRequest")
    public record Create(@Schema(required = true, minLength = 1, maxLength = 128) String name,
                         @Schema(description = "Optional meta document; its schemas are validated") Map<String, Object> meta) {
    }

    @Schema(name = "AdvanceWorldRequest")
    public record Advance(@Schema(required = true, minimum = "0", maximum = "31536000",
            description = "Seconds to add to world_time; finite") Double deltaSeconds) {
    }
}
