package dev.storyworld.web.worlds;

import dev.storyworld.world.control.WorldClock;

public record GameWorldClock(
        long week,
        int dayOfWeek,
        String dayName,
        int hour,
        int minute,
        int second,
        double secondsIntoWeek) {

    static GameWorldClock of(WorldClock clock) {
        return new GameWorldClock(clock.week(), clock.dayOfWeek(), clock.dayName(), clock.hour(), clock.minute(),
                clock.second(), clock.secondsIntoWeek());
    }
}
