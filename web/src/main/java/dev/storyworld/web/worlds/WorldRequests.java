package dev.storyworld.web.worlds;

import dev.storyworld.common.JsonDocument;
import dev.storyworld.common.Violation;
import dev.storyworld.web.http.CheckedBody;
import dev.storyworld.world.control.WorldMeta;
import jakarta.json.JsonObject;
import jakarta.validation.Validator;

import java.util.ArrayList;
import java.util.List;

/** Request bodies of the worlds endpoints. */
public final class WorldRequests {

    private WorldRequests() {
    }

    /**
     * {@code meta} binds as a JSON-P object: a generic map would quietly accept an array or a
     * number, where the contract wants a 400.
     */
    public record Create(String name, JsonObject meta) implements CheckedBody {

        @Override
        public List<Violation> violations(Validator validator) {
            List<Violation> violations = new ArrayList<>();
            if (name == null || name.isBlank()) {
                violations.add(new Violation("name", "must not be blank"));
            } else if (name.length() > 128) {
                violations.add(new Violation("name", "size must be between 0 and 128"));
            }
            if (meta != null) {
                violations.addAll(WorldMeta.violations(JsonDocument.of(meta), validator));
            }
            return violations;
        }
    }

    public record ReplaceMeta(JsonObject meta) implements CheckedBody {

        @Override
        public List<Violation> violations(Validator validator) {
            return meta == null ? List.of(new Violation("meta", "must not be null"))
                    : WorldMeta.violations(JsonDocument.of(meta), validator);
        }
    }

    public record Advance(Double deltaSeconds) {
    }

}
