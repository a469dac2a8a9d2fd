package dev.storyworld.web.worlds;

import dev.storyworld.web.platform.JsonBinding;
import jakarta.json.JsonObject;

import java.util.Map;

/** Request bodies of the worlds endpoints. */
public final class WorldRequests {

    private WorldRequests() {
    }

    /**
     * {@code meta} binds as a JSON-P object: a generic map would quietly accept an array or a
     * number, where the contract wants a 400.
     */
    public record Create(String name, JsonObject meta) {

        Map<String, Object> metaDocument() {
            return meta == null ? Map.of() : JsonBinding.document(meta);
        }
    }

    public record ReplaceMeta(JsonObject meta) {

        Map<String, Object> metaDocument() {
            return JsonBinding.document(meta);
        }
    }

    public record Advance(Double deltaSeconds) {
    }
}
