package dev.storyworld.web.limits;

/**
 * The classes of requests that each have a per-user limit, set by
 * {@code storyworld.rate-limit.<name>.per-minute} (the sustained rate) and {@code .burst} (what a quiet
 * caller may send at once); defaults in microprofile-config.properties, reasons in docs/settings.md.
 */
public enum LimitClass {
    WORLD_ADVANCE("world-advance"),
    SESSION_PATCH("session-patch"),
    WRITE("write"),
    READ("read");

    private final String label;

    LimitClass(String label) {
        this.label = label;
    }

    /** The name in settings, headers and metrics. */
    public String label() {
        return label;
    }

    String perMinuteSetting() {
        return "storyworld.rate-limit." + label + ".per-minute";
    }

    String burstSetting() {
        return "storyworld.rate-limit." + label + ".burst";
    }
}
