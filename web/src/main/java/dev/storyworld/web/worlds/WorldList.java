package dev.storyworld.web.worlds;

import dev.storyworld.world.control.WorldPage;

import java.util.List;

/** One page of the caller's worlds; {@code offset} is null on a page asked for by cursor. */
public record WorldList(List<WorldPage.Summary> worlds, long total, Integer offset, int limit, String nextCursor) {
}
