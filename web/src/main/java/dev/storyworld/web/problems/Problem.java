package dev.storyworld.web.problems;

import dev.storyworld.relationships.Violation;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * The one error shape of the API (RFC 9457 problem details plus a stable {@code error} code).
 * Written with JSON-P so that it looks the same whether JAX-RS or the servlet error page sends it.
 */
public record Problem(int status, String error, String detail, List<Violation> violations, String requestId) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        violations = violations == null ? List.of() : List.copyOf(violations);
    }

    public static Problem of(int status, String error, String detail) {
        return new Problem(status, error, detail, List.of(), null);
    }

    /** The problem for a bare HTTP status that no service decided, such as the container's own refusals. */
    public static Problem forStatus(int status) {
        return switch (status) {
            case 400 -> of(400, "invalid_request", "The request is invalid");
            case 401 -> of(401, "unauthorized", "A valid bearer token is required");
            case 403 -> of(403, "forbidden", "Forbidden");
            case 404 -> of(404, "not_found", "No such resource");
            case 405 -> of(405, "method_not_allowed", "Method not allowed on this resource");
            case 406 -> of(406, "not_acceptable", "This resource answers application/json only");
            case 413 -> of(413, "payload_too_large", "The request body is too large");
            case 415 -> of(415, "unsupported_media_type", "Request bodies must be application/json");
            default -> of(status, status >= 500 ? "internal_error" : "http_" + status, null);
        };
    }

    public String title() {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known != null ? known.getReasonPhrase() : "HTTP " + status;
    }

    public String toJson() {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("status", status)
                .add("title", title())
                .add("detail", detail == null ? title() : detail)
                .add("error", error);
        if (!violations.isEmpty()) {
            JsonArrayBuilder list = Json.createArrayBuilder();
            violations.forEach(v -> list.add(Json.createObjectBuilder()
                    .add("field", v.field())
                    .add("message", v.message())));
            json.add("violations", list);
        }
        if (requestId != null) {
            json.add("request_id", requestId);
        }
        return json.build().toString();
    }

    public Response.ResponseBuilder toResponseBuilder() {
        Response.ResponseBuilder response = Response.status(status).type(MEDIA_TYPE).entity(toJson());
        if (status == 401) {
            response.header("WWW-Authenticate", "Bearer");
        }
        return response;
    }

    public Response toResponse() {
        return toResponseBuilder().build();
    }
}
