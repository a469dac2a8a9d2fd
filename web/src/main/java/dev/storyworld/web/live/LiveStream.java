package dev.storyworld.web.live;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import java.util.concurrent.TimeUnit;

/**
 * One open stream: what is still to be written to it, and the one task at a time that writes it. No
 * thread waits for a stream; a write that fails (the client is gone) or does not finish within
 * {@link #WRITE_BOUND_SECONDS} releases it. What waits to be written is bounded by the subclass: a
 * {@link QueuedStream} ends when its queue is full, a {@link ConflatedStream} keeps only the latest state.
 */
public abstract class LiveStream {

    /** A client that takes longer than this for one event is treated as gone. */
    static final long WRITE_BOUND_SECONDS = 30;

    private final SseEventSink sink;
    private final Sse sse;
    private final long userId;
    private final Object lock = new Object();
    private Streams streams;
    private volatile Runnable detach = () -> { };
    private boolean heartbeatDue;
    private OutboundSseEvent last;
    private boolean ending;
    private boolean writing;
    private boolean released;

    protected LiveStream(long userId, SseEventSink sink, Sse sse) {
        this.userId = userId;
        this.sink = sink;
        this.sse = sse;
    }

    public long userId() {
        return userId;
    }

    /** Builds the events this stream sends. */
    protected final Sse sse() {
        return sse;
    }

    /** The next event waiting to be written, or null; called under the stream's lock. */
    protected abstract OutboundSseEvent takeNext();

    /** Whether {@link #takeNext} has something; called under the stream's lock. */
    protected abstract boolean hasNext();

    /** Runs {@code change} of the waiting events under the stream's lock, then has them written; false once it ends. */
    protected final boolean offer(Runnable change) {
        synchronized (lock) {
            if (ending) {
                return false;
            }
            change.run();
        }
        write();
        return true;
    }

    /**
     * Writes what waits, then {@code finalEvent}, then closes the stream; nothing is taken after this.
     * A stream that cannot keep up drops what waits ({@code dropWaiting}) so that the client resumes from
     * the log instead.
     */
    protected final void end(OutboundSseEvent finalEvent, boolean dropWaiting) {
        synchronized (lock) {
            if (ending) {
                return;
            }
            ending = true;
            last = finalEvent;
            if (dropWaiting) {
                while (hasNext()) {
                    takeNext();
                }
            }
        }
        write();
    }

    /**
     * A retry hint: reconnect after that long (from the last id received). Jersey writes {@code retry} only
     * with data; empty data, which an {@code EventSource} dispatches to no listener, carries it.
     */
    final OutboundSseEvent retryHint(String why, long reconnectMillis) {
        return sse.newEventBuilder().comment(why).reconnectDelay(reconnectMillis).data("").build();
    }

    /**
     * Writes the stream's first line on the request's own thread: Jersey commits the answer (and runs the
     * response filters, which need the request's scope) at the first write, which must not be on the
     * streams' threads. It says how soon to reconnect, should the stream end without a word. False when
     * the client is gone already.
     */
    boolean attach(Streams streams, long reconnectMillis) {
        this.streams = streams;
        return send(retryHint("open", reconnectMillis));
    }

    /** What to undo when the stream is released: its place among the watchers of its session or world. */
    void onRelease(Runnable detach) {
        this.detach = detach;
    }

    final void droppedForSlowness() {
        streams.droppedForSlowness();
    }

    void heartbeat() {
        synchronized (lock) {
            heartbeatDue = true;
        }
        write();
    }

    /** Has the waiting events written by one task at a time on the streams' executor. */
    private void write() {
        synchronized (lock) {
            if (writing || released) {
                return;
            }
            writing = true;
        }
        streams.execute(this::writeWaiting);
    }

    private void writeWaiting() {
        while (true) {
            OutboundSseEvent event;
            boolean closing = false;
            synchronized (lock) {
                if (hasNext()) {
                    event = takeNext();
                } else if (heartbeatDue) {
                    heartbeatDue = false;
                    event = sse.newEventBuilder().comment("").build();
                } else if (ending) {
                    event = last;
                    last = null;
                    closing = true;
                } else {
                    writing = false;
                    return;
                }
            }
            if (event != null && !send(event)) {
                release();
                return;
            }
            if (closing) {
                release();
                return;
            }
        }
    }

    private boolean send(OutboundSseEvent event) {
        try {
            sink.send(event).toCompletableFuture().get(WRITE_BOUND_SECONDS, TimeUnit.SECONDS);
            streams.sent();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception | LinkageError gone) {
            // The client went away (or the sink was closed under it): release, nothing to tell anyone.
            return false;
        }
    }

    /** Closes the sink and forgets the stream; the first call only. */
    final void release() {
        synchronized (lock) {
            if (released) {
                return;
            }
            released = true;
            ending = true;
            writing = false;
        }
        try {
            sink.close();
        } catch (RuntimeException alreadyClosed) {
            // Closing a sink whose connection failed may fail too; it is closed either way.
        }
        detach.run();
        streams.released(this);
    }
}
