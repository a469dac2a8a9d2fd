package dev.storyworld.world.control;

import java.util.List;

/** One page of a user's worlds, by id ascending. */
public record WorldPage(List<Summary> worlds, long total, int offset, int limit) {

    public record Summary(long id, String name) {
    }
}
