package dev.storyworld.relationships;

import dev.storyworld.common.Violation;

import java.util.List;
import java.util.Map;

/**
 * The relationship rules of one world meta: validation and reporting of its schemas, and, once compiled, the tier
 * and intimacy level of any relationship axes and the normalization of a session's {@code relationships}.
 * Immutable and thread-safe; compile once per meta version and share.
 */
public final class RelationshipRules {

    private static final RelationshipRules DEFAULTS =
            new RelationshipRules(TierRules.defaults(), IntimacyRules.defaults());

    private final TierRules tiers;
    private final IntimacyRules intimacy;

    private RelationshipRules(TierRules tiers, IntimacyRules intimacy) {
        this.tiers = tiers;
        this.intimacy = intimacy;
    }

    /** Every violation of the schema rules in the meta; other meta keys are not looked at. Empty when valid. */
    public static List<Violation> validate(Map<String, ?> meta) {
        return SchemaValidator.validate(meta);
    }

    /** Per-schema health with warnings and suggestions. */
    public static SchemaReport report(Map<String, ?> meta) {
        return SchemaReport.of(meta);
    }

    /**
     * The rules of a meta, meant for a validated one: the {@code default} relationship tiers and the intimacy levels,
     * each falling back to the default rules when the meta has no such schema. Entries of an invalid meta that fail
     * their own checks are skipped, so this never throws and always gives the same rules for the same meta.
     */
    public static RelationshipRules compile(Map<String, ?> meta) {
        if (meta == null) {
            return DEFAULTS;
        }
        return new RelationshipRules(TierRules.compile(meta.get(SchemaValidator.RELATIONSHIP_SCHEMAS)),
                IntimacyRules.compile(meta.get(SchemaValidator.INTIMACY_SCHEMA)));
    }

    /** The rules of a world without schemas (ORIGIN §3.2 and §3.3). */
    public static RelationshipRules defaults() {
        return DEFAULTS;
    }

    /** The tier of the affinity clamped to 0..100 (NaN counts as 0), or null when the world's tiers leave it out. */
    public String tierFor(double affinity) {
        return tiers.tierFor(clamp(affinity));
    }

    /**
     * The intimacy level of the axes, each clamped to 0..100 (NaN counts as 0), or null when no level matches.
     */
    public String intimacyFor(double affinity, double trust, double chemistry, double tension) {
        return intimacy.levelFor(clamp(affinity), clamp(trust), clamp(chemistry), clamp(tension));
    }

    /**
     * A new document (same key order) in which every {@code npc:<int>} object, in its own key order, has
     * {@code tierId} and {@code intimacyLevelId} set (either may be null); every other value is kept as it is. The
     * input is never changed. Or the violations: an {@code npc:<int>}
     * value that is not an object, an axis that is neither a finite number nor null. A missing or null axis counts
     * as 0; axis values are kept as sent. A null document normalizes to an empty one.
     */
    public Normalization normalize(Map<String, ?> relationships) {
        return Normalizer.normalize(relationships, this);
    }

    private static double clamp(double value) {
        return value >= 100 ? 100 : value > 0 ? value : 0;
    }
}
