package dev.storyworld.client;

import jakarta.json.JsonObject;

import java.time.Instant;

import static dev.storyworld.client.JsonFields.optInstant;

/**
 * A world (GameWorldDetail): its {@code meta} document as the client wrote it, {@code worldTime} in
 * monotonic seconds since the world began, and the display clock derived from it.
 */
public record World(long id, String name, JsonObject meta, double worldTime, Clock worldClock,
                    Instant lastAdvancedAt, Instant createdAt) {

    /** {@code world_time} for display: week 0 starts Monday 00:00, {@code dayOfWeek} 0 is Monday. */
    public record Clock(long week, int dayOfWeek, String dayName, int hour, int minute, int second,
                        double secondsIntoWeek) {

        static Clock of(JsonObject json) {
            return new Clock(json.getJsonNumber("week").longValueExact(), json.getInt("day_of_week"),
                    json.getString("day_name"), json.getInt("hour"), json.getInt("minute"), json.getInt("second"),
                    json.getJsonNumber("seconds_into_week").doubleValue());
        }
    }

    static World of(JsonObject json) {
        return new World(json.getJsonNumber("id").longValueExact(), json.getString("name"),
                JsonFields.document(json, "meta"), json.getJsonNumber("world_time").doubleValue(),
                Clock.of(json.getJsonObject("world_clock")), optInstant(json, "last_advanced_at"),
                optInstant(json, "created_at"));
    }
}
