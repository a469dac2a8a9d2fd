package dev.storyworld.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * The future of one logical call (all its attempts and backoffs). Cancelling it cancels the step
 * under way: the HTTP exchange (aborting its connection) or the scheduled retry; every step checks
 * {@link #isDone()} before starting, so nothing starts after a cancel. It also follows its writes, so
 * that a cancel can say whether one may have been applied ({@link CallCancelled}).
 */
final class Call<T> extends CompletableFuture<T> {

    private volatile Future<?> step;
    private volatile Request request;
    /** A write that left the client and has no answer yet. */
    private volatile Request writing;
    /** A write that ended without a definite answer (lost, timed out, 5xx). */
    private volatile boolean ambiguous;

    /** The step now under way; cancelled at once if the call finished meanwhile. */
    void track(Future<?> next) {
        step = next;
        if (isDone()) {
            next.cancel(true);
        }
    }

    /** {@code sent} is about to leave the client. */
    void sending(Request sent) {
        request = sent;
        if (!"GET".equals(sent.method())) {
            writing = sent;
        }
    }

    /** {@code sent} was answered: {@code definite} when the answer says whether it was applied (2xx, 4xx). */
    void answered(Request sent, boolean definite) {
        if (writing == sent) {
            if (!definite) {
                ambiguous = true;
            }
            writing = null;
        }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        Request last = request;
        boolean mayHaveBeenApplied = writing != null || ambiguous;
        boolean cancelled = completeExceptionally(new CallCancelled(last == null ? "call" : last.toString(),
                mayHaveBeenApplied, last == null ? null : last.headers().get("Idempotency-Key")));
        Future<?> current = step;
        if (current != null) {
            // true: on JDK 16+ only cancel(true) aborts the exchange of HttpClient.sendAsync.
            current.cancel(true);
        }
        return cancelled || isCancelled();
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
