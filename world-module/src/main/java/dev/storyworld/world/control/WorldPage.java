package dev.storyworld.world.control;

import java.util.List;

/** Worlds of one user by id ascending, and how many the user has in all. */
public record WorldPage(List<Summary> worlds, long total) {

    public record Summary(long id, String name) {
    }
}
