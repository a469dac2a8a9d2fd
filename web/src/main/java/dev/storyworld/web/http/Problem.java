package dev.storyworld.web.http;

import dev.storyworld.common.ErrorCode;
import dev.storyworld.common.Violation;
import dev.storyworld.web.http.JsonBinding;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one error shape of the API (RFC 9457 problem details plus a stable {@code error} code).
 * Written with JSON-P so that it looks the same whether JAX-RS or the servlet error page sends it.
 */
public record Problem(int status, ErrorCode error, String detail, List<Violation> violations, String requestId,
                      Map<String, JsonValue> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** What a 503 asks clients to wait before trying again: the database pool heals within it. */
    public static final int RETRY_AFTER_SECONDS = 2;

    public Problem {
        violations = violations == null ? List.of() : List.copyOf(violations);
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    public Problem(ErrorCode error, String detail, List<Violation> violations, String requestId) {
        this(error.status(), error, detail, violations, requestId, Map.of());
    }

    /** The same problem with one more member, such as the {@code current_session} of a version conflict. */
    public Problem with(String member, JsonValue value) {
        Map<String, JsonValue> more = new LinkedHashMap<>(extensions);
        more.put(member, value);
        return new Problem(status, error, detail, violations, requestId, more);
    }

    public static Problem of(ErrorCode error, String detail) {
        return new Problem(error, detail, List.of(), null);
    }

    /** The problem for a bare HTTP status that no service decided, such as the container's own refusals. */
    public static Problem forStatus(int status) {
        return switch (status) {
            case 400 -> of(ErrorCode.INVALID_REQUEST, "The request is invalid");
            case 401 -> of(ErrorCode.UNAUTHORIZED, "A valid bearer token is required");
            case 403 -> of(ErrorCode.FORBIDDEN, "Forbidden");
            case 404 -> of(ErrorCode.NOT_FOUND, "No such resource");
            case 405 -> of(ErrorCode.METHOD_NOT_ALLOWED, "Method not allowed on this resource");
            case 406 -> of(ErrorCode.NOT_ACCEPTABLE, "This resource answers application/json only");
            case 413 -> of(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is too large");
            case 415 -> of(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Request bodies must be application/json");
            case 503 -> of(ErrorCode.SERVICE_UNAVAILABLE, "The service cannot answer now; retry later");
            // A status the container rarely sends keeps its number, under the nearest general code.
            default -> new Problem(status, status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.INVALID_REQUEST, null,
                    List.of(), null, Map.of());
        };
    }

    public String title() {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known != null ? known.getReasonPhrase() : "HTTP " + status;
    }

    public String toJson() {
        JsonObjectBuilder json = JsonBinding.JSON.createObjectBuilder()
                .add("status", status)
                .add("title", title())
                .add("detail", detail == null ? title() : detail)
                .add("error", error.code());
        if (!violations.isEmpty()) {
            JsonArrayBuilder list = JsonBinding.JSON.createArrayBuilder();
            violations.forEach(v -> list.add(JsonBinding.JSON.createObjectBuilder()
                    .add("field", v.field())
                    .add("message", v.message())));
            json.add("violations", list);
        }
        if (requestId != null) {
            json.add("request_id", requestId);
        }
        extensions.forEach(json::add);
        return json.build().toString();
    }

    /** The headers that go with the status: a 401's challenge, a 503's Retry-After. */
    private Map<String, String> headers() {
        return switch (status) {
            case 401 -> Map.of("WWW-Authenticate", "Bearer");
            case 503 -> Map.of("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
            default -> Map.of();
        };
    }

    public Response.ResponseBuilder toResponseBuilder() {
        Response.ResponseBuilder response = Response.status(status).type(MEDIA_TYPE).entity(toJson());
        headers().forEach(response::header);
        return response;
    }

    /** Sends the problem through the servlet API, for answers given where JAX-RS is not involved. */
    public void write(HttpServletResponse response) throws IOException {
        response.setStatus(status);
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        headers().forEach(response::setHeader);
        response.getWriter().write(toJson());
    }

    public Response toResponse() {
        return toResponseBuilder().build();
    }
}
