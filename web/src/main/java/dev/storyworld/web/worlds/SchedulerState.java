package dev.storyworld.web.worlds;

public record SchedulerState(String status, long worldId) {
}
