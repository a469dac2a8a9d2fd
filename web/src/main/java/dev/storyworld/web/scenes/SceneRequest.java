package dev.storyworld.web.scenes;

import dev.storyworld.scene.control.SceneDraft;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The body of {@code POST /game/scenes}: a whole graph, nodes named by client keys. */
@Schema(name = "CreateSceneRequest")
public record SceneRequest(@Schema(required = true, maxLength = 128) String title, String description,
                           JsonObject meta,
                           @Schema(required = true, description = "key of the entry node") String entry,
                           @Schema(required = true, minItems = 1, maxItems = SceneDraft.MAX_NODES) List<Node> nodes,
                           @Schema(maxItems = SceneDraft.MAX_EDGES) List<Edge> edges) {

    @Schema(name = "SceneNodeRequest")
    public record Node(@Schema(required = true, maxLength = 128) String key, String label, Long assetId,
                       Boolean loopable, Boolean skippable, Double revealChoicesAtSec, JsonObject meta) {
    }

    @Schema(name = "SceneEdgeRequest")
    public record Edge(@Schema(required = true) String from, @Schema(required = true) String to,
                       @Schema(required = true, maxLength = 128) String choiceLabel,
                       @Schema(defaultValue = "1.0") Double weight, Double revealAtSec, Integer cooldownSec,
                       JsonValue conditions, JsonValue effects) {
    }

    SceneDraft toDraft() {
        return new SceneDraft(title, description, text(meta), entry,
                nodes == null ? null : nodes.stream().map(n -> n == null ? null : new SceneDraft.Node(n.key(),
                        n.assetId(), n.label(), Boolean.TRUE.equals(n.loopable()), Boolean.TRUE.equals(n.skippable()),
                        n.revealChoicesAtSec(), text(n.meta()))).toList(),
                edges == null ? List.of() : edges.stream().map(e -> e == null ? null : new SceneDraft.Edge(e.from(),
                        e.to(), e.choiceLabel(), e.weight() == null ? 1.0 : e.weight(), e.revealAtSec(),
                        e.cooldownSec(), text(e.conditions()), text(e.effects()))).toList());
    }

    private static String text(JsonValue json) {
        return json == null || json.getValueType() == JsonValue.ValueType.NULL ? null : json.toString();
    }
}
