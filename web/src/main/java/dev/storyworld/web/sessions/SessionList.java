package dev.storyworld.web.sessions;

import java.util.List;

public record SessionList(List<GameSession> sessions,
                          String nextCursor) {
}
