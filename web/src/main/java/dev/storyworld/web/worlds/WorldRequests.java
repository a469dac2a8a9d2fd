package dev.storyworld.web.worlds;

import jakarta.json.JsonObject;

/** Request bodies of the worlds endpoints. */
public final class WorldRequests {

    private WorldRequests() {
    }

    /**
     * {@code meta} binds as a JSON-P object: a generic map would quietly accept an array or a
     * number, where the contract wants a 400.
     */
    public record Create(String name, JsonObject meta) {
    }

    public record ReplaceMeta(JsonObject meta) {
    }

    public record Advance(Double deltaSeconds) {
    }

}
