package dev.storyworld.web.redis;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * When to send commands to a dependency that may be down. Closed, every call goes through. A
 * failure opens it for a pause; when the pause ends, exactly one caller is let through as a probe
 * while the others keep using their fallback: the probe's success closes it, its failure opens it
 * again for twice the pause, up to the longest. Failures of calls that were under way when it
 * opened change nothing: they say nothing new about the dependency.
 */
public final class CircuitBreaker {

    /** What a caller may do now. */
    public enum Permit {
        /** Closed: call. */
        CALL,
        /** The pause ended and this caller, alone, calls to learn whether the dependency is back. */
        PROBE,
        /** Open, or another caller probes: use the fallback. */
        FALLBACK
    }

    /** Immutable, so that each transition is one compare-and-set; {@code pause} 0 means closed. */
    private record State(long pausedUntil, long pause, boolean probing) {
    }

    private static final State CLOSED = new State(0, 0, false);

    private final LongSupplier clockMillis;
    private final long firstPauseMillis;
    private final long longestPauseMillis;
    private final AtomicReference<State> state = new AtomicReference<>(CLOSED);

    public CircuitBreaker(LongSupplier clockMillis, long firstPauseMillis, long longestPauseMillis) {
        this.clockMillis = clockMillis;
        this.firstPauseMillis = firstPauseMillis;
        this.longestPauseMillis = longestPauseMillis;
    }

    public Permit permit() {
        State current = state.get();
        if (current.pause() == 0) {
            return Permit.CALL;
        }
        if (current.probing() || clockMillis.getAsLong() < current.pausedUntil()) {
            return Permit.FALLBACK;
        }
        // Whoever loses the race sees a probe under way, or a state that moved on: the fallback is right for both.
        return state.compareAndSet(current, new State(current.pausedUntil(), current.pause(), true))
                ? Permit.PROBE : Permit.FALLBACK;
    }

    /** A call made under {@code permit} succeeded. */
    public void succeeded(Permit permit) {
        if (permit == Permit.PROBE) {
            state.set(CLOSED);
        }
    }

    /**
     * A call made under {@code permit} failed; answers the pause now in force, in milliseconds.
     * Only a closed breaker is opened, so a burst of failures under way does not lengthen the pause.
     */
    public long failed(Permit permit) {
        if (permit == Permit.PROBE) {
            // While a probe is under way no one else changes the state: set, not compare-and-set.
            long pause = Math.min(longestPauseMillis, 2 * state.get().pause());
            state.set(new State(clockMillis.getAsLong() + pause, pause, false));
            return pause;
        }
        state.compareAndSet(CLOSED, new State(clockMillis.getAsLong() + firstPauseMillis, firstPauseMillis, false));
        return state.get().pause();
    }
}
