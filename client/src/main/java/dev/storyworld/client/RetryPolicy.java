package dev.storyworld.client;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How the client retries.
 *
 * @param attempts        most sends of one request that got no answer, 503 or 429 (1 turns retries off)
 * @param firstBackoff    the shortest backoff
 * @param maxBackoff      the longest backoff
 * @param maxRetryAfter   the longest {@code Retry-After} the client waits for; a longer one fails the call
 * @param updateBudget    how long one {@link Sessions#update} keeps resolving version conflicts, counted
 *                        from the call: a conflict is retried only when its backoff ends within it (the
 *                        first PATCH is always sent)
 */
public record RetryPolicy(int attempts, Duration firstBackoff, Duration maxBackoff, Duration maxRetryAfter,
                          Duration updateBudget) {

    /**
     * 5 sends, backoffs from 20 ms to 1 s, {@code Retry-After} up to 30 s, and 10 s for an update: an
     * update waits behind contenders, not behind a count; 10 s covers hundreds of writers of one
     * session (a PATCH costs the server milliseconds) and stays well inside the 30 s request timeout
     * and the patience of an interactive caller, who would rather see a failure than wait longer.
     */
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(20), Duration.ofSeconds(1),
            Duration.ofSeconds(30), Duration.ofSeconds(10));

    public RetryPolicy {
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        Objects.requireNonNull(updateBudget, "updateBudget");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        if (firstBackoff.isNegative() || maxBackoff.compareTo(firstBackoff) < 0 || maxRetryAfter.isNegative()
                || updateBudget.isNegative()) {
            throw new IllegalArgumentException("durations must satisfy 0 <= firstBackoff <= maxBackoff, others >= 0");
        }
    }

    /** This policy with another {@link #updateBudget()}. */
    public RetryPolicy withUpdateBudget(Duration budget) {
        return new RetryPolicy(attempts, firstBackoff, maxBackoff, maxRetryAfter, budget);
    }

    /** This policy with other backoff bounds. */
    public RetryPolicy withBackoff(Duration first, Duration max) {
        return new RetryPolicy(attempts, first, max, maxRetryAfter, updateBudget);
    }

    /** This policy with another {@link #maxRetryAfter()}. */
    public RetryPolicy withMaxRetryAfter(Duration max) {
        return new RetryPolicy(attempts, firstBackoff, maxBackoff, max, updateBudget);
    }

    /**
     * The wait after failed attempt {@code attempt} (1-based) of a request: at least {@code firstBackoff},
     * at most a bound that doubles per attempt up to {@code maxBackoff}, uniformly in between ("full jitter").
     */
    Duration backoff(int attempt) {
        long first = firstBackoff.toNanos();
        long bound = Math.min(maxBackoff.toNanos(), first << Math.min(attempt, 20));
        return Duration.ofNanos(first + ThreadLocalRandom.current().nextLong(bound - first + 1));
    }

    /**
     * The wait after a version conflict, given the previous wait of the same update (null after its
     * first PATCH) and how long the refused PATCH took: uniform between a floor and three times the
     * previous wait, at most {@code maxBackoff} ("decorrelated jitter"). The floor is
     * {@code firstBackoff}, or the PATCH's round trip when that is longer (at most {@code maxBackoff}):
     * the writer that won needs about that long to commit, and a retry sooner would only meet the same
     * conflict. The window is always at least from the floor to twice the floor, so that contenders on
     * a slow server never retry in step. Contenders that keep colliding spread out over a window that
     * grows with the contention they meet; one that met none starts short.
     */
    Duration conflictBackoff(Duration previous, Duration roundTrip) {
        long max = maxBackoff.toNanos();
        return decorrelated(previous, Math.min(max, Math.max(firstBackoff.toNanos(), roundTrip.toNanos())), max);
    }

    /**
     * The wait before a watch reconnects, given the previous wait since its last stream that opened
     * (null for the first): decorrelated jitter as for conflicts, its floor {@code firstBackoff} or the
     * server's {@code retry:} hint (null for none) when that is longer, at most {@code maxBackoff} or the
     * hint. Watchers that lost their streams at once (a server that stopped) spread out over the window
     * instead of coming back together, and one that lost it once comes back soon.
     */
    Duration reconnectBackoff(Duration previous, Duration serverHint) {
        long floor = Math.max(firstBackoff.toNanos(), serverHint == null ? 0 : serverHint.toNanos());
        return decorrelated(previous, floor, Math.max(maxBackoff.toNanos(), floor));
    }

    private static Duration decorrelated(Duration previous, long floor, long max) {
        long upper = (previous == null ? floor : Math.min(Long.MAX_VALUE / 4, previous.toNanos())) * 3;
        long bound = Math.max(2 * floor, Math.min(max, upper));
        return Duration.ofNanos(floor + ThreadLocalRandom.current().nextLong(bound - floor + 1));
    }
}
