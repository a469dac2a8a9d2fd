package dev.storyworld.web.worlds;

import dev.storyworld.world.control.WorldDetail;

import java.time.Instant;
import java.util.Map;

/** A world as the API shows it; its {@code meta} is the client's document, keys as written. */
public record GameWorldDetail(
        long id,
        String name,
        Map<String, Object> meta,
        double worldTime,
        GameWorldClock worldClock,
        Instant lastAdvancedAt,
        Instant createdAt) {

    static GameWorldDetail of(WorldDetail world) {
        return new GameWorldDetail(world.id(), world.name(), world.meta().fields(), world.worldTime(),
                GameWorldClock.of(world.clock()), world.lastAdvancedAt(), world.createdAt());
    }
}
