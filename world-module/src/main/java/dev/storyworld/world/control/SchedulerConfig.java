package dev.storyworld.world.control;

import dev.storyworld.common.ErrorCode;
import dev.storyworld.common.StoryworldException;
import dev.storyworld.common.Violation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scheduler config a world keeps at {@code meta.simulation} (ORIGIN §4): its defaults, the
 * partial update and every rule, as pure functions over the generic document values of
 * {@code JsonDocuments} (maps, lists, BigDecimal, String, Boolean, null). Unknown keys are kept
 * and not checked. Never throws on bad input: every problem is a {@link Violation} whose field is
 * relative to the config ({@code timeScale}, {@code tiers.dormant.maxNpcs}).
 */
public final class SchedulerConfig {

    public static final String META_KEY = "simulation";
    public static final String PAUSED = "pauseSimulation";
    public static final List<String> STANDARD_TIERS = List.of("detailed", "active", "ambient", "dormant");

    private static final String TIERS = "tiers";
    private static final String MAX_NPCS = "maxNpcs";
    private static final String DESCRIPTION = "description";
    private static final BigDecimal INT_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);

    /** A number field and its inclusive range; integer fields take whole numbers only. */
    private record NumberRule(String field, BigDecimal min, BigDecimal max, boolean integer) {
    }

    private static final List<NumberRule> NUMBERS = List.of(
            new NumberRule("timeScale", new BigDecimal("0.1"), new BigDecimal("1000"), false),
            new NumberRule("maxNpcTicksPerStep", BigDecimal.ONE, INT_MAX, true),
            new NumberRule("maxJobOpsPerStep", BigDecimal.ZERO, INT_MAX, true),
            new NumberRule("tickIntervalSeconds", new BigDecimal("0.1"), new BigDecimal("60"), false));
    private static final NumberRule TIER_SIZE = new NumberRule(MAX_NPCS, BigDecimal.ZERO, INT_MAX, true);

    private SchedulerConfig() {
    }

    /** A fresh, mutable copy of the default config, in the original's field order. */
    public static Map<String, Object> defaults() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("timeScale", new BigDecimal("60.0"));
        config.put("maxNpcTicksPerStep", BigDecimal.valueOf(50));
        config.put("maxJobOpsPerStep", BigDecimal.valueOf(10));
        config.put("tickIntervalSeconds", new BigDecimal("1.0"));
        Map<String, Object> tiers = new LinkedHashMap<>();
        tiers.put("detailed", tier(20, "NPCs near player or critical to scene"));
        tiers.put("active", tier(100, "NPCs relevant to current session/arcs"));
        tiers.put("ambient", tier(500, "NPCs in same world but not focused"));
        tiers.put("dormant", tier(5000, "NPCs not actively simulated"));
        config.put(TIERS, tiers);
        config.put(PAUSED, Boolean.FALSE);
        config.put("meta", new LinkedHashMap<>());
        return config;
    }

    /**
     * The config in force for a stored {@code meta.simulation}: the defaults with every stored
     * field laid over them (whole fields: stored tiers replace the default tiers). A missing or
     * non-object value means the defaults.
     */
    public static Map<String, Object> effective(Object stored) {
        return merge(defaults(), stored instanceof Map<?, ?> fields ? fields : Map.of());
    }

    /** {@code current} with every field of {@code patch} set as sent, an explicit null included. */
    public static Map<String, Object> merge(Map<String, ?> current, Map<?, ?> patch) {
        Map<String, Object> merged = new LinkedHashMap<>(current);
        patch.forEach((field, value) -> merged.put(String.valueOf(field), value));
        return merged;
    }

    /** The refusal of a config that breaks rules: 400 {@code invalid_scheduler_config}. */
    public static StoryworldException invalid(List<Violation> violations) {
        return new StoryworldException(ErrorCode.INVALID_SCHEDULER_CONFIG, "The scheduler config breaks its rules",
                violations);
    }

    /** Every rule broken by a whole config (apply {@link #effective} or {@link #merge} first). */
    public static List<Violation> validate(Map<String, ?> config) {
        List<Violation> violations = new ArrayList<>();
        for (NumberRule rule : NUMBERS) {
            checkNumber(rule, rule.field(), config.get(rule.field()), violations);
        }
        Object paused = config.get(PAUSED);
        if (!(paused instanceof Boolean)) {
            violations.add(new Violation(PAUSED, paused == null ? "must not be null" : "must be true or false"));
        }
        checkTiers(config.get(TIERS), violations);
        Object meta = config.get("meta");
        if (!(meta instanceof Map)) {
            violations.add(new Violation("meta", meta == null ? "must not be null" : "must be an object"));
        }
        return Collections.unmodifiableList(violations);
    }

    private static void checkTiers(Object value, List<Violation> violations) {
        if (!(value instanceof Map<?, ?> tiers)) {
            violations.add(new Violation(TIERS, value == null ? "must not be null" : "must be an object"));
            return;
        }
        for (String standard : STANDARD_TIERS) {
            if (!tiers.containsKey(standard)) {
                violations.add(new Violation(TIERS + "." + standard,
                        "is required: the config must define the standard tiers " + STANDARD_TIERS));
            }
        }
        tiers.forEach((name, tier) -> {
            String path = TIERS + "." + name;
            if (!(tier instanceof Map<?, ?> fields)) {
                violations.add(new Violation(path, tier == null ? "must not be null" : "must be an object"));
                return;
            }
            checkNumber(TIER_SIZE, path + "." + MAX_NPCS, fields.get(MAX_NPCS), violations);
            if (fields.containsKey(DESCRIPTION) && !(fields.get(DESCRIPTION) instanceof String)) {
                violations.add(new Violation(path + "." + DESCRIPTION, "must be a string"));
            }
        });
    }

    private static void checkNumber(NumberRule rule, String path, Object value, List<Violation> violations) {
        if (!(value instanceof BigDecimal number)) {
            violations.add(new Violation(path, value == null ? "must not be null"
                    : rule.integer() ? "must be an integer" : "must be a number"));
        } else if (rule.integer() && number.stripTrailingZeros().scale() > 0) {
            violations.add(new Violation(path, "must be an integer"));
        } else if (rule.integer() && number.compareTo(rule.min()) < 0) {
            violations.add(new Violation(path, "must be at least " + rule.min()));
        } else if (rule.integer() && number.compareTo(rule.max()) > 0) {
            violations.add(new Violation(path, "must be at most " + rule.max()));
        } else if (number.compareTo(rule.min()) < 0 || number.compareTo(rule.max()) > 0) {
            violations.add(new Violation(path, "must be between " + rule.min() + " and " + rule.max()));
        }
    }

    private static Map<String, Object> tier(int maxNpcs, String description) {
        Map<String, Object> tier = new LinkedHashMap<>();
        tier.put(MAX_NPCS, BigDecimal.valueOf(maxNpcs));
        tier.put(DESCRIPTION, description);
        return tier;
    }
}
