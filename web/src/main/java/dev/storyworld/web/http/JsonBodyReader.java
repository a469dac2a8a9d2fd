package dev.storyworld.web.http;

import dev.storyworld.common.ErrorCode;
import dev.storyworld.common.Violation;
import dev.storyworld.web.http.Problem;
import jakarta.inject.Inject;
import jakarta.json.bind.JsonbException;
import jakarta.validation.Validator;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Guards every request body before it is bound: at most {@code storyworld.request.max-bytes}
 * (413 even without a Content-Length), then the {@link BodyPolicy}: not one JSON object is
 * {@code malformed_json}, a breach of the policy is {@code invalid_request} with a violation per
 * fault. A body that passes but does not bind to the request type (a string where a number
 * belongs) is {@code invalid_request} too.
 */
@Provider
public class JsonBodyReader implements ReaderInterceptor {

    @Inject
    @ConfigProperty(name = "storyworld.request.max-bytes")
    long maxBytes;

    @Inject
    Validator validator;

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        byte[] body = readLimited(context.getInputStream());
        BodyPolicy.Report report;
        try {
            report = BodyPolicy.inspect(body, context.getGenericType());
        } catch (BodyPolicy.Malformed e) {
            throw refuse(ErrorCode.MALFORMED_JSON, e.getMessage());
        }
        if (!report.violations().isEmpty()) {
            List<Violation> violations = new ArrayList<>(report.violations());
            if (report.bindable()) {
                violations.addAll(ownRules(context, body));
            }
            throw new WebApplicationException(new Problem(ErrorCode.INVALID_REQUEST,
                    "The request body breaks " + violations.size() + (violations.size() == 1 ? " rule" : " rules"),
                    violations.size() > BodyPolicy.MAX_VIOLATIONS ? violations.subList(0, BodyPolicy.MAX_VIOLATIONS)
                            : violations, null).toResponse());
        }
        context.setInputStream(new ByteArrayInputStream(body));
        try {
            return context.proceed();
        } catch (JsonbException | ProcessingException e) {
            throw refuse(ErrorCode.INVALID_REQUEST, "A field of the request body has the wrong type");
        }
    }

    /** The violations of a refused body's own rules ({@link CheckedBody}), so that one answer names them all. */
    private List<Violation> ownRules(ReaderInterceptorContext context, byte[] body) throws IOException {
        context.setInputStream(new ByteArrayInputStream(body));
        try {
            return context.proceed() instanceof CheckedBody checked ? checked.violations(validator) : List.of();
        } catch (JsonbException | ProcessingException | WebApplicationException unbindable) {
            return List.of();
        }
    }

    private byte[] readLimited(InputStream in) throws IOException {
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (body.length > maxBytes) {
            throw refuse(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than " + maxBytes + " bytes");
        }
        return body;
    }

    private static WebApplicationException refuse(ErrorCode error, String detail) {
        return new WebApplicationException(Problem.of(error, detail).toResponse());
    }
}
