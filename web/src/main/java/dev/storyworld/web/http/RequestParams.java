package dev.storyworld.web.http;

import dev.storyworld.common.ErrorCode;
import dev.storyworld.common.StoryworldException;
import dev.storyworld.common.Violation;
import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;

import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Query parameters and body ids arrive as text or JSON values and are parsed here: JAX-RS would
 * answer a bad number with 404, where the contract wants a 400 that names the parameter. Path ids
 * bind as {@link Id}.
 */
public final class RequestParams {

    private RequestParams() {
    }

    private static final Pattern POSITIVE_LONG = Pattern.compile("[1-9][0-9]{0,18}");

    /** Text that is a positive 64-bit integer in plain digits (an id, a token's subject), else empty. */
    public static OptionalLong positiveLong(String raw) {
        if (raw != null && POSITIVE_LONG.matcher(raw).matches()) {
            try {
                return OptionalLong.of(Long.parseLong(raw));
            } catch (NumberFormatException tooLarge) {
                // 19 digits beyond Long.MAX_VALUE
            }
        }
        return OptionalLong.empty();
    }

    /**
     * A required body id: present, else 400 {@code invalid_request}; a positive 64-bit integer (a
     * JSON number, not a string), else 400 {@code invalid_id}.
     */
    public static long requiredId(String name, JsonValue value) {
        Long id = optionalId(name, value);
        if (id == null) {
            throw new StoryworldException(ErrorCode.INVALID_REQUEST, name + " is required",
                    List.of(new Violation(name, "must not be null")));
        }
        return id;
    }

    /** An optional body id: absent or null, else as {@link #requiredId}. */
    public static Long optionalId(String name, JsonValue value) {
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        OptionalLong id = value instanceof JsonNumber number ? exactLong(number) : OptionalLong.empty();
        if (id.isEmpty() || id.getAsLong() <= 0) {
            throw notAnId(name);
        }
        return id.getAsLong();
    }

    /** The number as a long when it is an integer that fits one (1.0 does, 1.5 and 1e30 do not). */
    private static OptionalLong exactLong(JsonNumber number) {
        try {
            return OptionalLong.of(number.bigDecimalValue().longValueExact());
        } catch (ArithmeticException notALong) {
            return OptionalLong.empty();
        }
    }

    private static StoryworldException notAnId(String name) {
        return new StoryworldException(ErrorCode.INVALID_ID, name + " must be a positive integer",
                List.of(new Violation(name, "must be a positive integer")));
    }

    /** A page size asked for by {@code limit}: absent means {@code fallback}; clamped to 1..{@code max}. */
    public static int limit(String raw, int fallback, int max) {
        return Math.max(1, Math.min(max, integer("limit", raw, fallback)));
    }

    /** An optional integer query parameter, else 400 {@code invalid_request}. */
    public static int integer(String name, String raw, int fallback) {
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new StoryworldException(ErrorCode.INVALID_REQUEST, name + " must be an integer",
                    List.of(new Violation(name, "must be an integer")));
        }
    }
}
