package dev.storyworld.web.sessions;

import dev.storyworld.common.JsonDocument;
import dev.storyworld.session.control.EventView;

import java.time.Instant;

/** An entry of a session's event log (the contract's {@code SessionEvent}): its typed diff as the document it renders to. */
public record EventBody(long id, Instant ts, String action, Long nodeId, Long edgeId, JsonDocument diff) {

    static EventBody of(EventView event) {
        return new EventBody(event.id(), event.ts(), event.action().wireName(), event.nodeId(), event.edgeId(),
                event.diff().toDocument());
    }
}
