package dev.storyworld.web.worlds;

import dev.storyworld.common.JsonDocument;
import dev.storyworld.world.control.WorldDetail;

import java.time.Instant;

/** A world as the API answers with it (the contract's {@code GameWorldDetail}); its {@code meta} is the client's document, keys as written. */
public record WorldBody(
        long id,
        String name,
        JsonDocument meta,
        double worldTime,
        WorldClockBody worldClock,
        Instant lastAdvancedAt,
        Instant createdAt) {

    static WorldBody of(WorldDetail world) {
        return new WorldBody(world.id(), world.name(), world.meta(), world.worldTime(),
                WorldClockBody.of(world.clock()), world.lastAdvancedAt(), world.createdAt());
    }
}
