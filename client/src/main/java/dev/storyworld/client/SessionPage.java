package dev.storyworld.client;

import jakarta.json.JsonObject;

import java.util.List;

/** One page of the caller's sessions, newest first; {@code nextCursor} is null on the last page. */
public record SessionPage(List<Session> sessions, String nextCursor) {

    static SessionPage of(JsonObject json) {
        return new SessionPage(JsonFields.list(json, "sessions", Session::of), JsonFields.optString(json, "next_cursor"));
    }
}
