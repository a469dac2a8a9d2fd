package dev.storyworld.web.limits;

import dev.storyworld.web.security.Caller;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Applies {@link RateLimited} to resource methods: refuses with 429, and leaves headers for every answer. */
@RateLimited("")
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class RateLimitInterceptor {

    @Inject
    RateLimiter limiter;

    @Inject
    Caller caller;

    @Inject
    RateLimitHeaders headers;

    @AroundInvoke
    Object limit(InvocationContext invocation) throws Exception {
        RateLimited limit = invocation.getMethod().getAnnotation(RateLimited.class);
        if (limit == null) {
            limit = invocation.getMethod().getDeclaringClass().getAnnotation(RateLimited.class);
        }
        RateLimiter.Decision decision = limiter.acquire(limit.value(), caller.id());
        headers.remember(decision);
        if (!decision.allowed()) {
            throw new RateLimitedException(decision);
        }
        return invocation.proceed();
    }
}
