package dev.storyworld.session.control;

import dev.storyworld.common.JsonDocument;
import dev.storyworld.session.entity.PlaySessionEvent;

import java.time.Instant;

/** An entry of a session's event log as its player sees it. */
public record EventView(long id, Instant ts, String action, Long nodeId, Long edgeId, JsonDocument diff) {

    static EventView of(PlaySessionEvent event) {
        return new EventView(event.id(), event.ts().toInstant(), event.action(), event.nodeId(), event.edgeId(),
                event.diff());
    }
}
