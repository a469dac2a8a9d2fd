package dev.storyworld.session.control;

import java.time.Instant;
import java.util.Map;

/** A session as its player sees it; {@code relationships} are always normalized. */
public record SessionView(long id, long userId, long sceneId, long currentNodeId, Long worldId,
                          Map<String, Object> flags, Map<String, Object> relationships, double worldTime,
                          long version, Instant createdAt, Instant updatedAt) {
}
