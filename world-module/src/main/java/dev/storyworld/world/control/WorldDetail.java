package dev.storyworld.world.control;

import dev.storyworld.common.JsonDocuments;
import dev.storyworld.world.entity.GameWorld;

import java.time.Instant;
import java.util.Map;

/** A world as its owner sees it: identity, meta document and clock. */
public record WorldDetail(long id, String name, Map<String, Object> meta, double worldTime,
                          Instant lastAdvancedAt, Instant createdAt) {

    static WorldDetail of(GameWorld world) {
        return new WorldDetail(world.id(), world.name(), JsonDocuments.read(world.meta()),
                world.state().worldTime(), world.state().lastAdvancedAt().toInstant(),
                world.createdAt().toInstant());
    }

    public WorldClock clock() {
        return WorldClock.at(worldTime);
    }
}
