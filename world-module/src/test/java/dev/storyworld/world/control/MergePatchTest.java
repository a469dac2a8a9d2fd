package dev.storyworld.world.control;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MergePatchTest {

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void keysNotInThePatchAreKept() {
        Map<String, Object> meta = map("relationship_schemas", map("default", List.of()), "simulation",
                map("timeScale", 5, "pauseSimulation", true));
        Map<String, Object> patched = MergePatch.apply(meta, map("relationship_schemas", map("rivals", List.of(1))));
        assertThat(patched).isEqualTo(map("relationship_schemas", map("default", List.of(), "rivals", List.of(1)),
                "simulation", map("timeScale", 5, "pauseSimulation", true)));
        assertThat(meta).containsOnlyKeys("relationship_schemas", "simulation");
    }

    /** The examples of RFC 7396, appendix A. */
    @Test
    void theRfcExamples() {
        assertThat(MergePatch.apply(map("a", "b"), map("a", "c"))).isEqualTo(map("a", "c"));
        assertThat(MergePatch.apply(map("a", "b"), map("b", "c"))).isEqualTo(map("a", "b", "b", "c"));
        assertThat(MergePatch.apply(map("a", "b"), map("a", null))).isEqualTo(map());
        assertThat(MergePatch.apply(map("a", "b", "b", "c"), map("a", null))).isEqualTo(map("b", "c"));
        assertThat(MergePatch.apply(map("a", List.of("b")), map("a", "c"))).isEqualTo(map("a", "c"));
        assertThat(MergePatch.apply(map("a", "c"), map("a", List.of("b")))).isEqualTo(map("a", List.of("b")));
        assertThat(MergePatch.apply(map("a", map("b", "c")), map("a", map("b", "d", "c", null))))
                .isEqualTo(map("a", map("b", "d")));
        assertThat(MergePatch.apply(map("a", List.of(map("b", "c"))), map("a", List.of(1))))
                .isEqualTo(map("a", List.of(1)));
        assertThat(MergePatch.apply(map("e", null), map("a", 1))).isEqualTo(new HashMap<>(map("e", null, "a", 1)));
        assertThat(MergePatch.apply(map(), map("a", map("bb", map("ccc", null))))).isEqualTo(map("a", map("bb", map())));
    }
}
