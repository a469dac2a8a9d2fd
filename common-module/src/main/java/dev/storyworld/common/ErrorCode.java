package dev.storyworld.common;

import java.util.Locale;

/**
 * The stable error codes of the HTTP contract (docs/api.md, "Errors"), each with its status. Services
 * name the code; only the web layer turns it into an answer. {@code ErrorCodeTest} holds this list to
 * the docs' table and to the OpenAPI document's {@code Problem.error}.
 */
public enum ErrorCode {
    MALFORMED_JSON(400),
    INVALID_REQUEST(400),
    INVALID_ID(400),
    INVALID_WORLD_SCHEMAS(400),
    INVALID_SCHEDULER_CONFIG(400),
    INVALID_EDGE_FOR_CURRENT_NODE(400),
    TURN_BASED_VALIDATION_FAILED(400),
    INVALID_RELATIONSHIPS(400),
    INVALID_CURSOR(400),
    UNAUTHORIZED(401),
    FORBIDDEN(403),
    WORLD_ACCESS_DENIED(403),
    WORLD_NOT_FOUND(404),
    SCENE_NOT_FOUND(404),
    SESSION_NOT_FOUND(404),
    NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    NOT_ACCEPTABLE(406),
    VERSION_CONFLICT(409),
    IDEMPOTENCY_KEY_REUSED(409),
    SCENE_IN_USE(409),
    SESSION_BUSY(409),
    PAYLOAD_TOO_LARGE(413),
    UNSUPPORTED_MEDIA_TYPE(415),
    RATE_LIMITED(429),
    INTERNAL_ERROR(500),
    SERVICE_UNAVAILABLE(503);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    /** The code as the API writes it: {@code world_not_found}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public int status() {
        return status;
    }

    /** The problem's {@code title}: the status's reason phrase. */
    public String title() {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 409 -> "Conflict";
            case 413 -> "Request Entity Too Large";
            case 415 -> "Unsupported Media Type";
            case 429 -> "Too Many Requests";
            case 503 -> "Service Unavailable";
            default -> "Internal Server Error";
        };
    }
}
