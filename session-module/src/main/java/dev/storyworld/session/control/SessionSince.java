package dev.storyworld.session.control;

import java.util.List;

/** A session as it is now and its logged events after a version the reader had, oldest first, up to this state. */
public record SessionSince(SessionView session, List<EventView> events) {
}
