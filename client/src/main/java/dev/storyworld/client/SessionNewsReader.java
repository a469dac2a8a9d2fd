package dev.storyworld.client;

import dev.storyworld.client.EventStreamParser.ServerSentEvent;
import jakarta.json.JsonObject;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads a session's stream for one watch: every version once and in order (an id at or below the last
 * one delivered is dropped), resuming after the last version delivered. A replayed event comes without
 * the session; the last one of a replay is held back until the snapshot that follows it, whose session
 * is the state right after it, and delivered with that session.
 */
final class SessionNewsReader implements Watch.Reader {

    private final Consumer<? super SessionNews> listener;
    /** The version of the last news delivered; -1 before the first. */
    private long delivered;
    /** A replayed event waiting for the snapshot of its version. */
    private SessionNews.Happened held;

    SessionNewsReader(Long fromVersion, Consumer<? super SessionNews> listener) {
        this.listener = listener;
        this.delivered = fromVersion == null ? -1 : fromVersion;
    }

    @Override
    public boolean read(ServerSentEvent event) {
        switch (event.type()) {
            case "snapshot" -> snapshot(Session.of(JsonFields.parse(event.data())));
            case "session_deleted" -> {
                release();
                // It carries no id: the session ends at the last version delivered.
                deletedMeanwhile();
                return true;
            }
            default -> {
                // The server's retry hints come as events of empty data: nothing to tell.
                if (!event.data().isBlank()) {
                    happened(event);
                }
            }
        }
        return false;
    }

    private void snapshot(Session session) {
        if (held != null && held.version() == session.version()) {
            SessionNews.Happened replayed = held;
            held = null;
            deliver(new SessionNews.Happened(replayed.version(), replayed.event(), Optional.of(session)));
            return;
        }
        release();
        if (session.version() > delivered) {
            deliver(new SessionNews.Snapshot(session));
        }
    }

    private void happened(ServerSentEvent event) {
        JsonObject json = JsonFields.parse(event.data());
        if (!JsonFields.present(json, "action")) {
            return;  // not an event of the log: a kind of news this client does not know yet
        }
        long version = version(event);
        if (version <= (held == null ? delivered : held.version())) {
            return;
        }
        release();
        Session after = JsonFields.present(json, "session") ? Session.of(json.getJsonObject("session")) : null;
        SessionNews.Happened news = new SessionNews.Happened(version, Event.of(json), Optional.ofNullable(after));
        if (after == null) {
            held = news;
        } else {
            deliver(news);
        }
    }

    /** A held event is delivered as it is once anything but its snapshot follows it. */
    private void release() {
        if (held != null) {
            SessionNews.Happened replayed = held;
            held = null;
            deliver(replayed);
        }
    }

    private void deliver(SessionNews news) {
        listener.accept(news);
        delivered = news.version();
    }

    /** The SSE id, the session's version after the event. */
    private long version(ServerSentEvent event) {
        return Long.parseLong(event.lastEventId().trim());
    }

    @Override
    public String resumeFrom() {
        return delivered < 0 ? null : Long.toString(delivered);
    }

    @Override
    public void disconnected() {
        held = null;
    }

    @Override
    public void deletedMeanwhile() {
        deliver(new SessionNews.Deleted(delivered));
    }
}
