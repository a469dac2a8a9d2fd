package dev.storyworld.web.worlds;

/** The answer of a pause or a resume. */
public record SchedulerState(String status, long worldId) {

    static SchedulerState of(long worldId, boolean paused) {
        return new SchedulerState(paused ? "paused" : "resumed", worldId);
    }
}
