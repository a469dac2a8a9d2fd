package dev.storyworld.web.worlds;

/** The answer of a pause or a resume. */
public record SchedulerStateBody(String status, long worldId) {

    static SchedulerStateBody of(long worldId, boolean paused) {
        return new SchedulerStateBody(paused ? "paused" : "resumed", worldId);
    }
}
