package dev.storyworld.web.worlds;

import dev.storyworld.world.control.WorldClock;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "WorldClock", description = "Display view derived from world_time, which itself is never wrapped:"
        + " time 0 is Monday 00:00, a week is 604800 s, a day 86400 s")
public record GameWorldClock(
        @Schema(description = "Whole weeks since time 0: floor(world_time / 604800)") long week,
        @Schema(description = "0 is Monday ... 6 is Sunday") int dayOfWeek,
        @Schema(description = "Monday ... Sunday") String dayName,
        @Schema(description = "0..23") int hour,
        @Schema(description = "0..59") int minute,
        @Schema(description = "0..59, whole seconds (fractions are only in seconds_into_week)") int second,
        @Schema(description = "world_time - week * 604800, in [0, 604800), with the fraction") double secondsIntoWeek) {

    static GameWorldClock of(WorldClock clock) {
        return new GameWorldClock(clock.week(), clock.dayOfWeek(), clock.dayName(), clock.hour(), clock.minute(),
                clock.second(), clock.secondsIntoWeek());
    }
}
