package dev.storyworld.relationships;

import dev.storyworld.common.JsonDocument;
import dev.storyworld.common.Violation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** ORIGIN §3.4 without its crashes: bad entries become violations, and the input is never changed. */
final class Normalizer {

    static final String TIER_ID = "tierId";
    static final String INTIMACY_LEVEL_ID = "intimacyLevelId";
    private static final String NPC_PREFIX = "npc:";

    private Normalizer() {
    }

    static Normalization normalize(Map<String, ?> relationships, RelationshipRules rules) {
        if (relationships == null) {
            return Normalization.of(JsonDocument.EMPTY);
        }
        JsonDocument.Builder normalized = JsonDocument.builder();
        List<Violation> violations = new ArrayList<>(0);
        for (Map.Entry<String, ?> entry : relationships.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            if (isNpcKey(key)) {
                if (value instanceof Map<?, ?> npc) {
                    value = normalizeNpc(key, npc, rules, violations);
                } else {
                    violations.add(new Violation(key,
                            "NPC relationship must be an object, got " + JsonValues.describe(value)));
                }
            }
            normalized.put(key, value);
        }
        return violations.isEmpty() ? Normalization.of(normalized.build()) : Normalization.rejected(violations);
    }

    private static Map<Object, Object> normalizeNpc(String key, Map<?, ?> npc, RelationshipRules rules,
                                                    List<Violation> violations) {
        double affinity = axis(npc, "affinity", key, violations);
        double trust = axis(npc, "trust", key, violations);
        double chemistry = axis(npc, "chemistry", key, violations);
        double tension = axis(npc, "tension", key, violations);
        return new NormalizedNpc(npc, rules.tierFor(affinity), rules.intimacyFor(affinity, trust, chemistry, tension));
    }

    /**
     * An axis left out counts as 0 (ORIGIN), and so does JSON null, as for a tier's null max. The value itself is
     * kept as sent: clamping is for the computation only.
     */
    private static double axis(Map<?, ?> npc, String name, String key, List<Violation> violations) {
        Object value = npc.get(name);
        if (value == null) {
            return 0;
        }
        if (value instanceof Number n && JsonValues.isFinite(n)) {
            return n.doubleValue();
        }
        violations.add(new Violation(key + "." + name,
                name + " must be a finite number, got " + JsonValues.describe(value)));
        return 0;
    }

    /** {@code npc:} and an integer, as the original's {@code int(suffix)} accepts it without spaces or underscores. */
    private static boolean isNpcKey(String key) {
        if (!key.startsWith(NPC_PREFIX)) {
            return false;
        }
        int i = NPC_PREFIX.length();
        if (i < key.length() && (key.charAt(i) == '-' || key.charAt(i) == '+')) {
            i++;
        }
        if (i == key.length()) {
            return false;
        }
        for (; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
