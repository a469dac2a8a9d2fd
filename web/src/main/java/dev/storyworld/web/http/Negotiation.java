package dev.storyworld.web.http;

import dev.storyworld.common.ErrorCode;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Content negotiation for the endpoint JAX-RS matched, decided before anything else is done for the
 * request (after its token is checked, before its rate limit, its body and its resource method):
 * <ul>
 * <li>an answer the client does not accept is 406 {@code not_acceptable}: each type the endpoint
 * produces, in UTF-8, is weighed by the most specific {@code Accept} range that covers it, so
 * {@code q=0} refuses and a range asking for another charset does not cover it; an
 * {@code Accept-Charset} that gives UTF-8 no weight refuses too. The service writes UTF-8 only:
 * another charset is never honoured half-way, a non-ASCII name is never garbled;</li>
 * <li>a body in a type the endpoint does not take, in a charset other than UTF-8, under a malformed
 * {@code Content-Type} or under none is 415 {@code unsupported_media_type}, naming the types that
 * endpoint takes in the detail and in {@code Accept} (RFC 9110 15.5.16; {@code Accept-Patch} too on a PATCH).</li>
 * </ul>
 * OPTIONS, which no endpoint defines, is 405 {@code method_not_allowed} with {@code Allow}, as any undefined
 * method. Every JSON answer is then written as exactly {@code application/json} (UTF-8, the JSON default): no
 * parameter of the request reaches the writer, so writing an answer cannot fail on what the client
 * asked for after the resource method has committed its work.
 */
@Provider
@Priority(Priorities.AUTHENTICATION + 500)
public class Negotiation implements ContainerRequestFilter, ContainerResponseFilter {

    private static final MediaRanges.MediaType JSON = new MediaRanges.MediaType("application", "json", Map.of());
    private static final String UTF_8 = "utf-8";

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return;
        }
        List<MediaRanges.MediaType> produced = declared(method, Produces.class);
        @SuppressWarnings("unchecked")
        List<MediaRanges.Range> accept = (List<MediaRanges.Range>) request.getProperty(HeaderGate.ACCEPT);
        if (accept != null && !produced.isEmpty()) {
            MediaRanges.MediaType chosen = chosen(produced, accept);
            if (chosen == null || charsetRefused(request)) {
                request.abortWith(Problem.of(ErrorCode.NOT_ACCEPTABLE, "This endpoint answers " + names(produced)
                        + " in UTF-8 only, which the Accept headers of the request refuse").toResponse());
                return;
            }
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, chosen.essence());
        }
        Object sent = request.getProperty(HeaderGate.CONTENT_TYPE);
        if (sent == null) {
            return;
        }
        boolean takesBody = Arrays.stream(method.getParameters()).anyMatch(Negotiation::isEntity);
        boolean hasBody = request.hasEntity();
        if (!takesBody && !hasBody) {
            if (sent instanceof MediaRanges.MediaType type) {
                request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, type.essence());
            }
            return;
        }
        List<MediaRanges.MediaType> consumed = declared(method, Consumes.class);
        if (sent instanceof MediaRanges.MediaType type && takes(consumed, type)) {
            request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, type.essence());
            return;
        }
        if (!hasBody && HeaderGate.NO_CONTENT_TYPE.equals(sent)) {
            // No body and no type: the body reader answers that the body is missing (400 malformed_json).
            request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, consumed.isEmpty() ? MediaType.APPLICATION_JSON
                    : consumed.get(0).essence());
            return;
        }
        String accepted = consumed.stream().map(MediaRanges.MediaType::essence).collect(Collectors.joining(", "));
        var refusal = Problem.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "This endpoint takes request bodies of "
                + names(consumed) + " in UTF-8, with that Content-Type, not " + sentName(sent)).toResponseBuilder()
                .header(HttpHeaders.ACCEPT, accepted);
        if (method.isAnnotationPresent(PATCH.class)) {
            refusal.header("Accept-Patch", accepted);
        }
        request.abortWith(refusal.build());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (HttpMethod.OPTIONS.equals(request.getMethod()) && response.getStatus() / 100 == 2) {
            refuseOptions(response);
            return;
        }
        MediaType type = response.getMediaType();
        if (type != null && response.hasEntity() && type.isCompatible(MediaType.APPLICATION_JSON_TYPE)
                && !type.isWildcardType() && !type.isWildcardSubtype()) {
            response.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        }
    }

    /**
     * No endpoint defines OPTIONS; the framework's own answer (the methods, as text) is no part of the
     * contract, so it is the 405 of any other undefined method, with the same {@code Allow}.
     */
    private static void refuseOptions(ContainerResponseContext response) {
        String allowed = response.getAllowedMethods().stream().filter(method -> !HttpMethod.OPTIONS.equals(method))
                .sorted().collect(Collectors.joining(", "));
        response.setStatus(405);
        response.getHeaders().clear();
        response.getHeaders().putSingle(HttpHeaders.ALLOW, allowed);
        response.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        response.setEntity(Problem.forStatus(405).toJson());
    }

    /** The first produced type of the greatest positive weight, or null when the client accepts none. */
    private static MediaRanges.MediaType chosen(List<MediaRanges.MediaType> produced, List<MediaRanges.Range> accept) {
        MediaRanges.MediaType best = null;
        int bestWeight = 0;
        for (MediaRanges.MediaType type : produced) {
            MediaRanges.MediaType inUtf8 = new MediaRanges.MediaType(type.type(), type.subtype(), Map.of("charset", UTF_8));
            int weight = MediaRanges.weight(accept, inUtf8);
            if (weight > bestWeight) {
                best = type;
                bestWeight = weight;
            }
        }
        return best;
    }

    private static boolean charsetRefused(ContainerRequestContext request) {
        List<String> charsets = request.getHeaders().get(HttpHeaders.ACCEPT_CHARSET);
        try {
            return charsets != null && MediaRanges.charsetWeight(charsets, UTF_8) == 0;
        } catch (MediaRanges.Malformed e) {
            return true; // HeaderGate refused it already
        }
    }

    /** A body in that type is taken: its essence is declared, and its charset, if any, is UTF-8. */
    private static boolean takes(List<MediaRanges.MediaType> consumed, MediaRanges.MediaType sent) {
        boolean utf8 = sent.charset().map(UTF_8::equals).orElse(true) || sent.charset().get().equals("utf8");
        return utf8 && (consumed.isEmpty() || consumed.stream().anyMatch(type -> type.covers(sent)));
    }

    private static String names(List<MediaRanges.MediaType> types) {
        return types.stream().map(MediaRanges.MediaType::essence).collect(Collectors.joining(" or "));
    }

    /** The types of the method's annotation, else its class's; none when neither says. */
    private static List<MediaRanges.MediaType> declared(Method method, Class<? extends Annotation> which) {
        Annotation annotation = method.getAnnotation(which);
        if (annotation == null) {
            annotation = method.getDeclaringClass().getAnnotation(which);
        }
        String[] values = annotation == null ? new String[0]
                : annotation instanceof Produces produces ? produces.value() : ((Consumes) annotation).value();
        return Arrays.stream(values).flatMap(value -> Arrays.stream(value.split(","))).map(String::trim)
                .map(value -> {
                    try {
                        return MediaRanges.contentType(value);
                    } catch (MediaRanges.Malformed e) {
                        throw new IllegalStateException("Not a media type in " + method + ": " + value, e);
                    }
                }).toList();
    }

    /** A parameter JAX-RS binds from the body: one with no JAX-RS annotation. */
    private static boolean isEntity(Parameter parameter) {
        return Arrays.stream(parameter.getAnnotations())
                .noneMatch(annotation -> annotation.annotationType().getPackageName().startsWith("jakarta.ws.rs"));
    }

    /** What came (the Content-Type as HeaderGate read it), so that the refusal never contradicts the request. */
    private static String sentName(Object sent) {
        return sent instanceof MediaRanges.MediaType type ? type.essence()
                : HeaderGate.NO_CONTENT_TYPE.equals(sent) ? "a body without Content-Type" : String.valueOf(sent);
    }
}
