package dev.storyworld.session.control;

import dev.storyworld.common.JsonDocument;
import dev.storyworld.session.entity.PlaySession;

import java.time.Instant;

/** A session as its player sees it; {@code relationships} are always normalized. */
public record SessionView(long id, long userId, long sceneId, long currentNodeId, Long worldId,
                          JsonDocument flags, JsonDocument relationships, double worldTime,
                          long version, Instant createdAt, Instant updatedAt) {

    static SessionView of(PlaySession session, JsonDocument normalizedRelationships) {
        return new SessionView(session.id(), session.userId(), session.sceneId(), session.currentNodeId(),
                session.worldId(), session.flags(), normalizedRelationships, session.worldTime(), session.version(),
                session.createdAt().toInstant(), session.updatedAt().toInstant());
    }
}
