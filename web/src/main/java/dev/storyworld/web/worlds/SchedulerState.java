package dev.storyworld.web.worlds;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "SchedulerState")
public record SchedulerState(@Schema(enumeration = {"paused", "resumed"}) String status, long worldId) {
}
