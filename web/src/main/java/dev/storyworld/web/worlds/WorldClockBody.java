package dev.storyworld.web.worlds;

import dev.storyworld.world.control.WorldClock;

/** The clock derived from a world's time (the contract's {@code GameWorldClock}). */
public record WorldClockBody(
        long week,
        int dayOfWeek,
        String dayName,
        int hour,
        int minute,
        int second,
        double secondsIntoWeek) {

    static WorldClockBody of(WorldClock clock) {
        return new WorldClockBody(clock.week(), clock.dayOfWeek(), clock.dayName(), clock.hour(), clock.minute(),
                clock.second(), clock.secondsIntoWeek());
    }
}
