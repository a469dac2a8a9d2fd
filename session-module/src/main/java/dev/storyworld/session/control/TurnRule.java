package dev.storyworld.session.control;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * The turn-based rule (ORIGIN.md 5.1): in a turn-based world session, world_time moves by nothing or
 * by exactly one turn, within 0.001 s, computed in decimal so that binary rounding cannot decide.
 */
public final class TurnRule {

    static final BigDecimal DEFAULT_TURN_SECONDS = BigDecimal.valueOf(3600);
    private static final BigDecimal TOLERANCE = new BigDecimal("0.001");

    private TurnRule() {
    }

    /** Why the move from {@code stored} to {@code requested} breaks the rule, if it does. */
    public static Optional<String> violation(Map<String, Object> effectiveFlags, double stored, double requested) {
        if (!"world".equals(effectiveFlags.get("sessionKind"))
                || !(effectiveFlags.get("world") instanceof Map<?, ?> world)
                || !"turn_based".equals(world.get("mode"))) {
            return Optional.empty();
        }
        BigDecimal turn = world.get("turnDeltaSeconds") instanceof Number n
                ? new BigDecimal(n.toString()) : DEFAULT_TURN_SECONDS;
        BigDecimal actual = new BigDecimal(Double.toString(requested)).subtract(new BigDecimal(Double.toString(stored)));
        if (actual.abs().compareTo(TOLERANCE) <= 0 || actual.subtract(turn).abs().compareTo(TOLERANCE) <= 0) {
            return Optional.empty();
        }
        return Optional.of("expected delta of " + turn.toPlainString() + "s, got " + asFloat(actual) + "s");
    }

    /** Written like the original's floats: 1800 is "1800.0", 0.5 stays "0.5". */
    private static String asFloat(BigDecimal value) {
        String plain = value.stripTrailingZeros().toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }
}
