package dev.storyworld.web.platform;

import dev.storyworld.common.StoryworldException;
import dev.storyworld.relationships.Violation;
import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;

import java.util.List;

/**
 * Path and query parameters arrive as text and are parsed here: JAX-RS would answer a bad
 * number with 404, where the contract wants a 400 that names the parameter.
 */
public final class RequestParams {

    private RequestParams() {
    }

    /** A path or body id: a positive 64-bit integer, else 400 {@code invalid_id}. */
    public static long id(String name, String raw) {
        if (raw != null && raw.matches("[1-9][0-9]{0,18}")) {
            try {
                return Long.parseLong(raw);
            } catch (NumberFormatException tooLarge) {
                // falls through to the refusal below
            }
        }
        throw notAnId(name);
    }

    /**
     * A required body id: present, else 400 {@code invalid_request}; a positive 64-bit integer (a
     * JSON number, not a string), else 400 {@code invalid_id}.
     */
    public static long requiredId(String name, JsonValue value) {
        Long id = optionalId(name, value);
        if (id == null) {
            throw StoryworldException.invalid("invalid_request", name + " is required",
                    List.of(new Violation(name, "must not be null")));
        }
        return id;
    }

    /** An optional body id: absent or null, else as {@link #requiredId}. */
    public static Long optionalId(String name, JsonValue value) {
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonNumber number) {
            try {
                long id = number.bigDecimalValue().longValueExact();
                if (id > 0) {
                    return id;
                }
            } catch (ArithmeticException notALong) {
                // refused below
            }
        }
        throw notAnId(name);
    }

    private static StoryworldException notAnId(String name) {
        return StoryworldException.invalid("invalid_id", name + " must be a positive integer",
                List.of(new Violation(name, "must be a positive integer")));
    }

    /** An optional integer query parameter, else 400 {@code invalid_request}. */
    public static int integer(String name, String raw, int fallback) {
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw StoryworldException.invalid("invalid_request", name + " must be an integer",
                    List.of(new Violation(name, "must be an integer")));
        }
    }
}
