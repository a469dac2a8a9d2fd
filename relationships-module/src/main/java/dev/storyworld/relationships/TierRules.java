package dev.storyworld.relationships;

import java.util.List;
import java.util.Map;

/** Affinity to tier id (ORIGIN §3.2), compiled into arrays because it runs for every NPC of every answer. */
final class TierRules {

    /** The only schema key that sessions use. */
    static final String DEFAULT_KEY = "default";

    private static final TierRules DEFAULTS = thresholds(
            List.of("stranger", "acquaintance", "friend", "close_friend", "lover"),
            new double[] {0, 10, 30, 60, 80});

    private final String[] ids;
    private final double[] mins;
    private final double[] maxs;

    private TierRules(String[] ids, double[] mins, double[] maxs) {
        this.ids = ids;
        this.mins = mins;
        this.maxs = maxs;
    }

    static TierRules defaults() {
        return DEFAULTS;
    }

    /**
     * The {@code default} tiers of {@code relationship_schemas}, or the default tiers when there is no such list.
     * Tiers that fail their own checks are left out, so an unvalidated schema still compiles the same way every time.
     */
    static TierRules compile(Object relationshipSchemas) {
        if (relationshipSchemas instanceof Map<?, ?> schemas && schemas.get(DEFAULT_KEY) instanceof List<?> tiers) {
            List<Tier> sorted = SchemaValidator.checkTiers(DEFAULT_KEY, tiers).entries();
            String[] ids = new String[sorted.size()];
            double[] mins = new double[ids.length];
            double[] maxs = new double[ids.length];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = sorted.get(i).id();
                mins[i] = sorted.get(i).min().doubleValue();
                maxs[i] = sorted.get(i).max().doubleValue();
            }
            return new TierRules(ids, mins, maxs);
        }
        return DEFAULTS;
    }

    /**
     * The default tiers are inclusive lower bounds: a value on a boundary belongs to the upper tier. Ending each tier
     * one ulp below the next start expresses that with the schema's both-ends-inclusive match, since no double lies
     * in between.
     */
    private static TierRules thresholds(List<String> ids, double[] starts) {
        double[] ends = new double[starts.length];
        for (int i = 0; i < starts.length; i++) {
            ends[i] = i + 1 < starts.length ? Math.nextDown(starts[i + 1]) : 100;
        }
        return new TierRules(ids.toArray(String[]::new), starts, ends);
    }

    /** First tier by min whose range holds the clamped affinity, or null when none does. */
    String tierFor(double clampedAffinity) {
        for (int i = 0; i < ids.length; i++) {
            if (mins[i] <= clampedAffinity && clampedAffinity <= maxs[i]) {
                return ids[i];
            }
        }
        return null;
    }
}
