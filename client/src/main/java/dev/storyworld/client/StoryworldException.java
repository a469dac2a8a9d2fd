package dev.storyworld.client;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A call that failed: the server's problem answer ({@code status}, stable {@code error} code,
 * {@code detail}, {@code violations}, the request id), or no answer at all ({@link #NO_ANSWER}, status 0,
 * with the I/O failure as cause).
 */
public class StoryworldException extends RuntimeException {

    /** The {@link #error()} of a call that got no HTTP answer (connection refused or lost, timeout). */
    public static final String NO_ANSWER = "no_answer";

    private final int status;
    private final String error;
    private final String detail;
    private final List<Violation> violations;
    private final String requestId;
    private final Duration retryAfter;
    private final JsonObject problem;
    private final String idempotencyKey;

    /** One refused field of a validation failure, as the server named it ({@code meta.relationship_schemas.default[1].max}). */
    public record Violation(String field, String message) {
    }

    StoryworldException(Request request, int status, String error, String detail, List<Violation> violations,
                        String requestId, Duration retryAfter, JsonObject problem, Throwable cause) {
        super(request + ": " + (status == 0 ? "no answer" : status + " " + error) + (detail == null ? "" : " (" + detail + ")")
                + listed(violations) + (requestId == null ? "" : " [request " + requestId + "]"), cause);
        this.idempotencyKey = request.headers().get("Idempotency-Key");
        this.status = status;
        this.error = error;
        this.detail = detail;
        this.violations = List.copyOf(violations);
        this.requestId = requestId;
        this.retryAfter = retryAfter;
        this.problem = problem;
    }

    /** The same problem, for a subclass that adds what its error code carries. */
    StoryworldException(StoryworldException other) {
        super(other.getMessage(), other.getCause());
        this.status = other.status;
        this.error = other.error;
        this.detail = other.detail;
        this.violations = other.violations;
        this.requestId = other.requestId;
        this.retryAfter = other.retryAfter;
        this.problem = other.problem;
        this.idempotencyKey = other.idempotencyKey;
    }

    /** The violations for the message: each field with its message, the first ten and a count of the rest. */
    private static String listed(List<Violation> violations) {
        if (violations.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder(": ");
        for (int i = 0; i < Math.min(10, violations.size()); i++) {
            Violation v = violations.get(i);
            text.append(i == 0 ? "" : "; ").append(v.field()).append(' ').append(v.message());
        }
        if (violations.size() > 10) {
            text.append("; and ").append(violations.size() - 10).append(" more");
        }
        return text.toString();
    }

    static StoryworldException noAnswer(Request request, Throwable cause) {
        return new StoryworldException(request, 0, NO_ANSWER, String.valueOf(cause), List.of(), null, null,
                JsonValue.EMPTY_JSON_OBJECT, cause);
    }

    /** The HTTP status, 0 when no answer came. */
    public int status() {
        return status;
    }

    /** The stable machine code ({@code world_not_found}, {@code rate_limited}...), or {@link #NO_ANSWER}. */
    public String error() {
        return error;
    }

    public String detail() {
        return detail;
    }

    public List<Violation> violations() {
        return violations;
    }

    /** The server's id of the request (its {@code X-Request-Id}), for its logs; null when no answer came. */
    public String requestId() {
        return requestId;
    }

    /** What the server's {@code Retry-After} asked for, on 429 and 503. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * The {@code Idempotency-Key} the request carried (world advances): after a failure that may have
     * been applied (no answer, 503), sending it again with this key applies it at most once.
     */
    public Optional<String> idempotencyKey() {
        return Optional.ofNullable(idempotencyKey);
    }

    /** The whole problem document, for members this class does not name. */
    public JsonObject problem() {
        return problem;
    }
}
