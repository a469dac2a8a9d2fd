package dev.storyworld.world.control;

/**
 * The display view of a monotonic world time: time 0 is Monday 00:00 and a week is 604 800 s.
 * The stored {@code world_time} is never wrapped; only this view is.
 */
public record WorldClock(long week, int dayOfWeek, String dayName, int hour, int minute, int second,
                         double secondsIntoWeek) {

    public static final long SECONDS_PER_WEEK = 604_800;
    private static final long SECONDS_PER_DAY = 86_400;
    private static final String[] DAY_NAMES =
            {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

    public static WorldClock at(double worldTime) {
        if (!Double.isFinite(worldTime) || worldTime < 0) {
            throw new IllegalArgumentException("world time must be finite and not negative: " + worldTime);
        }
        long week = (long) Math.floor(worldTime / SECONDS_PER_WEEK);
        double secondsIntoWeek = worldTime - (double) week * SECONDS_PER_WEEK;
        long whole = (long) Math.floor(secondsIntoWeek);
        int day = (int) (whole / SECONDS_PER_DAY);
        long intoDay = whole % SECONDS_PER_DAY;
        return new WorldClock(week, day, DAY_NAMES[day], (int) (intoDay / 3600), (int) (intoDay % 3600 / 60),
                (int) (intoDay % 60), secondsIntoWeek);
    }
}
