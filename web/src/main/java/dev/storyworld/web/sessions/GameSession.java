package dev.storyworld.web.sessions;

import dev.storyworld.session.control.SessionView;

import java.time.Instant;
import java.util.Map;

public record GameSession(
        long id, long userId, long sceneId, long currentNodeId, Long worldId, Map<String, Object> flags,
        Map<String, Object> relationships,
        double worldTime, long version, Instant createdAt, Instant updatedAt) {

    public static GameSession of(SessionView session) {
        return new GameSession(session.id(), session.userId(), session.sceneId(), session.currentNodeId(),
                session.worldId(), session.flags(), session.relationships(), session.worldTime(), session.version(),
                session.createdAt(), session.updatedAt());
    }

    String etag() {
        return "\"" + version + "\"";
    }
}
