package dev.storyworld.web.worlds;

import dev.storyworld.web.platform.JsonBinding;
import jakarta.json.JsonObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Map;

/** Request bodies of the worlds endpoints. */
public final class WorldRequests {

    private WorldRequests() {
    }

    /**
     * {@code meta} binds as a JSON-P object: a generic map would quietly accept an array or a
     * number, where the contract wants a 400.
     */
    @Schema(name = "CreateWorldRequest")
    public record Create(@Schema(required = true, minLength = 1, maxLength = 128) String name,
                         @Schema(description = "Optional meta document; its schemas are validated") JsonObject meta) {

        Map<String, Object> metaDocument() {
            return meta == null ? Map.of() : JsonBinding.document(meta);
        }
    }

    @Schema(name = "ReplaceWorldMetaRequest")
    public record ReplaceMeta(@Schema(required = true, description = "The new meta document, replacing the stored one"
            + " whole; its schemas and scheduler config are validated") JsonObject meta) {

        Map<String, Object> metaDocument() {
            return JsonBinding.document(meta);
        }
    }

    @Schema(name = "AdvanceWorldRequest")
    public record Advance(@Schema(required = true, minimum = "0", maximum = "31536000",
            description = "Seconds to add to world_time; finite") Double deltaSeconds) {
    }
}
