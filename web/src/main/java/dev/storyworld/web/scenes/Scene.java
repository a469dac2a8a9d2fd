package dev.storyworld.web.scenes;

import dev.storyworld.scene.control.SceneView;
import dev.storyworld.web.platform.JsonBinding;
import jakarta.json.JsonValue;

import java.util.List;

public record Scene(long id, String title, String description, Long entryNodeId, JsonValue meta, List<Node> nodes,
                    List<Edge> edges) {

    public record Node(long id, String key, String label, Long assetId, boolean loopable, boolean skippable,
                       Double revealChoicesAtSec, JsonValue meta) {
    }

    public record Edge(long id, long fromNodeId, long toNodeId, String choiceLabel, double weight, Double revealAtSec,
                       Integer cooldownSec, JsonValue conditions, JsonValue effects) {
    }

    static Scene of(SceneView scene) {
        return new Scene(scene.id(), scene.title(), scene.description(), scene.entryNodeId(),
                JsonBinding.parse(scene.metaJson()),
                scene.nodes().stream().map(n -> new Node(n.id(), n.key(), n.label(), n.assetId(), n.loopable(),
                        n.skippable(), n.revealChoicesAtSec(), JsonBinding.parse(n.metaJson()))).toList(),
                scene.edges().stream().map(e -> new Edge(e.id(), e.fromNodeId(), e.toNodeId(), e.choiceLabel(),
                        e.weight(), e.revealAtSec(), e.cooldownSec(), JsonBinding.parse(e.conditionsJson()),
                        JsonBinding.parse(e.effectsJson()))).toList());
    }
}
