package dev.storyworld.web.live;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/**
 * A stream of the latest state only (a world's): a state that arrives before the one before it was
 * written replaces it, so a slow client gets fewer states, never a backlog, and what waits is one state.
 */
public abstract class ConflatedStream<T> extends LiveStream {

    private T written;
    private T latest;

    protected ConflatedStream(long userId, SseEventSink sink, Sse sse) {
        super(userId, sink, sse);
    }

    /** The event that brings a client from {@code previous} (null: nothing yet) to {@code state}; null if none. */
    protected abstract OutboundSseEvent render(T previous, T state);

    /** Makes {@code state} the next to write, in place of any not written yet; false once the stream has ended. */
    public final boolean update(T state) {
        return offer(() -> latest = state);
    }

    /** Writes {@code finalEvent} (if the latest state waits, after it), then closes the stream. */
    protected final void endWith(OutboundSseEvent finalEvent) {
        end(finalEvent, false);
    }

    @Override
    protected OutboundSseEvent takeNext() {
        T state = latest;
        latest = null;
        OutboundSseEvent event = render(written, state);
        written = state;
        return event;
    }

    @Override
    protected boolean hasNext() {
        return latest != null;
    }
}
