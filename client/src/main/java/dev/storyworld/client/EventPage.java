package dev.storyworld.client;

import jakarta.json.JsonObject;

import java.util.List;

/** One page of a session's events, newest first; {@code nextCursor} is null on the last page. */
public record EventPage(List<Event> events, String nextCursor) {

    static EventPage of(JsonObject json) {
        return new EventPage(JsonFields.list(json, "events", Event::of), JsonFields.optString(json, "next_cursor"));
    }
}
