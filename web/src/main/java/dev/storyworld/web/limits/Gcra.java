package dev.storyworld.web.limits;

/**
 * The generic cell rate algorithm: a bucket of {@code burst} requests that refills smoothly, one
 * request every {@code window / limit}. A caller that has been quiet may send {@code burst} requests
 * at once, then {@code limit} per window. The whole state of a caller is one number, the theoretical
 * arrival time (TAT) of its next request, so it fits one Redis key and one atomic script.
 * Times are in microseconds.
 */
public record Gcra(long limit, long windowMicros, long burst) {

    /** A bucket that holds one window's worth: {@code limit} at once. */
    public Gcra(long limit, long windowMicros) {
        this(limit, windowMicros, limit);
    }

    public Gcra {
        if (limit < 1 || burst < 1 || windowMicros < 1) {
            throw new IllegalArgumentException("limit, burst and window must be positive");
        }
    }

    /** At least a microsecond: a limit above one request per microsecond is as good as none. */
    public long interval() {
        return Math.max(1, windowMicros / limit);
    }

    /** How long a full bucket takes to refill from empty: the window of the policy "burst requests per this". */
    public long burstWindowMicros() {
        return burst * interval();
    }

    /** The answer for a request at {@code now} given the stored TAT (0 when there is none). */
    public Outcome decide(long storedTat, long now) {
        long tat = Math.max(storedTat, now);
        long nextTat = tat + interval();
        long allowedFrom = nextTat - burst * interval();
        if (now < allowedFrom) {
            return new Outcome(false, tat, allowedFrom - now, tat - now);
        }
        return new Outcome(true, nextTat, 0, nextTat - now);
    }

    /**
     * @param tat         the TAT to store (unchanged when refused)
     * @param retryAfter  how long until a request would pass
     * @param untilFull   how long until the bucket is full again
     */
    public record Outcome(boolean allowed, long tat, long retryAfter, long untilFull) {
    }

    public long remaining(Outcome outcome) {
        return Math.max(0, (burst * interval() - outcome.untilFull()) / interval());
    }
}
