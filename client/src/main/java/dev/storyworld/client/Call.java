package dev.storyworld.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * The future of one logical call (all its attempts and backoffs). Cancelling it cancels the step
 * under way: the HTTP exchange (aborting its connection) or the scheduled retry; every step checks
 * {@link #isDone()} before starting, so nothing starts after a cancel.
 */
final class Call<T> extends CompletableFuture<T> {

    private volatile Future<?> step;

    /** The step now under way; cancelled at once if the call finished meanwhile. */
    void track(Future<?> next) {
        step = next;
        if (isDone()) {
            next.cancel(true);
        }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        Future<?> current = step;
        if (current != null) {
            // true: on JDK 16+ only cancel(true) aborts the exchange of HttpClient.sendAsync.
            current.cancel(true);
        }
        return cancelled;
    }

    /** Completes this call with the outcome of an internal stage, keeping a cancellation as it is. */
    void settle(T value, Throwable failure) {
        if (failure == null) {
            complete(value);
        } else {
            completeExceptionally(Calls.unwrap(failure));
        }
    }
}
