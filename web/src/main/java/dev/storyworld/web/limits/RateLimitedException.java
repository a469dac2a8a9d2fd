package dev.storyworld.web.limits;

import dev.storyworld.common.ErrorCode;
import dev.storyworld.web.http.Problem;
import jakarta.ws.rs.WebApplicationException;

/** 429 {@code rate_limited}; the headers come from {@link RateLimitHeaders}. */
public class RateLimitedException extends WebApplicationException {

    RateLimitedException(RateLimiter.Decision decision) {
        super(Problem.of(ErrorCode.RATE_LIMITED, "Too many " + decision.limitClass().label() + " requests; retry after "
                + Math.max(1, decision.retryAfterSeconds()) + " s").toResponse());
    }
}
