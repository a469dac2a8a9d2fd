package dev.storyworld.common;

import java.util.Optional;

/**
 * That a session or a world changed, as the live streams learn it: a wake-up, never the change itself.
 * The database stays the source of truth; a reader that gets this reads the row (and the session's event
 * log) again. {@code version} is the session's version after the change (0 for a world, whose state has
 * none); {@code origin} names the instance that made it, {@code sentAtMillis} when it was sent (for the
 * notification lag).
 */
public record Change(Subject subject, long id, long version, boolean deleted, String origin, long sentAtMillis) {

    public enum Subject { SESSION, WORLD }

    /** The NOTIFY payload: a few numbers, far below PostgreSQL's 8000 bytes. */
    public String toPayload() {
        return String.join("|", origin, subject == Subject.SESSION ? "s" : "w", Long.toString(id),
                Long.toString(version), deleted ? "d" : "c", Long.toString(sentAtMillis));
    }

    /** A payload of {@link #toPayload}; empty for anything else on the channel. */
    public static Optional<Change> ofPayload(String payload) {
        String[] parts = payload == null ? new String[0] : payload.split("\\|");
        if (parts.length != 6 || !(parts[1].equals("s") || parts[1].equals("w"))) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Change(parts[1].equals("s") ? Subject.SESSION : Subject.WORLD,
                    Long.parseLong(parts[2]), Long.parseLong(parts[3]), parts[4].equals("d"), parts[0],
                    Long.parseLong(parts[5])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
