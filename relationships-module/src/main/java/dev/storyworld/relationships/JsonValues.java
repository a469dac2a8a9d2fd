package dev.storyworld.relationships;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** Reading the generic values (maps, lists, numbers, strings) that a JSON binding produces. */
final class JsonValues {

    static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** Plain notation only within this exponent, so a hostile 1E+999999999 is never expanded. */
    private static final int MAX_PLAIN_SCALE = 20;

    private JsonValues() {
    }

    /** The exact value of a number, or null when it is NaN or infinite. */
    static BigDecimal exact(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            return BigDecimal.valueOf(n.longValue());
        }
        double d = n.doubleValue();
        return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
    }

    /**
     * Same answer as {@code exact(n) != null} without allocating, for the normalization hot path.
     * Big numbers are finite even when their double is not; clamping handles those.
     */
    static boolean isFinite(Number n) {
        return n instanceof BigDecimal || n instanceof BigInteger || Double.isFinite(n.doubleValue());
    }

    /** The value as a person would recognise it in a message. */
    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Number n) {
            BigDecimal exact = exact(n);
            return exact == null ? n.toString() : format(exact);
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "a list";
        }
        return "a value of type " + value.getClass().getSimpleName();
    }

    /** 50 rather than 50.0 or 5E+1, as the author most likely wrote it. */
    static String format(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return Math.abs(stripped.scale()) <= MAX_PLAIN_SCALE ? stripped.toPlainString() : stripped.toString();
    }
}
