package dev.storyworld.world.control;

import dev.storyworld.common.ErrorCode;
import dev.storyworld.common.JsonDocument;
import dev.storyworld.common.StoryworldException;
import dev.storyworld.common.Violation;
import dev.storyworld.relationships.RelationshipRules;
import jakarta.validation.Validator;

import java.util.ArrayList;
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

    /**
     * Refuses a meta that breaks a rule, naming every fault of the schemas and of the scheduler config in
     * one answer: 400 {@code invalid_world_schemas} when a schema rule is broken (its violations and the
     * scheduler config's), else {@code invalid_scheduler_config}.
     */
    public static void check(JsonDocument meta, Validator validator) {
        List<Violation> schemas = schemaViolations(meta);
        List<Violation> config = schedulerViolations(meta, validator);
        if (!schemas.isEmpty()) {
            List<Violation> all = new ArrayList<>(schemas);
            all.addAll(config);
            throw new StoryworldException(ErrorCode.INVALID_WORLD_SCHEMAS, config.isEmpty()
                    ? "The world meta breaks the relationship or intimacy schema rules"
                    : "The world meta breaks the schema rules and the scheduler config rules", all);
        }
        if (!config.isEmpty()) {
            throw SchedulerConfig.invalid(config);
        }
    }

    /** Every violation of the meta, schemas and scheduler config, with paths from the request body ({@code meta....}). */
    public static List<Violation> violations(JsonDocument meta, Validator validator) {
        List<Violation> all = new ArrayList<>(schemaViolations(meta));
        all.addAll(schedulerViolations(meta, validator));
        return all;
    }

    private static List<Violation> schemaViolations(JsonDocument meta) {
        return prefixed("meta", RelationshipRules.validate(meta.fields()));
    }

    private static List<Violation> schedulerViolations(JsonDocument meta, Validator validator) {
        if (!meta.has(SchedulerConfig.META_KEY)) {
            return List.of();
        }
        List<Violation> config = meta.get(SchedulerConfig.META_KEY) instanceof Map<?, ?> simulation
                ? SchedulerConfig.check(simulation, validator)
                : List.of(new Violation("", "must be an object"));
        return prefixed("meta." + SchedulerConfig.META_KEY, config);
    }

    /** Field paths relative to the request body, where the rules give them relative to the document. */
    private static List<Violation> prefixed(String parent, List<Violation> violations) {
        return violations.stream()
                .map(v -> new Violation(v.field().isEmpty() ? parent : parent + "." + v.field(), v.message()))
                .toList();
    }
}
