package dev.storyworld.relationships;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Axes to intimacy level id (ORIGIN §3.3), compiled into arrays because it runs for every NPC of every answer. */
final class IntimacyRules {

    /** Least to most intimate, as a schema lists them, so the schema's last-to-first search applies unchanged. */
    private static final IntimacyRules DEFAULTS = new IntimacyRules(List.of(
            level("light_flirt", 20, null, 20),
            level("deep_flirt", 40, 20, 40),
            level("intimate", 60, 40, 60),
            level("very_intimate", 80, 60, 80)));

    private final String[] ids;
    private final double[] minAffinity;
    private final double[] minTrust;
    private final double[] minChemistry;
    private final double[] maxTension;

    /** Filled in the constructor so that the final fields publish the arrays' contents safely. */
    private IntimacyRules(List<IntimacyLevel> levels) {
        int size = levels.size();
        ids = new String[size];
        minAffinity = new double[size];
        minTrust = new double[size];
        minChemistry = new double[size];
        maxTension = new double[size];
        for (int i = 0; i < size; i++) {
            IntimacyLevel level = levels.get(i);
            ids[i] = level.id();
            minAffinity[i] = bound(level.minAffinity(), Double.NEGATIVE_INFINITY);
            minTrust[i] = bound(level.minTrust(), Double.NEGATIVE_INFINITY);
            minChemistry[i] = bound(level.minChemistry(), Double.NEGATIVE_INFINITY);
            maxTension[i] = bound(level.maxTension(), Double.POSITIVE_INFINITY);
        }
    }

    static IntimacyRules defaults() {
        return DEFAULTS;
    }

    /**
     * The levels of {@code intimacy_schema}, or the default rules when it has no {@code levels} list. Levels that
     * fail their own checks are left out, so an unvalidated schema still compiles the same way every time.
     */
    static IntimacyRules compile(Object intimacySchema) {
        if (intimacySchema instanceof Map<?, ?> schema && schema.get("levels") instanceof List<?>) {
            return new IntimacyRules(SchemaValidator.checkIntimacy(schema).entries());
        }
        return DEFAULTS;
    }

    /** An absent threshold becomes a bound no value can miss, so matching needs no null checks. */
    private static double bound(BigDecimal threshold, double absent) {
        return threshold == null ? absent : threshold.doubleValue();
    }

    private static IntimacyLevel level(String id, int minAffinity, Integer minTrust, int minChemistry) {
        return new IntimacyLevel(id, BigDecimal.valueOf(minAffinity),
                minTrust == null ? null : BigDecimal.valueOf(minTrust), BigDecimal.valueOf(minChemistry), null);
    }

    /** The last level, in array order, whose every threshold the clamped axes meet, or null when none does. */
    String levelFor(double affinity, double trust, double chemistry, double tension) {
        for (int i = ids.length - 1; i >= 0; i--) {
            if (affinity >= minAffinity[i] && trust >= minTrust[i] && chemistry >= minChemistry[i]
                    && tension <= maxTension[i]) {
                return ids[i];
            }
        }
        return null;
    }
}
