package dev.storyworld.web.sessions;

import dev.storyworld.session.control.EventView;

import java.time.Instant;
import java.util.Map;

/** An entry of a session's event log (the contract's {@code SessionEvent}). */
public record EventBody(long id, Instant ts, String action, Long nodeId, Long edgeId, Map<String, Object> diff) {

    static EventBody of(EventView event) {
        return new EventBody(event.id(), event.ts(), event.action(), event.nodeId(), event.edgeId(),
                event.diff().fields());
    }
}
