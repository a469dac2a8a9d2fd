package dev.storyworld.web.live;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import java.util.ArrayDeque;
import java.util.List;

/**
 * A stream whose every event must arrive (a session's): its events wait in a queue of at most
 * {@code capacity}. A client that falls that far behind is not waited for: the stream ends with a retry
 * hint, and the client resumes with {@code Last-Event-ID} from the event log, which holds what it missed.
 */
public class QueuedStream extends LiveStream {

    /** How soon a client dropped for slowness is told to come back: at once, its events are in the log. */
    private static final long RESUME_MILLIS = 500;

    private final ArrayDeque<OutboundSseEvent> waiting = new ArrayDeque<>();
    private final int capacity;

    protected QueuedStream(long userId, SseEventSink sink, Sse sse, int capacity) {
        super(userId, sink, sse);
        this.capacity = capacity;
    }

    /** Queues the events in order; false when the stream has ended, or ends now because they do not fit. */
    protected final boolean send(List<OutboundSseEvent> events) {
        boolean[] fits = {true};
        boolean open = offer(() -> {
            fits[0] = waiting.size() + events.size() <= capacity;
            if (fits[0]) {
                waiting.addAll(events);
            }
        });
        if (open && !fits[0]) {
            droppedForSlowness();
            end(retryHint("too slow: resume with Last-Event-ID", RESUME_MILLIS), true);
            return false;
        }
        return open;
    }

    /** Writes {@code finalEvent} after what waits, then closes the stream. */
    protected final void endWith(OutboundSseEvent finalEvent) {
        end(finalEvent, false);
    }

    @Override
    protected OutboundSseEvent takeNext() {
        return waiting.poll();
    }

    @Override
    protected boolean hasNext() {
        return !waiting.isEmpty();
    }
}
