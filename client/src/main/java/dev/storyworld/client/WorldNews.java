package dev.storyworld.client;

import java.util.List;

/**
 * What a watch of a world ({@link Worlds#watch}) tells its listener. World states are conflated by the
 * server: a watcher gets the newest state, never a backlog, so a {@link State} may stand for several
 * changes (clock advances, meta and scheduler writes, pause and resume). A watch starts with the
 * current state and, after a reconnection, gets the then current state again; it ends with
 * {@link Deleted}.
 */
public sealed interface WorldNews {

    /**
     * The world as it is now.
     *
     * @param changes what changed since the previous state of the same connection ({@code advance},
     *                {@code meta}, {@code scheduler}, {@code paused}, {@code resumed}); empty for the first
     *                state of a connection (the server's {@code snapshot})
     */
    record State(World world, List<String> changes) implements WorldNews {
        public State {
            changes = List.copyOf(changes);
        }
    }

    /** The world was deleted: the last news of the watch, which then ends normally. */
    record Deleted(long worldId) implements WorldNews {
    }
}
