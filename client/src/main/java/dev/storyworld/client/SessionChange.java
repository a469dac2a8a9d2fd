package dev.storyworld.client;

import jakarta.json.JsonObject;

/**
 * What a PATCH changes: each part is sent only when set ({@code flags} and {@code relationships} replace
 * the stored documents whole). Immutable; build it with the {@code with...} methods.
 */
public record SessionChange(Double worldTime, JsonObject flags, JsonObject relationships) {

    private static final SessionChange NONE = new SessionChange(null, null, null);

    public static SessionChange none() {
        return NONE;
    }

    public static SessionChange flags(JsonObject flags) {
        return NONE.withFlags(flags);
    }

    public static SessionChange relationships(JsonObject relationships) {
        return NONE.withRelationships(relationships);
    }

    public static SessionChange worldTime(double worldTime) {
        return NONE.withWorldTime(worldTime);
    }

    public SessionChange withFlags(JsonObject flags) {
        return new SessionChange(worldTime, flags, relationships);
    }

    public SessionChange withRelationships(JsonObject relationships) {
        return new SessionChange(worldTime, flags, relationships);
    }

    public SessionChange withWorldTime(double worldTime) {
        return new SessionChange(worldTime, flags, relationships);
    }

    JsonObject body(Long expectedVersion) {
        return new JsonFields.Body().put("world_time", worldTime).put("flags", flags)
                .put("relationships", relationships).put("expected_version", expectedVersion).build();
    }
}
