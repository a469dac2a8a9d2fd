package dev.storyworld.web.sessions;

import dev.storyworld.common.Change;
import dev.storyworld.common.ErrorCode;
import dev.storyworld.common.StoryworldException;
import dev.storyworld.common.Violation;
import dev.storyworld.session.control.EventView;
import dev.storyworld.session.control.SessionService;
import dev.storyworld.session.control.SessionSince;
import dev.storyworld.session.control.SessionView;
import dev.storyworld.web.http.JsonBinding;
import dev.storyworld.web.live.QueuedStream;
import dev.storyworld.web.live.Streams;
import dev.storyworld.web.live.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A session's live stream. Each watcher has the version it was last brought to; every read of the session
 * (woken by a committed change, or by the heartbeat) sends each watcher the logged events after its version,
 * in order, so the SSE ids (the versions) are contiguous: a change that commits while this reads is read
 * next time, and no version is sent twice. A watcher that resumes ({@code Last-Event-ID}) gets the logged
 * events after its version without {@code session} (past states are not stored), then a {@code snapshot};
 * a new one the {@code snapshot} alone; where the log no longer holds the events it needs (retention), a
 * {@code snapshot} instead of them.
 */
@ApplicationScoped
public class SessionFeed implements Topics.Feed<SessionFeed.Watcher> {

    static final String SNAPSHOT = "snapshot";
    static final String DELETED = "session_deleted";

    @Inject
    SessionService sessions;

    @Inject
    Topics topics;

    @Inject
    Streams streams;

    /** 404 for another user's or a missing session, before anything is streamed. */
    void open(long userId, long sessionId, String lastEventId, SseEventSink sink, Sse sse) {
        Long resumeFrom = version(lastEventId);
        sessions.find(userId, sessionId);
        topics.watch(Change.Subject.SESSION, sessionId,
                new Watcher(userId, sink, sse, streams.bufferEvents(), resumeFrom), this, 0);
    }

    /** The woken sessions in two statements, each brought to every one of its watchers. */
    @Override
    public void feed(Map<Long, List<Watcher>> watchersById) {
        Map<Long, Long> from = new HashMap<>();
        watchersById.forEach((sessionId, watchers) -> watchers.stream().mapToLong(Watcher::from).min()
                .ifPresent(version -> from.put(sessionId, version)));
        if (from.isEmpty()) {
            return;
        }
        Map<Long, SessionSince> read = sessions.since(from, streams.bufferEvents());
        from.keySet().forEach(sessionId -> {
            SessionSince since = read.get(sessionId);
            for (Watcher watcher : watchersById.get(sessionId)) {
                // Ownership was checked at the opening; a session never changes hands, but a stream never shows another's.
                if (since == null || since.session().userId() != watcher.userId()) {
                    watcher.deleted(sessionId);
                } else {
                    watcher.catchUp(since);
                }
            }
        });
    }

    private static Long version(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return null;
        }
        try {
            long version = Long.parseLong(lastEventId.strip());
            if (version >= 0) {
                return version;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new StoryworldException(ErrorCode.INVALID_REQUEST, "Last-Event-ID must be a session version (the id of"
                + " an event of this stream)", List.of(new Violation("Last-Event-ID", "must be a non-negative integer")));
    }

    /** One open stream of a session; only the feed of its session touches its state, one read at a time. */
    static final class Watcher extends QueuedStream {

        private Long sent;
        private boolean resuming;

        Watcher(long userId, SseEventSink sink, Sse sse, int capacity, Long resumeFrom) {
            super(userId, sink, sse, capacity);
            this.sent = resumeFrom;
            this.resuming = resumeFrom != null;
        }

        /** The version after which this watcher needs events; none for a new one, which needs a snapshot. */
        long from() {
            return sent == null ? Long.MAX_VALUE : sent;
        }

        void catchUp(SessionSince since) {
            SessionView session = since.session();
            long now = session.version();
            List<OutboundSseEvent> events = new ArrayList<>();
            if (sent != null && sent < now) {
                List<EventView> missed = since.events().stream().filter(event -> event.version() > sent).toList();
                if (missed.size() == now - sent && missed.get(0).version() == sent + 1) {
                    missed.forEach(event -> events.add(event(event, resuming || event.version() != now ? null : session)));
                    if (!resuming) {
                        sent = now;
                        send(events);
                        return;
                    }
                } else {
                    // The log no longer holds them (retention): the snapshot stands for them.
                    events.clear();
                }
            } else if (sent != null && !resuming) {
                return;
            }
            events.add(sse().newEventBuilder().name(SNAPSHOT).id(Long.toString(now))
                    .data(JsonBinding.toJsonValue(SessionBody.of(session)).toString()).build());
            sent = now;
            resuming = false;
            send(events);
        }

        void deleted(long sessionId) {
            endWith(sse().newEventBuilder().name(DELETED).data(JsonBinding.JSON.createObjectBuilder()
                    .add("action", DELETED).add("session_id", sessionId).build().toString()).build());
        }

        /** The event as {@code GET .../events} shows it, with the session after it when that is the state read. */
        private OutboundSseEvent event(EventView event, SessionView after) {
            var data = JsonBinding.JSON.createObjectBuilder(JsonBinding.toJsonValue(EventBody.of(event)).asJsonObject());
            if (after != null) {
                data.add("session", JsonBinding.toJsonValue(SessionBody.of(after)));
            }
            return sse().newEventBuilder().name(event.action().wireName()).id(Long.toString(event.version()))
                    .data(data.build().toString()).build();
        }
    }
}
