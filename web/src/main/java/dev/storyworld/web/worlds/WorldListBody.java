package dev.storyworld.web.worlds;

import dev.storyworld.web.http.Keyset;
import dev.storyworld.world.control.WorldPage;

import java.util.List;

/** One page of the caller's worlds; {@code offset} is null on a page asked for by cursor. */
public record WorldListBody(List<WorldSummary> worlds, long total, Integer offset, int limit, String nextCursor) {

    /** One world of the page. */
    public record WorldSummary(long id, String name) {

        static WorldSummary of(WorldPage.Summary world) {
            return new WorldSummary(world.id(), world.name());
        }
    }

    /** The page's worlds as {@code keyset} cut them (one more was read to tell whether a next page exists). */
    static WorldListBody of(WorldPage page, Keyset<WorldPage.Summary> keyset, Integer offset, int limit) {
        return new WorldListBody(keyset.items().stream().map(WorldSummary::of).toList(), page.total(), offset, limit,
                keyset.nextCursor());
    }
}
