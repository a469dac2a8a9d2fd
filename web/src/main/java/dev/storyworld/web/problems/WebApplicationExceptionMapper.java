package dev.storyworld.web.problems;

import dev.storyworld.web.http.Problem;
import dev.storyworld.common.ErrorCode;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.regex.Pattern;

/**
 * Gives the JAX-RS runtime's own refusals (unknown path, wrong method, wrong media type...) the
 * problem shape. A refusal that already carries a problem body passes through unchanged.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    /** The one endpoint whose body is not application/json (WorldsResource: PATCH of a world's meta). */
    private static final Pattern MERGE_PATCH_PATH = Pattern.compile("game/worlds/[^/]+/meta/?");

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uri;

    @Context
    Request request;

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        if (original.hasEntity()) {
            return original;
        }
        int status = original.getStatus();
        Response.ResponseBuilder problem = (status == 415 ? unsupportedMediaType() : Problem.forStatus(status))
                .toResponseBuilder();
        original.getHeaders().forEach((name, values) -> {
            if (!"Content-Type".equalsIgnoreCase(name)) {
                values.forEach(value -> problem.header(name, value));
            }
        });
        return problem.build();
    }

    /** A 415 that names what this endpoint accepts and what came, so that it never contradicts the request. */
    private Problem unsupportedMediaType() {
        String accepted = "PATCH".equals(request.getMethod()) && MERGE_PATCH_PATH.matcher(uri.getPath()).matches()
                ? "application/merge-patch+json" : "application/json";
        String sent = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
        return Problem.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE, request.getMethod() + " of this resource takes "
                + accepted + " bodies, not " + (sent == null || sent.isBlank() ? "a body without Content-Type" : sent));
    }
}
