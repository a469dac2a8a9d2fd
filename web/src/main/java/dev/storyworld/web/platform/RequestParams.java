package dev.storyworld.web.platform;

import dev.storyworld.common.StoryworldException;
import dev.storyworld.relationships.Violation;

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
        throw StoryworldException.invalid("invalid_id", name + " must be a positive integer",
                List.of(new Violation(name, "must be a positive integer")));
    }

    /** A required body id: present, else 400 {@code invalid_request}; positive, else 400 {@code invalid_id}. */
    public static long requiredId(String name, Long value) {
        if (value == null) {
            throw StoryworldException.invalid("invalid_request", name + " is required",
                    List.of(new Violation(name, "must not be null")));
        }
        return optionalId(name, value);
    }

    /** An optional body id: null, or positive, else 400 {@code invalid_id}. */
    public static Long optionalId(String name, Long value) {
        if (value != null && value <= 0) {
            throw StoryworldException.invalid("invalid_id", name + " must be a positive integer",
                    List.of(new Violation(name, "must be a positive integer")));
        }
        return value;
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
