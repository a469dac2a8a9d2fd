package dev.storyworld.scene.control;

import dev.storyworld.common.JsonDocument;
import dev.storyworld.scene.entity.GameScene;
import dev.storyworld.scene.entity.GameSceneEdge;
import dev.storyworld.scene.entity.GameSceneNode;
import jakarta.json.JsonValue;

import java.util.List;

/** A stored scene graph with its database ids; meta is null where the client sent none. */
public record SceneView(long id, String title, String description, Long entryNodeId, JsonDocument meta,
                        List<Node> nodes, List<Edge> edges) {

    public record Node(long id, String key, String label, Long assetId, boolean loopable, boolean skippable,
                       Double revealChoicesAtSec, JsonDocument meta) {
    }

    public record Edge(long id, long fromNodeId, long toNodeId, String choiceLabel, double weight,
                       Double revealAtSec, Integer cooldownSec, JsonValue conditions, JsonValue effects) {
    }

    static SceneView of(GameScene scene, List<GameSceneNode> nodes, List<GameSceneEdge> edges) {
        return new SceneView(scene.id(), scene.title(), scene.description(), scene.entryNodeId(), scene.meta(),
                nodes.stream().map(n -> new Node(n.id(), n.key(), n.label(), n.assetId(), n.loopable(),
                        n.skippable(), n.revealChoicesAtSec(), n.meta())).toList(),
                edges.stream().map(e -> new Edge(e.id(), e.fromNodeId(), e.toNodeId(), e.choiceLabel(), e.weight(),
                        e.revealAtSec(), e.cooldownSec(), e.conditions(), e.effects())).toList());
    }
}
