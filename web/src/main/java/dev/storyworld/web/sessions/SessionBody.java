package dev.storyworld.web.sessions;

import dev.storyworld.common.JsonDocument;
import dev.storyworld.session.control.SessionView;

import java.time.Instant;

/** A session as the API answers with it (the contract's {@code GameSession}); its ETag is its version. */
public record SessionBody(
        long id, long userId, long sceneId, long currentNodeId, Long worldId, JsonDocument flags,
        JsonDocument relationships,
        double worldTime, long version, Instant createdAt, Instant updatedAt) {

    public static SessionBody of(SessionView session) {
        return new SessionBody(session.id(), session.userId(), session.sceneId(), session.currentNodeId(),
                session.worldId(), session.flags(), session.relationships(), session.worldTime(),
                session.version(), session.createdAt(), session.updatedAt());
    }

    String etag() {
        return "\"" + version + "\"";
    }
}
