package dev.storyworld.web.sessions;

import dev.storyworld.session.control.EventView;
import dev.storyworld.web.http.Keyset;

import java.util.List;

/** A page of a session's event log, newest first (the contract's {@code SessionEventList}). */
public record EventListBody(List<EventBody> events, String nextCursor) {

    static EventListBody of(Keyset<EventView> page) {
        return new EventListBody(page.items().stream().map(EventBody::of).toList(), page.nextCursor());
    }
}
