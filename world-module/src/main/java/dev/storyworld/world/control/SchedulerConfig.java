package dev.storyworld.world.control;

import dev.storyworld.common.ErrorCode;
import dev.storyworld.common.JsonDocument;
import dev.storyworld.common.StoryworldException;
import dev.storyworld.common.Violation;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Payload;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scheduler config a world keeps at {@code meta.simulation} (ORIGIN §4), with its rules as Bean
 * Validation constraints. A document becomes a config field by field over {@link #DEFAULTS}; a value
 * of the wrong JSON type is a violation of its own, found while converting, and leaves the field
 * null, so nothing the client sends makes the conversion fail. Keys the config does not know are
 * kept and written back after the known ones. Decimals stay as the client wrote them (60.0 stays
 * 60.0); whole-number fields are longs (50.0 is written back as 50). Violations name fields
 * relative to the config ({@code timeScale}, {@code tiers.dormant.maxNpcs}).
 */
public record SchedulerConfig(
        @NotNull(message = NOT_NULL)
        @DecimalMin(value = "0.1", message = "must be between 0.1 and 1000")
        @DecimalMax(value = "1000", message = "must be between 0.1 and 1000")
        BigDecimal timeScale,
        @NotNull(message = NOT_NULL) @Min(value = 1, message = AT_LEAST) @Max(value = Integer.MAX_VALUE, message = AT_MOST)
        Long maxNpcTicksPerStep,
        @NotNull(message = NOT_NULL) @Min(value = 0, message = AT_LEAST) @Max(value = Integer.MAX_VALUE, message = AT_MOST)
        Long maxJobOpsPerStep,
        @NotNull(message = NOT_NULL)
        @DecimalMin(value = "0.1", message = "must be between 0.1 and 60")
        @DecimalMax(value = "60", message = "must be between 0.1 and 60")
        BigDecimal tickIntervalSeconds,
        @NotNull(message = NOT_NULL) @StandardTiers
        Map<String, @NotNull(message = NOT_NULL) @Valid Tier> tiers,
        @NotNull(message = NOT_NULL)
        Boolean pauseSimulation,
        @NotNull(message = NOT_NULL)
        JsonDocument meta,
        JsonDocument unknownKeys) {

    public static final String META_KEY = "simulation";
    public static final String PAUSED = "pauseSimulation";
    private static final List<String> STANDARD_TIERS = List.of("detailed", "active", "ambient", "dormant");

    static final String NOT_NULL = "must not be null";
    static final String AT_LEAST = "must be at least {value}";
    static final String AT_MOST = "must be at most {value}";

    private static final String TIME_SCALE = "timeScale";
    private static final String MAX_NPC_TICKS = "maxNpcTicksPerStep";
    private static final String MAX_JOB_OPS = "maxJobOpsPerStep";
    private static final String TICK_INTERVAL = "tickIntervalSeconds";
    private static final String TIERS = "tiers";
    private static final String META = "meta";
    private static final List<String> FIELDS =
            List.of(TIME_SCALE, MAX_NPC_TICKS, MAX_JOB_OPS, TICK_INTERVAL, TIERS, PAUSED, META);

    /** One tier of NPCs; its own unknown keys are kept too. */
    public record Tier(
            @NotNull(message = NOT_NULL) @Min(value = 0, message = AT_LEAST) @Max(value = Integer.MAX_VALUE, message = AT_MOST)
            Long maxNpcs,
            String description,
            JsonDocument unknownKeys) {

        private static final String MAX_NPCS = "maxNpcs";
        private static final String DESCRIPTION = "description";

        JsonDocument toDocument() {
            JsonDocument.Builder fields = JsonDocument.builder().put(MAX_NPCS, maxNpcs);
            if (description != null) {
                fields.put(DESCRIPTION, description);
            }
            return fields.putAll(unknownKeys).build();
        }
    }

    /** The original's defaults, in its field order. */
    public static final SchedulerConfig DEFAULTS = new SchedulerConfig(new BigDecimal("60.0"), 50L, 10L,
            new BigDecimal("1.0"), standardTiers(), false, JsonDocument.EMPTY, JsonDocument.EMPTY);

    /** Every standard tier is in the map: the scheduler sizes each of them. */
    @Target(ElementType.FIELD)
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = StandardTiersPresent.class)
    public @interface StandardTiers {

        String message() default "is required: the config must define the standard tiers [detailed, active, ambient, dormant]";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** Reports each missing standard tier at its own key, {@code tiers.dormant}. */
    public static class StandardTiersPresent implements ConstraintValidator<StandardTiers, Map<String, ?>> {

        @Override
        public boolean isValid(Map<String, ?> tiers, ConstraintValidatorContext context) {
            List<String> missing = tiers == null ? List.of()
                    : STANDARD_TIERS.stream().filter(tier -> !tiers.containsKey(tier)).toList();
            if (missing.isEmpty()) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            missing.forEach(tier -> context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                    .addBeanNode().inIterable().atKey(tier).addConstraintViolation());
            return false;
        }
    }

    /** The config a world meta holds: its {@code simulation} fields over the defaults (a stored meta has passed {@link #check}). */
    public static SchedulerConfig of(JsonDocument meta) {
        return read(storedFields(meta)).config();
    }

    /**
     * The config a world meta holds with {@code changes} set over it, each field sent replacing the
     * stored one whole; 400 {@code invalid_scheduler_config} when the result breaks a rule.
     */
    public static SchedulerConfig update(JsonDocument meta, JsonDocument changes, Validator validator) {
        Map<Object, Object> fields = new LinkedHashMap<>(storedFields(meta));
        fields.putAll(changes.fields());
        Reading reading = read(fields);
        List<Violation> violations = reading.violations(validator);
        if (!violations.isEmpty()) {
            throw invalid(violations);
        }
        return reading.config();
    }

    /** Every rule that a {@code simulation} object over the defaults breaks: one violation per field, in field order. */
    public static List<Violation> check(Map<?, ?> fields, Validator validator) {
        return read(fields).violations(validator);
    }

    /** The refusal of a config that breaks rules: 400 {@code invalid_scheduler_config}. */
    public static StoryworldException invalid(List<Violation> violations) {
        return new StoryworldException(ErrorCode.INVALID_SCHEDULER_CONFIG, "The scheduler config breaks its rules",
                violations);
    }

    /** The config as the client document it is stored and answered as: known fields in order, then the unknown keys. */
    public JsonDocument toDocument() {
        JsonDocument.Builder tierFields = JsonDocument.builder();
        tiers.forEach((name, tier) -> tierFields.put(name, tier.toDocument()));
        return JsonDocument.builder()
                .put(TIME_SCALE, timeScale)
                .put(MAX_NPC_TICKS, maxNpcTicksPerStep)
                .put(MAX_JOB_OPS, maxJobOpsPerStep)
                .put(TICK_INTERVAL, tickIntervalSeconds)
                .put(TIERS, tierFields.build())
                .put(PAUSED, pauseSimulation)
                .put(META, meta)
                .putAll(unknownKeys)
                .build();
    }

    private static Map<?, ?> storedFields(JsonDocument meta) {
        return meta.get(META_KEY) instanceof Map<?, ?> fields ? fields : Map.of();
    }

    private static Map<String, Tier> standardTiers() {
        Map<String, Tier> tiers = new LinkedHashMap<>();
        tiers.put("detailed", new Tier(20L, "NPCs near player or critical to scene", JsonDocument.EMPTY));
        tiers.put("active", new Tier(100L, "NPCs relevant to current session/arcs", JsonDocument.EMPTY));
        tiers.put("ambient", new Tier(500L, "NPCs in same world but not focused", JsonDocument.EMPTY));
        tiers.put("dormant", new Tier(5000L, "NPCs not actively simulated", JsonDocument.EMPTY));
        return Collections.unmodifiableMap(tiers);
    }

    private static Reading read(Map<?, ?> fields) {
        return new Reader().config(fields);
    }

    /** A document read as a config, and the fields whose JSON type was wrong (null in the config). */
    private record Reading(SchedulerConfig config, List<Violation> typeErrors) {

        /** Type errors, then the constraints; one violation per field (a type error wins), in field order. */
        List<Violation> violations(Validator validator) {
            Map<String, Violation> byField = new LinkedHashMap<>();
            typeErrors.forEach(violation -> byField.putIfAbsent(violation.field(), violation));
            validator.validate(config).forEach(violation ->
                    byField.putIfAbsent(field(violation.getPropertyPath()), new Violation(field(violation.getPropertyPath()),
                            violation.getMessage())));
            List<String> order = fieldOrder();
            return byField.values().stream()
                    .sorted(Comparator.comparingInt(violation -> {
                        int rank = order.indexOf(violation.field());
                        return rank < 0 ? order.size() : rank;
                    }))
                    .toList();
        }

        /** The order violations are reported in: the original's, with missing standard tiers before the tiers given. */
        private List<String> fieldOrder() {
            List<String> order = new ArrayList<>(List.of(TIME_SCALE, MAX_NPC_TICKS, MAX_JOB_OPS, TICK_INTERVAL, PAUSED, TIERS));
            Map<String, Tier> tiers = config.tiers();
            if (tiers != null) {
                STANDARD_TIERS.stream().filter(tier -> !tiers.containsKey(tier)).forEach(tier -> order.add(TIERS + "." + tier));
                tiers.keySet().forEach(tier -> order.addAll(List.of(TIERS + "." + tier, TIERS + "." + tier + "." + Tier.MAX_NPCS,
                        TIERS + "." + tier + "." + Tier.DESCRIPTION)));
            }
            order.add(META);
            return order;
        }

        /** A constraint's path as a field of the config: {@code tiers[dormant].maxNpcs} is {@code tiers.dormant.maxNpcs}. */
        private static String field(Path path) {
            List<String> parts = new ArrayList<>();
            for (Path.Node node : path) {
                if (node.getKey() != null) {
                    parts.add(String.valueOf(node.getKey()));
                }
                if (node.getKind() == ElementKind.PROPERTY) {
                    parts.add(node.getName());
                }
            }
            return String.join(".", parts);
        }
    }

    /** Converts a document to a config, noting each value of the wrong JSON type. */
    private static final class Reader {

        private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
        private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

        private final List<Violation> typeErrors = new ArrayList<>();

        Reading config(Map<?, ?> fields) {
            JsonDocument.Builder unknown = JsonDocument.builder();
            fields.forEach((key, value) -> {
                if (!FIELDS.contains(String.valueOf(key))) {
                    unknown.put(String.valueOf(key), value);
                }
            });
            SchedulerConfig config = new SchedulerConfig(
                    fields.containsKey(TIME_SCALE) ? decimal(TIME_SCALE, fields.get(TIME_SCALE)) : DEFAULTS.timeScale,
                    fields.containsKey(MAX_NPC_TICKS) ? whole(MAX_NPC_TICKS, fields.get(MAX_NPC_TICKS))
                            : DEFAULTS.maxNpcTicksPerStep,
                    fields.containsKey(MAX_JOB_OPS) ? whole(MAX_JOB_OPS, fields.get(MAX_JOB_OPS)) : DEFAULTS.maxJobOpsPerStep,
                    fields.containsKey(TICK_INTERVAL) ? decimal(TICK_INTERVAL, fields.get(TICK_INTERVAL))
                            : DEFAULTS.tickIntervalSeconds,
                    fields.containsKey(TIERS) ? tiers(fields.get(TIERS)) : DEFAULTS.tiers,
                    fields.containsKey(PAUSED) ? bool(PAUSED, fields.get(PAUSED)) : DEFAULTS.pauseSimulation,
                    fields.containsKey(META) ? object(META, fields.get(META)) : DEFAULTS.meta,
                    unknown.build());
            return new Reading(config, List.copyOf(typeErrors));
        }

        private Map<String, Tier> tiers(Object value) {
            if (value == null) {
                return null;
            }
            if (!(value instanceof Map<?, ?> fields)) {
                return wrongType(TIERS, "must be an object");
            }
            // Null values mark tiers that are null or not objects, so that each is reported at its place.
            Map<String, Tier> tiers = new LinkedHashMap<>();
            fields.forEach((name, tier) -> tiers.put(String.valueOf(name), tier(TIERS + "." + name, tier)));
            return Collections.unmodifiableMap(tiers);
        }

        private Tier tier(String path, Object value) {
            if (value == null) {
                return null;
            }
            if (!(value instanceof Map<?, ?> fields)) {
                return wrongType(path, "must be an object");
            }
            JsonDocument.Builder unknown = JsonDocument.builder();
            fields.forEach((key, field) -> {
                if (!Tier.MAX_NPCS.equals(key) && !Tier.DESCRIPTION.equals(key)) {
                    unknown.put(String.valueOf(key), field);
                }
            });
            String description = null;
            if (fields.containsKey(Tier.DESCRIPTION)) {
                description = fields.get(Tier.DESCRIPTION) instanceof String text ? text
                        : wrongType(path + "." + Tier.DESCRIPTION, "must be a string");
            }
            return new Tier(whole(path + "." + Tier.MAX_NPCS, fields.get(Tier.MAX_NPCS)), description, unknown.build());
        }

        private BigDecimal decimal(String path, Object value) {
            if (value == null) {
                return null;
            }
            return value instanceof Number number ? new BigDecimal(number.toString()) : wrongType(path, "must be a number");
        }

        /** A whole number beyond a long is out of range anyway: the nearest long lets @Min and @Max say so. */
        private Long whole(String path, Object value) {
            if (value == null) {
                return null;
            }
            if (value instanceof Number number) {
                BigDecimal exact = new BigDecimal(number.toString());
                if (exact.stripTrailingZeros().scale() <= 0) {
                    return exact.compareTo(LONG_MAX) > 0 ? Long.MAX_VALUE
                            : exact.compareTo(LONG_MIN) < 0 ? Long.MIN_VALUE : exact.longValueExact();
                }
            }
            return wrongType(path, "must be an integer");
        }

        private Boolean bool(String path, Object value) {
            if (value == null) {
                return null;
            }
            return value instanceof Boolean bool ? bool : wrongType(path, "must be true or false");
        }

        private JsonDocument object(String path, Object value) {
            if (value == null) {
                return null;
            }
            return value instanceof Map<?, ?> fields ? JsonDocument.of(fields) : wrongType(path, "must be an object");
        }

        private <T> T wrongType(String path, String message) {
            typeErrors.add(new Violation(path, message));
            return null;
        }
    }
}
