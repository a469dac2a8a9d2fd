package dev.storyworld.client;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The synchronous forms: wait for the async call, and throw what failed it as it is. */
final class Calls {

    private Calls() {
    }

    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The call's own account of a cancel ({@link CallCancelled}), also where Java 21+ wrapped it. */
    private static CancellationException ownAccount(CancellationException thrown) {
        return CallCancelled.in(thrown).<CancellationException>map(own -> own).orElse(thrown);
    }

    /** Waits for {@code call}; an interrupt cancels it (aborting its request) and keeps the interrupt flag. */
    static <T> T join(CompletableFuture<T> call) {
        try {
            return call.get();
        } catch (CancellationException cancelled) {
            throw ownAccount(cancelled);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            try {
                // Done by now: cancelled, or finished just before the cancel came (then that is its outcome).
                return call.getNow(null);
            } catch (CancellationException cancelled) {
                CancellationException own = ownAccount(cancelled);
                own.addSuppressed(e);
                throw own;
            } catch (CompletionException finishedFirst) {
                Throwable cause = unwrap(finishedFirst);
                throw cause instanceof RuntimeException runtime ? runtime : finishedFirst;
            }
        } catch (ExecutionException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new CompletionException(cause);
        }
    }
}
