package dev.storyworld.web.problems;

import dev.storyworld.web.http.Problem;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Gives the JAX-RS runtime's own refusals (unknown path, wrong method...) the
 * problem shape. A refusal that already carries a problem body passes through unchanged. Media types
 * are not among them: {@code http.HeaderGate} hides the Content-Type from JAX-RS, and
 * {@code http.Negotiation} answers 406 and 415 itself.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        if (original.hasEntity()) {
            return original;
        }
        Response.ResponseBuilder problem = Problem.forStatus(original.getStatus()).toResponseBuilder();
        original.getHeaders().forEach((name, values) -> {
            if (!"Content-Type".equalsIgnoreCase(name)) {
                values.forEach(value -> problem.header(name, value));
            }
        });
        return problem.build();
    }
}
