package dev.storyworld.world.control;

import dev.storyworld.common.JsonDocument;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MergePatchTest {

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static Map<String, Object> apply(Map<String, Object> target, Map<String, Object> patch) {
        return MergePatch.apply(new JsonDocument(target), new JsonDocument(patch)).fields();
    }

    @Test
    void keysNotInThePatchAreKept() {
        Map<String, Object> meta = map("relationship_schemas", map("default", List.of()), "simulation",
                map("timeScale", 5, "pauseSimulation", true));
        Map<String, Object> patched = apply(meta, map("relationship_schemas", map("rivals", List.of(1))));
        assertThat(patched).isEqualTo(map("relationship_schemas", map("default", List.of(), "rivals", List.of(1)),
                "simulation", map("timeScale", 5, "pauseSimulation", true)));
        assertThat(meta).containsOnlyKeys("relationship_schemas", "simulation");
    }

    /** The examples of RFC 7396, appendix A. */
    @Test
    void theRfcExamples() {
        assertThat(apply(map("a", "b"), map("a", "c"))).isEqualTo(map("a", "c"));
        assertThat(apply(map("a", "b"), map("b", "c"))).isEqualTo(map("a", "b", "b", "c"));
        assertThat(apply(map("a", "b"), map("a", null))).isEqualTo(map());
        assertThat(apply(map("a", "b", "b", "c"), map("a", null))).isEqualTo(map("b", "c"));
        assertThat(apply(map("a", List.of("b")), map("a", "c"))).isEqualTo(map("a", "c"));
        assertThat(apply(map("a", "c"), map("a", List.of("b")))).isEqualTo(map("a", List.of("b")));
        assertThat(apply(map("a", map("b", "c")), map("a", map("b", "d", "c", null))))
                .isEqualTo(map("a", map("b", "d")));
        assertThat(apply(map("a", List.of(map("b", "c"))), map("a", List.of(1))))
                .isEqualTo(map("a", List.of(1)));
        assertThat(apply(map("e", null), map("a", 1))).isEqualTo(new HashMap<>(map("e", null, "a", 1)));
        assertThat(apply(map(), map("a", map("bb", map("ccc", null))))).isEqualTo(map("a", map("bb", map())));
    }
}
