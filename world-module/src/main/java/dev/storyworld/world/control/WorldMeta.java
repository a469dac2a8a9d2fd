package dev.storyworld.world.control;

import dev.storyworld.common.ErrorCode;
import dev.storyworld.common.JsonDocument;
import dev.storyworld.common.StoryworldException;
import dev.storyworld.common.Violation;
import dev.storyworld.relationships.RelationshipRules;
import jakarta.validation.Validator;

import java.util.List;
import java.util.Map;

/**
 * The rules every stored world meta satisfies, checked on each write so that no caller can store
 * a meta that a reader would then trip over: the relationship and intimacy schemas, and the
 * scheduler config at {@code simulation} when there is one (it may be partial: the defaults fill
 * in the rest). Other keys are the client's and kept as given.
 */
public final class WorldMeta {

    private WorldMeta() {
    }

    /** Refuses a meta that breaks a rule: 400 {@code invalid_world_schemas} or {@code invalid_scheduler_config}. */
    public static void check(JsonDocument meta, Validator validator) {
        List<Violation> schemas = RelationshipRules.validate(meta.fields());
        if (!schemas.isEmpty()) {
            throw new StoryworldException(ErrorCode.INVALID_WORLD_SCHEMAS,
                    "The world meta breaks the relationship or intimacy schema rules", prefixed("meta", schemas));
        }
        if (meta.has(SchedulerConfig.META_KEY)) {
            List<Violation> config = meta.get(SchedulerConfig.META_KEY) instanceof Map<?, ?> simulation
                    ? SchedulerConfig.check(simulation, validator)
                    : List.of(new Violation("", "must be an object"));
            if (!config.isEmpty()) {
                throw SchedulerConfig.invalid(prefixed("meta." + SchedulerConfig.META_KEY, config));
            }
        }
    }

    /** Field paths relative to the request body, where the rules give them relative to the document. */
    private static List<Violation> prefixed(String parent, List<Violation> violations) {
        return violations.stream()
                .map(v -> new Violation(v.field().isEmpty() ? parent : parent + "." + v.field(), v.message()))
                .toList();
    }
}
