package dev.storyworld.scene.control;

import dev.storyworld.common.Finite;
import dev.storyworld.common.JsonDocument;
import dev.storyworld.common.Violation;
import jakarta.json.JsonValue;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A whole scene graph as a client submits it: nodes named by client keys, edges and the entry
 * naming those keys. Documents the service never interprets are kept as sent: meta as a document or null,
 * conditions and effects as any JSON value or null.
 */
public record SceneDraft(
        @NotBlank @Size(max = 128) String title,
        String description,
        JsonDocument meta,
        @NotBlank String entry,
        @NotNull @Size(min = 1, max = MAX_NODES) List<@NotNull @Valid Node> nodes,
        @NotNull @Size(max = MAX_EDGES) List<@NotNull @Valid Edge> edges) {

    public static final int MAX_NODES = 10_000;
    public static final int MAX_EDGES = 10_000;

    public record Node(@NotBlank @Size(max = 128) String key, @Positive Long assetId, @Size(max = 128) String label,
                       boolean loopable, boolean skippable, @Finite @PositiveOrZero Double revealChoicesAtSec,
                       JsonDocument meta) {
    }

    public record Edge(@NotBlank String from, @NotBlank String to, @NotBlank @Size(max = 128) String choiceLabel,
                       @NotNull @Finite @PositiveOrZero Double weight, @Finite @PositiveOrZero Double revealAtSec,
                       @PositiveOrZero Integer cooldownSec, JsonValue conditions, JsonValue effects) {
    }

    /**
     * What Bean Validation cannot see: unique keys, and every reference naming an existing key. Safe on a
     * draft that breaks Bean Validation too (missing lists, null items, blank references are its to report),
     * so that both can be reported in one answer.
     */
    public List<Violation> graphViolations() {
        List<Violation> violations = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        List<Node> allNodes = nodes == null ? List.of() : nodes;
        for (int i = 0; i < allNodes.size(); i++) {
            Node node = allNodes.get(i);
            if (node != null && node.key() != null && !keys.add(node.key())) {
                violations.add(new Violation("nodes[" + i + "].key", "duplicate node key \"" + node.key() + "\""));
            }
        }
        if (isNamed(entry) && !keys.contains(entry)) {
            violations.add(new Violation("entry", "no node has the key \"" + entry + "\""));
        }
        List<Edge> allEdges = edges == null ? List.of() : edges;
        for (int i = 0; i < allEdges.size(); i++) {
            Edge edge = allEdges.get(i);
            if (edge == null) {
                continue;
            }
            if (isNamed(edge.from()) && !keys.contains(edge.from())) {
                violations.add(new Violation("edges[" + i + "].from", "no node has the key \"" + edge.from() + "\""));
            }
            if (isNamed(edge.to()) && !keys.contains(edge.to())) {
                violations.add(new Violation("edges[" + i + "].to", "no node has the key \"" + edge.to() + "\""));
            }
        }
        return violations;
    }

    private static boolean isNamed(String key) {
        return key != null && !key.isBlank();
    }
}
