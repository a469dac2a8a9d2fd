package dev.storyworld.web.limits;

import dev.storyworld.web.security.Caller;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

/**
 * Applies {@link RateLimited} to resource methods once the caller is known and before the body is
 * read: a request with a malformed or oversized body counts like any other, and every answer of a
 * limited endpoint carries the headers. Refuses with 429. It sees every request and passes those of
 * unannotated resources (readiness, dev tokens) untouched: a name-bound filter would have to carry a
 * {@code @RateLimited} value of its own that means nothing.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class RateLimitFilter implements ContainerRequestFilter {

    @Context
    ResourceInfo resource;

    @Inject
    RateLimiter limiter;

    @Inject
    Caller caller;

    @Inject
    RateLimitHeaders headers;

    @Override
    public void filter(ContainerRequestContext request) {
        RateLimited limit = resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(RateLimited.class);
        if (limit == null && resource.getResourceClass() != null) {
            limit = resource.getResourceClass().getAnnotation(RateLimited.class);
        }
        if (limit == null) {
            return;
        }
        RateLimiter.Decision decision = limiter.acquire(limit.value(), caller.id());
        headers.remember(decision);
        if (!decision.allowed()) {
            throw new RateLimitedException(decision);
        }
    }
}
