package dev.storyworld.client;

import jakarta.json.JsonObject;

/** The answer of a scheduler pause or resume: {@code status} is {@code paused} or {@code resumed}. */
public record SchedulerState(String status, long worldId) {

    static SchedulerState of(JsonObject json) {
        return new SchedulerState(json.getString("status"), json.getJsonNumber("world_id").longValueExact());
    }
}
