package dev.storyworld.client;

import jakarta.json.JsonObject;

import java.util.Objects;

/**
 * A world to create: {@code WorldDraft.named("Harbor Town").meta(meta)}; the meta is optional.
 * Immutable: each method answers a new draft.
 */
public final class WorldDraft {

    private final String name;
    private final JsonObject meta;

    private WorldDraft(String name, JsonObject meta) {
        this.name = Objects.requireNonNull(name, "name");
        this.meta = meta;
    }

    /** A world of this name (1 to 128 characters) and an empty meta. */
    public static WorldDraft named(String name) {
        return new WorldDraft(name, null);
    }

    /** The same draft with this meta (schemas, scheduler config at {@code simulation}, keys of your own). */
    public WorldDraft meta(JsonObject meta) {
        return new WorldDraft(name, Objects.requireNonNull(meta, "meta"));
    }

    public String name() {
        return name;
    }

    /** The meta, null when none was given. */
    public JsonObject meta() {
        return meta;
    }

    JsonObject body() {
        return new JsonFields.Body().put("name", name).put("meta", meta).build();
    }
}
