package dev.storyworld.world.control;

import dev.storyworld.common.JsonDocument;

import java.util.Map;

/**
 * JSON Merge Patch (RFC 7396) on client documents: a null removes a key, an object merges into an
 * object, anything else replaces. Lets a client change a world's schemas without sending back, and
 * so without risking, the scheduler config beside them.
 */
public final class MergePatch {

    private MergePatch() {
    }

    /** The target with the patch applied. */
    public static JsonDocument apply(JsonDocument target, JsonDocument patch) {
        return apply(target, patch.fields());
    }

    private static JsonDocument apply(JsonDocument target, Map<?, ?> patch) {
        JsonDocument.Builder result = JsonDocument.builder().putAll(target);
        patch.forEach((name, value) -> {
            String key = String.valueOf(name);
            if (value == null) {
                result.remove(key);
            } else if (value instanceof Map<?, ?> object) {
                result.put(key, apply(target.get(key) instanceof Map<?, ?> existing ? JsonDocument.of(existing)
                        : JsonDocument.EMPTY, object));
            } else {
                result.put(key, value);
            }
        });
        return result.build();
    }
}
