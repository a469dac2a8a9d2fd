package dev.storyworld.world.control;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON Merge Patch (RFC 7396) on the generic documents the services work on: a null removes a
 * key, an object merges into an object, anything else replaces. Lets a client change a world's
 * schemas without sending back, and so without risking, the scheduler config beside them.
 */
public final class MergePatch {

    private MergePatch() {
    }

    /** The target with the patch applied; neither argument is changed. */
    public static Map<String, Object> apply(Map<String, ?> target, Map<String, ?> patch) {
        Map<String, Object> result = new LinkedHashMap<>(target);
        patch.forEach((key, value) -> {
            if (value == null) {
                result.remove(key);
            } else if (value instanceof Map<?, ?> object) {
                result.put(key, apply(result.get(key) instanceof Map<?, ?> existing ? document(existing) : Map.of(),
                        document(object)));
            } else {
                result.put(key, value);
            }
        });
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> document(Map<?, ?> object) {
        return (Map<String, ?>) object;
    }
}
