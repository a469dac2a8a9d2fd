package dev.storyworld.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How the client retries.
 *
 * @param attempts        most sends of one request that got no answer, 503 or 429 (1 turns retries off)
 * @param firstBackoff    the backoff bound before the second attempt; it doubles per attempt
 * @param maxBackoff      the largest backoff bound
 * @param maxRetryAfter   the longest {@code Retry-After} the client waits for; a longer one fails the call
 * @param updateAttempts  most PATCHes of one {@link Sessions#update} (each version conflict costs one)
 */
public record RetryPolicy(int attempts, Duration firstBackoff, Duration maxBackoff, Duration maxRetryAfter,
                          int updateAttempts) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(2),
            Duration.ofSeconds(30), 10);

    public RetryPolicy {
        if (attempts < 1 || updateAttempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        if (firstBackoff.isNegative() || maxBackoff.compareTo(firstBackoff) < 0 || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("backoffs must satisfy 0 <= firstBackoff <= maxBackoff");
        }
    }

    /**
     * The wait after failed attempt {@code attempt} (1-based): a random point in the upper half of the
     * exponential bound, so that contenders spread out yet each waits at least half the bound.
     */
    Duration backoff(int attempt) {
        long bound = firstBackoff.toMillis() << Math.min(attempt - 1, 30);
        bound = Math.min(Math.max(bound, 0), maxBackoff.toMillis());
        return Duration.ofMillis(bound / 2 + ThreadLocalRandom.current().nextLong(bound / 2 + 1));
    }
}
