package dev.storyworld.web.sessions;

import dev.storyworld.session.control.SessionView;
import dev.storyworld.web.http.Keyset;

import java.util.List;

/** A page of the caller's sessions (the contract's {@code SessionList}). */
public record SessionListBody(List<SessionBody> sessions, String nextCursor) {

    static SessionListBody of(Keyset<SessionView> page) {
        return new SessionListBody(page.items().stream().map(SessionBody::of).toList(), page.nextCursor());
    }
}
