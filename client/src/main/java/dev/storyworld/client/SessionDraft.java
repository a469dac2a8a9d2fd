package dev.storyworld.client;

import jakarta.json.JsonObject;

import java.util.Objects;

/**
 * A session to start: {@code SessionDraft.onScene(scene.id()).inWorld(world.id()).flags(flags)}; the world
 * and the flags are optional. Immutable: each method answers a new draft.
 */
public final class SessionDraft {

    private final long sceneId;
    private final Long worldId;
    private final JsonObject flags;

    private SessionDraft(long sceneId, Long worldId, JsonObject flags) {
        this.sceneId = sceneId;
        this.worldId = worldId;
        this.flags = flags;
    }

    /** A session at the entry node of scene {@code sceneId}, linked to no world, without flags. */
    public static SessionDraft onScene(long sceneId) {
        return new SessionDraft(sceneId, null, null);
    }

    /** The same draft linked to world {@code worldId} (its schemas normalize the relationships). */
    public SessionDraft inWorld(long worldId) {
        return new SessionDraft(sceneId, worldId, flags);
    }

    /** The same draft with these starting flags. */
    public SessionDraft flags(JsonObject flags) {
        return new SessionDraft(sceneId, worldId, Objects.requireNonNull(flags, "flags"));
    }

    public long sceneId() {
        return sceneId;
    }

    /** The linked world, null when none. */
    public Long worldId() {
        return worldId;
    }

    /** The starting flags, null when none were given. */
    public JsonObject flags() {
        return flags;
    }

    JsonObject body() {
        return new JsonFields.Body().put("scene_id", sceneId).put("world_id", worldId).put("flags", flags).build();
    }
}
