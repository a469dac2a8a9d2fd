package dev.storyworld.world.control;

import dev.storyworld.common.JsonDocument;

import java.util.LinkedHashMap;
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
        return new JsonDocument(apply(target.fields(), patch.fields()));
    }

    /** Nested objects of a document are maps with string keys, like the document itself. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> apply(Map<String, ?> target, Map<String, ?> patch) {
        Map<String, Object> result = new LinkedHashMap<>(target);
        patch.forEach((key, value) -> {
            if (value == null) {
                result.remove(key);
            } else if (value instanceof Map<?, ?> object) {
                result.put(key, apply(result.get(key) instanceof Map<?, ?> existing ? (Map<String, ?>) existing : Map.of(),
                        (Map<String, ?>) object));
            } else {
                result.put(key, value);
            }
        });
        return result;
    }
}
