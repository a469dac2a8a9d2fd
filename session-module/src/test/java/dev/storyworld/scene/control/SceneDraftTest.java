package dev.storyworld.scene.control;

import dev.storyworld.common.Violation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SceneDraftTest {

    private static SceneDraft.Node node(String key) {
        return new SceneDraft.Node(key, null, null, false, false, null, null);
    }

    private static SceneDraft.Edge edge(String from, String to) {
        return new SceneDraft.Edge(from, to, "go", 1.0, null, null, null, null);
    }

    @Test
    void aConsistentGraphHasNoViolations() {
        SceneDraft draft = new SceneDraft("t", null, null, "a", List.of(node("a"), node("b")),
                List.of(edge("a", "b"), edge("b", "a"), edge("a", "a")));
        assertThat(draft.graphViolations()).isEmpty();
    }

    @Test
    void everyBrokenReferenceIsNamed() {
        SceneDraft draft = new SceneDraft("t", null, null, "z", List.of(node("a"), node("b"), node("a")),
                List.of(edge("a", "q"), edge("x", "b")));
        assertThat(draft.graphViolations()).containsExactly(
                new Violation("nodes[2].key", "duplicate node key \"a\""),
                new Violation("entry", "no node has the key \"z\""),
                new Violation("edges[0].to", "no node has the key \"q\""),
                new Violation("edges[1].from", "no node has the key \"x\""));
    }
}
