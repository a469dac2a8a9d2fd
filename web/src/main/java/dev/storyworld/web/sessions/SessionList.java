package dev.storyworld.web.sessions;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(name = "SessionList")
public record SessionList(List<GameSession> sessions,
                          @Schema(description = "Opaque cursor of the next page; null on the last page") String nextCursor) {
}
