package dev.storyworld.client;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** Reads an error answer (problem+json, or whatever a proxy sent) into a typed exception. */
final class Problems {

    private Problems() {
    }

    static StoryworldException of(Request request, HttpResponse<String> response) {
        JsonObject problem = body(response.body());
        int status = response.statusCode();
        String error = JsonFields.present(problem, "error") ? problem.getString("error") : "http_" + status;
        String requestId = response.headers().firstValue("X-Request-Id")
                .orElse(JsonFields.optString(problem, "request_id"));
        List<StoryworldException.Violation> violations = JsonFields.list(problem, "violations",
                v -> new StoryworldException.Violation(JsonFields.optString(v, "field"), JsonFields.optString(v, "message")));
        StoryworldException exception = new StoryworldException(request, status, error,
                JsonFields.optString(problem, "detail"), violations, requestId, retryAfter(response), problem, null);
        if ("version_conflict".equals(error) && JsonFields.present(problem, "current_session")) {
            return new VersionConflict(exception, Session.of(problem.getJsonObject("current_session")));
        }
        return exception;
    }

    private static JsonObject body(String text) {
        try {
            return text == null || text.isBlank() ? JsonValue.EMPTY_JSON_OBJECT : JsonFields.parse(text);
        } catch (JsonException | IllegalStateException | ClassCastException notAProblem) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
    }

    /** {@code Retry-After} in seconds (the server's form); an HTTP date or garbage counts as absent. */
    private static Duration retryAfter(HttpResponse<String> response) {
        return response.headers().firstValue("Retry-After").map(String::trim).filter(s -> s.matches("\\d{1,9}"))
                .map(s -> Duration.ofSeconds(Long.parseLong(s))).orElse(null);
    }
}
