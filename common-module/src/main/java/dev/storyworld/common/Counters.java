package dev.storyworld.common;

/**
 * Names of the service's counters (MicroProfile Metrics; {@code /metrics} shows
 * {@code storyworld.rate_limited} as {@code storyworld_rate_limited_total}) and of their fixed tag
 * values. The web module registers every one of them at 0 when the service starts, so rates and
 * alerts work before the first event; code that increments a counter names it from here.
 */
public final class Counters {

    /** Failed Redis commands, tag {@link #OPERATION}. */
    public static final String REDIS_FAILURES = "storyworld.redis.failures";
    /** Commands sent to Redis to learn whether it is back, one at the end of each pause after a failure. */
    public static final String REDIS_PROBES = "storyworld.redis.probes";
    /** Requests refused with 429, tag {@link #LIMIT_CLASS}. */
    public static final String RATE_LIMITED = "storyworld.rate_limited";
    /** Session writes refused with 409 version_conflict. */
    public static final String VERSION_CONFLICTS = "storyworld.version_conflicts";
    /** Events removed, tag {@link #REASON}: {@link #BY_RETENTION} (newest N kept) or {@link #BY_AGE} (the cleanup). */
    public static final String EVENTS_REMOVED = "storyworld.events.removed";
    /**
     * Turns of the event cleanup's timer, tag {@link #OUTCOME}: {@link #CLEANED}, {@link #SKIPPED} (another
     * instance held the lock) or {@link #FAILED}; shows that every instance's timer runs and which one works.
     */
    public static final String EVENT_CLEANUPS = "storyworld.events.cleanups";
    /** Requests answered 503 because the database could not be reached. */
    public static final String DATABASE_UNAVAILABLE = "storyworld.database.unavailable";
    /**
     * Transactions that applied world advances sent without an idempotency key: one per batch of
     * advances of one world, so the advances answered divided by this is the mean batch.
     */
    public static final String ADVANCE_BATCHES = "storyworld.world.advance_batches";
    /** Requests whose bearer token was refused (401 with an Authorization header). */
    public static final String TOKENS_REFUSED = "storyworld.tokens.refused";

    /** Live update events (and heartbeats) written to open streams. */
    public static final String LIVE_EVENTS_SENT = "storyworld.live.events_sent";
    /** Session streams ended because their client read slower than its session changed (their buffer was full). */
    public static final String LIVE_DROPPED_SLOW = "storyworld.live.dropped_slow";
    /** Times the listening connection to PostgreSQL was lost and opened again. */
    public static final String LIVE_LISTENER_RECONNECTS = "storyworld.live.listener_reconnects";
    /** Gauge: live streams open on this instance. */
    public static final String LIVE_OPEN_STREAMS = "storyworld.live.open_streams";
    /** Histogram, milliseconds: from a change's notification being sent to another instance receiving it. */
    public static final String LIVE_NOTIFICATION_LAG = "storyworld.live.notification_lag_ms";

    public static final String OPERATION = "operation";
    public static final String LIMIT_CLASS = "class";
    public static final String REASON = "reason";
    public static final String BY_RETENTION = "retention";
    public static final String BY_AGE = "age";
    public static final String OUTCOME = "outcome";
    public static final String CLEANED = "cleaned";
    public static final String SKIPPED = "skipped";
    public static final String FAILED = "failed";

    private Counters() {
    }
}
