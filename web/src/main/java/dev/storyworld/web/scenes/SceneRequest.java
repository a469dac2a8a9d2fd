package dev.storyworld.web.scenes;

import dev.storyworld.common.JsonDocument;
import dev.storyworld.common.Violation;
import dev.storyworld.scene.control.SceneDraft;
import dev.storyworld.web.http.CheckedBody;
import dev.storyworld.web.problems.ConstraintViolationMapper;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.validation.Validator;

import java.util.ArrayList;
import java.util.List;

/** The body of {@code POST /game/scenes}: a whole graph, nodes named by client keys. */
public record SceneRequest(String title, String description, JsonObject meta, String entry, List<NodeRequest> nodes,
                           List<EdgeRequest> edges) implements CheckedBody {

    /** Every fault of the scene at once: its fields' rules (Bean Validation of the draft) and the graph's references. */
    @Override
    public List<Violation> violations(Validator validator) {
        SceneDraft draft = toDraft();
        List<Violation> violations = new ArrayList<>(ConstraintViolationMapper.violations(validator.validate(draft)));
        violations.addAll(draft.graphViolations());
        return violations;
    }

    public record NodeRequest(String key, String label, Long assetId, Boolean loopable, Boolean skippable,
                              Double revealChoicesAtSec, JsonObject meta) {
    }

    public record EdgeRequest(String from, String to, String choiceLabel, Double weight, Double revealAtSec,
                              Integer cooldownSec, JsonValue conditions, JsonValue effects) {
    }

    SceneDraft toDraft() {
        return new SceneDraft(title, description, JsonDocument.of(meta), entry,
                nodes == null ? null : nodes.stream().map(n -> n == null ? null : new SceneDraft.Node(n.key(),
                        n.assetId(), n.label(), Boolean.TRUE.equals(n.loopable()), Boolean.TRUE.equals(n.skippable()),
                        n.revealChoicesAtSec(), JsonDocument.of(n.meta()))).toList(),
                edges == null ? List.of() : edges.stream().map(e -> e == null ? null : new SceneDraft.Edge(e.from(),
                        e.to(), e.choiceLabel(), e.weight() == null ? 1.0 : e.weight(), e.revealAtSec(),
                        e.cooldownSec(), value(e.conditions()), value(e.effects()))).toList());
    }


    /** JSON null is no value: it is stored as SQL NULL and answered as null. */
    private static JsonValue value(JsonValue json) {
        return json == null || json.getValueType() == JsonValue.ValueType.NULL ? null : json;
    }
}
