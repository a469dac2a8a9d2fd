package dev.storyworld.client;

import jakarta.json.JsonObject;

import java.util.List;

/**
 * One page of the caller's worlds by id ascending. {@code total} counts all of them; pass
 * {@code nextCursor} (null on the last page) for the next page. {@code offset} is null on a cursor page.
 */
public record WorldPage(List<Summary> worlds, long total, Long offset, int limit, String nextCursor) {

    public record Summary(long id, String name) {
    }

    static WorldPage of(JsonObject json) {
        return new WorldPage(JsonFields.list(json, "worlds",
                w -> new Summary(w.getJsonNumber("id").longValueExact(), w.getString("name"))),
                json.getJsonNumber("total").longValueExact(), JsonFields.optLong(json, "offset"), json.getInt("limit"),
                JsonFields.optString(json, "next_cursor"));
    }
}
