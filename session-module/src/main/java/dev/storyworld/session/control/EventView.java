package dev.storyworld.session.control;

import dev.storyworld.session.entity.PlaySessionEvent;

import java.time.Instant;

/** An entry of a session's event log as its player sees it; what it changed is its typed {@code diff}. */
public record EventView(long id, long version, Instant ts, Long nodeId, Long edgeId, EventDiff diff) {

    public EventAction action() {
        return diff.action();
    }

    static EventView of(PlaySessionEvent event) {
        return new EventView(event.id(), event.version(), event.ts().toInstant(), event.nodeId(), event.edgeId(),
                EventDiff.read(EventAction.ofWireName(event.action()), event.diff()));
    }
}
