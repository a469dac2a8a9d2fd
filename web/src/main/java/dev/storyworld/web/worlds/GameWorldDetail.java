package dev.storyworld.web.worlds;

import dev.storyworld.world.control.WorldDetail;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.Map;

@Schema(name = "GameWorldDetail")
public record GameWorldDetail(
        long id,
        String name,
        @Schema(description = "The client's meta document: relationship_schemas, intimacy_schema, simulation (the"
                + " scheduler config) and any other keys, kept as written")
        Map<String, Object> meta,
        @Schema(description = "Monotonic seconds since the world began: it only grows, by advances, and is never"
                + " wrapped at a day or week boundary")
        double worldTime,
        @Schema(description = "Display view derived from world_time: 0 is Monday 00:00, a week is 604800 s,"
                + " day_of_week 0 is Monday")
        GameWorldClock worldClock,
        Instant lastAdvancedAt,
        Instant createdAt) {

    static GameWorldDetail of(WorldDetail world) {
        return new GameWorldDetail(world.id(), world.name(), world.meta(), world.worldTime(),
                GameWorldClock.of(world.clock()), world.lastAdvancedAt(), world.createdAt());
    }
}
