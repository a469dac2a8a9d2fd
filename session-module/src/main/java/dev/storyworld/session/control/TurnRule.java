package dev.storyworld.session.control;

import dev.storyworld.common.JsonDocument;
import dev.storyworld.common.Violation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The turn-based rule (docs/origin.md, "Turn rule"): in a turn-based world session, world_time moves by nothing or
 * by exactly one turn, within 0.001 s, computed in decimal so that binary rounding cannot decide.
 * The turn, {@code world.turnDeltaSeconds} in the flags, is from the tolerance (0.001 s) to a year:
 * checked when flags are stored and again when the rule runs, so that the decimal arithmetic stays
 * small (request bodies bound the length of every number too).
 */
public final class TurnRule {

    static final BigDecimal DEFAULT_TURN_SECONDS = BigDecimal.valueOf(3600);
    public static final BigDecimal MAX_TURN_SECONDS = BigDecimal.valueOf(31_536_000);
    private static final String TURN_KEY = "turnDeltaSeconds";
    private static final String TURN_RULE = "must be a number of seconds from 0.001 to " + MAX_TURN_SECONDS;
    private static final BigDecimal TOLERANCE = new BigDecimal("0.001");

    private TurnRule() {
    }

    /** Why the move from {@code stored} to {@code requested} breaks the rule, if it does. */
    public static Optional<String> violation(JsonDocument effectiveFlags, double stored, double requested) {
        if (!"world".equals(effectiveFlags.get("sessionKind"))
                || !(effectiveFlags.get("world") instanceof Map<?, ?> world)
                || !"turn_based".equals(world.get("mode"))) {
            return Optional.empty();
        }
        Optional<BigDecimal> turnSeconds = turn(world);
        if (turnSeconds.isEmpty()) {
            return Optional.of("world." + TURN_KEY + " " + TURN_RULE);
        }
        BigDecimal turn = turnSeconds.get();
        BigDecimal actual = new BigDecimal(Double.toString(requested)).subtract(new BigDecimal(Double.toString(stored)));
        if (actual.abs().compareTo(TOLERANCE) <= 0 || actual.subtract(turn).abs().compareTo(TOLERANCE) <= 0) {
            return Optional.empty();
        }
        return Optional.of("expected delta of " + turn.toPlainString() + "s, got " + asFloat(actual) + "s");
    }

    /** The violations of flags about to be stored: a turn length that the rule could not use. */
    public static List<Violation> check(JsonDocument flags) {
        return flags != null && flags.get("world") instanceof Map<?, ?> world && turn(world).isEmpty()
                ? List.of(new Violation("flags.world." + TURN_KEY, TURN_RULE)) : List.of();
    }

    /** The world's turn: the default when not given, empty when it is not a number from 0.001 s to a year. */
    private static Optional<BigDecimal> turn(Map<?, ?> world) {
        if (!world.containsKey(TURN_KEY)) {
            return Optional.of(DEFAULT_TURN_SECONDS);
        }
        if (!(world.get(TURN_KEY) instanceof Number n) || n instanceof Double d && !Double.isFinite(d)
                || n instanceof Float f && !Float.isFinite(f)) {
            return Optional.empty();
        }
        BigDecimal turn = new BigDecimal(n.toString());
        return turn.compareTo(TOLERANCE) >= 0 && turn.compareTo(MAX_TURN_SECONDS) <= 0 ? Optional.of(turn) : Optional.empty();
    }

    /** Written like the original's floats: 1800 is "1800.0", 0.5 stays "0.5". */
    private static String asFloat(BigDecimal value) {
        String plain = value.stripTrailingZeros().toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }
}
