package dev.storyworld.client;

import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * How a cancelled call (by {@code cancel}, {@link StoryworldClient#close()} or an interrupt) ended:
 * whether a write of it may have been applied by the server, and the {@code Idempotency-Key} it was
 * sent with. A cancelled future fails with this exception ({@code isCancelled()} is true).
 *
 * <p>{@link #mayHaveBeenApplied()} is false when no write of the call had left the client, or when every
 * write that left was answered with a refusal (a version conflict, 429, 409 {@code session_busy}):
 * then the server did nothing for it. It is true when a write was on its way or had been sent without
 * a definite answer (lost, timed out, 5xx): the server may have applied it, or may still apply it. A
 * world advance carries its {@link #idempotencyKey()}: sending it again with that key
 * ({@link Worlds#advance(long, double, String)}) applies it at most once and answers the world.
 */
public final class CallCancelled extends CancellationException {

    private final String request;
    private final boolean mayHaveBeenApplied;
    private final String idempotencyKey;

    CallCancelled(String request, boolean mayHaveBeenApplied, String idempotencyKey) {
        super(request + ": cancelled; " + (mayHaveBeenApplied
                ? "it may have been applied" + (idempotencyKey == null ? ""
                : " (send it again with Idempotency-Key " + idempotencyKey + " to apply it at most once)")
                : "nothing was applied"));
        this.request = request;
        this.mayHaveBeenApplied = mayHaveBeenApplied;
        this.idempotencyKey = idempotencyKey;
    }

    /**
     * The CallCancelled in what a cancelled call threw: itself, or the cause of the CancellationException
     * that {@code join()}, {@code get()} and {@code getNow()} throw in its place from Java 21 on.
     */
    public static Optional<CallCancelled> in(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof CallCancelled own) {
                return Optional.of(own);
            }
        }
        return Optional.empty();
    }

    /** Method and path of the call's request, e.g. {@code POST api/v1/game/worlds/7/advance}. */
    public String request() {
        return request;
    }

    /** True when a write of this call may have been applied (or may still be); false when it surely was not. */
    public boolean mayHaveBeenApplied() {
        return mayHaveBeenApplied;
    }

    /** The {@code Idempotency-Key} the call was sent with (world advances), to retry it or check it. */
    public Optional<String> idempotencyKey() {
        return Optional.ofNullable(idempotencyKey);
    }
}
