package dev.storyworld.scene.control;

import java.util.List;

/** A stored scene graph with its database ids; documents are JSON text, as stored. */
public record SceneView(long id, String title, String description, Long entryNodeId, String metaJson,
                        List<Node> nodes, List<Edge> edges) {

    public record Node(long id, String key, String label, Long assetId, boolean loopable, boolean skippable,
                       Double revealChoicesAtSec, String metaJson) {
    }

    public record Edge(long id, long fromNodeId, long toNodeId, String choiceLabel, double weight,
                       Double revealAtSec, Integer cooldownSec, String conditionsJson, String effectsJson) {
    }
}
