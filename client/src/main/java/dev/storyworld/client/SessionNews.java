package dev.storyworld.client;

import java.util.Optional;

/**
 * What a watch of a session ({@link Sessions#watch}) tells its listener: each version of the session
 * once, in order. A watch starts with a {@link Snapshot} (unless it resumes from a version the caller
 * had), then one {@link Happened} per event of the session's log as it commits, and ends with
 * {@link Deleted} when the session is deleted.
 */
public sealed interface SessionNews {

    /** The session's version after this news. */
    long version();

    /**
     * The session as it is now: first on a new watch, and when the events since the last version
     * delivered were already removed by retention (the watch then continues from this version).
     */
    record Snapshot(Session session) implements SessionNews {
        @Override
        public long version() {
            return session.version();
        }
    }

    /**
     * One event of the session's log ({@code session_created}, {@code advance}, {@code session_update}),
     * with the session as it was right after it. That session is absent for events replayed after a
     * reconnection (the server keeps past events, not past states), except the last of a replay, which
     * gets the server's current session.
     *
     * @param version the session's version after the event (versions are contiguous: one event a version)
     */
    record Happened(long version, Event event, Optional<Session> session) implements SessionNews {
    }

    /**
     * The session was deleted: the last news of the watch, which then ends normally.
     *
     * @param version the last version delivered before it (the version the session was deleted at)
     */
    record Deleted(long version) implements SessionNews {
    }
}
