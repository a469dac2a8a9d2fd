package dev.storyworld.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How the client retries.
 *
 * @param attempts        most sends of one request that got no answer, 503 or 429 (1 turns retries off)
 * @param firstBackoff    the shortest backoff; twice it bounds the first, and the bound doubles per attempt
 * @param maxBackoff      the largest backoff bound
 * @param maxRetryAfter   the longest {@code Retry-After} the client waits for; a longer one fails the call
 * @param updateAttempts  most PATCHes of one {@link Sessions#update} (each version conflict costs one)
 */
public record RetryPolicy(int attempts, Duration firstBackoff, Duration maxBackoff, Duration maxRetryAfter,
                          int updateAttempts) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(20), Duration.ofSeconds(1),
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
     * The wait after failed attempt {@code attempt} (1-based): at least {@code firstBackoff}, at most a
     * bound that doubles per attempt up to {@code maxBackoff}, uniformly in between. The spread matters
     * more than the length: a conflict's {@code current_session} grows stale while its retry waits, so
     * short waits spread wide commit contenders fastest ("full jitter").
     */
    Duration backoff(int attempt) {
        long first = firstBackoff.toNanos();
        long bound = Math.min(maxBackoff.toNanos(), first << Math.min(attempt, 20));
        return Duration.ofNanos(first + ThreadLocalRandom.current().nextLong(bound - first + 1));
    }
}
