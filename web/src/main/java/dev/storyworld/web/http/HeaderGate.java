package dev.storyworld.web.http;

import dev.storyworld.common.ErrorCode;
import dev.storyworld.common.Violation;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads the headers that decide how a request is answered before JAX-RS matches it, by the RFCs'
 * grammar ({@link MediaRanges}): a malformed {@code Accept}, {@code Accept-Charset} or {@code Content-Type}
 * is 400 {@code invalid_request} (as the server itself answers a {@code Content-Type} it cannot read); a {@code Content-Length} above
 * {@code storyworld.request.max-bytes} is 413 at once instead of after reading that much.
 * <p>
 * JAX-RS then matches the request on what it can get right: the {@code Accept} it sees holds only the
 * ranges of positive weight, lower-cased (none left: {@code *}{@code /*}), and the {@code Content-Type} is
 * hidden from it, so that it never refuses a request by media type on its own terms; {@link Negotiation}
 * decides 406 and 415 for the matched endpoint with the parsed headers, and puts a normalized
 * {@code Content-Type} back for the body reader. Runs after {@code security.DevTokensSwitch}, so a switched-off
 * endpoint stays 404 whatever its headers.
 */
@Provider
@PreMatching
@Priority(Priorities.USER + 100)
public class HeaderGate implements ContainerRequestFilter {

    static final String ACCEPT = HeaderGate.class.getName() + ".accept";
    static final String CONTENT_TYPE = HeaderGate.class.getName() + ".content-type";
    /** The {@link #CONTENT_TYPE} of a request that sent none. */
    static final String NO_CONTENT_TYPE = "";

    @Inject
    @ConfigProperty(name = "storyworld.request.max-bytes")
    long maxBytes;

    @Override
    public void filter(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        // The server itself refuses a Content-Length that is not one non-negative number (400, no body).
        if (length != null && length.matches("[0-9]+") && (length.length() > 18 || Long.parseLong(length) > maxBytes)) {
            request.abortWith(Problem.of(ErrorCode.PAYLOAD_TOO_LARGE,
                    "The request body is larger than " + maxBytes + " bytes").toResponse());
            return;
        }
        List<String> accept = request.getHeaders().get(HttpHeaders.ACCEPT);
        String contentType = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        try {
            List<MediaRanges.Range> ranges = MediaRanges.accept(accept == null ? List.of() : accept);
            request.setProperty(ACCEPT, ranges);
            String positive = ranges.stream().filter(range -> range.weight() > 0)
                    .map(range -> range.range().essence() + ";q=" + range.weight() / 1000.0)
                    .collect(Collectors.joining(", "));
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, positive.isEmpty() ? "*/*" : positive);
        } catch (MediaRanges.Malformed e) {
            refuse(request, HttpHeaders.ACCEPT, e);
            return;
        }
        List<String> charsets = request.getHeaders().get(HttpHeaders.ACCEPT_CHARSET);
        try {
            if (charsets != null) {
                MediaRanges.charsetWeight(charsets, "utf-8");
            }
        } catch (MediaRanges.Malformed e) {
            refuse(request, HttpHeaders.ACCEPT_CHARSET, e);
            return;
        }
        if (contentType == null || contentType.isBlank()) {
            request.setProperty(CONTENT_TYPE, NO_CONTENT_TYPE);
        } else {
            try {
                request.setProperty(CONTENT_TYPE, MediaRanges.contentType(contentType));
            } catch (MediaRanges.Malformed e) {
                refuse(request, HttpHeaders.CONTENT_TYPE, e);
                return;
            }
        }
        request.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
    }

    private static void refuse(ContainerRequestContext request, String header, MediaRanges.Malformed e) {
        request.abortWith(new Problem(ErrorCode.INVALID_REQUEST, header + " is malformed",
                List.of(new Violation(header, e.getMessage())), null).toResponse());
    }
}
