package dev.storyworld.session.control;

import java.util.Locale;

/**
 * What an entry of a session's event log records, by the name the API and the stored log give it
 * ({@code session_created}). Only this service writes the log, so every stored name is one of these.
 */
public enum EventAction {
    /** The session started at its scene's entry node (version 1). */
    SESSION_CREATED,
    /** The session walked an edge. */
    ADVANCE,
    /** A PATCH changed world_time, flags or relationships. */
    SESSION_UPDATE;

    /** The name as the API writes it and the log stores it. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EventAction ofWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
