package dev.storyworld.web.limits;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

/**
 * The IETF RateLimit-Policy and RateLimit headers (draft-ietf-httpapi-ratelimit-headers) of the
 * decision taken for this request, on success and on refusal alike.
 */
@RequestScoped
public class RateLimitHeaders {

    private RateLimiter.Decision decision;

    void remember(RateLimiter.Decision decision) {
        this.decision = decision;
    }

    void writeTo(MultivaluedMap<String, Object> headers) {
        if (decision == null) {
            return;
        }
        String name = "\"" + decision.limitClass().label() + "\"";
        headers.putSingle("RateLimit-Policy", name + ";q=" + decision.quota() + ";w=" + decision.windowSeconds());
        headers.putSingle("RateLimit", name + ";r=" + decision.remaining() + ";t=" + decision.resetSeconds());
        if (!decision.allowed()) {
            headers.putSingle("Retry-After", Long.toString(Math.max(1, decision.retryAfterSeconds())));
        }
    }

    @Provider
    public static class Filter implements ContainerResponseFilter {

        @Inject
        RateLimitHeaders headers;

        @Override
        public void filter(ContainerRequestContext request, ContainerResponseContext response) {
            headers.writeTo(response.getHeaders());
        }
    }
}
