package dev.storyworld.web.scenes;

import dev.storyworld.common.JsonDocument;
import dev.storyworld.scene.control.SceneView;
import jakarta.json.JsonValue;

import java.util.List;

/** A stored scene graph as the API answers with it (the contract's {@code Scene}); meta null where none was sent. */
public record SceneBody(long id, String title, String description, Long entryNodeId, JsonDocument meta,
                        List<NodeBody> nodes, List<EdgeBody> edges) {

    public record NodeBody(long id, String key, String label, Long assetId, boolean loopable, boolean skippable,
                           Double revealChoicesAtSec, JsonDocument meta) {
    }

    public record EdgeBody(long id, long fromNodeId, long toNodeId, String choiceLabel, double weight,
                           Double revealAtSec, Integer cooldownSec, JsonValue conditions, JsonValue effects) {
    }

    static SceneBody of(SceneView scene) {
        return new SceneBody(scene.id(), scene.title(), scene.description(), scene.entryNodeId(), scene.meta(),
                scene.nodes().stream().map(n -> new NodeBody(n.id(), n.key(), n.label(), n.assetId(), n.loopable(),
                        n.skippable(), n.revealChoicesAtSec(), n.meta())).toList(),
                scene.edges().stream().map(e -> new EdgeBody(e.id(), e.fromNodeId(), e.toNodeId(), e.choiceLabel(),
                        e.weight(), e.revealAtSec(), e.cooldownSec(), e.conditions(), e.effects())).toList());
    }
}
