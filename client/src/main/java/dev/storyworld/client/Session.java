package dev.storyworld.client;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static dev.storyworld.client.JsonFields.document;
import static dev.storyworld.client.JsonFields.optInstant;
import static dev.storyworld.client.JsonFields.optLong;

/**
 * A player's walk through a scene, as the server answers it: relationships normalized (every
 * {@code npc:<id>} entry with its {@code tierId} and {@code intimacyLevelId}), {@code version} for
 * optimistic locking. {@code flags} and {@code relationships} are the client's own documents, keys and
 * order as written.
 */
public record Session(long id, long userId, long sceneId, long currentNodeId, Long worldId, JsonObject flags,
                      JsonObject relationships, double worldTime, long version, Instant createdAt,
                      Instant updatedAt) {

    static Session of(JsonObject json) {
        return new Session(json.getJsonNumber("id").longValueExact(), json.getJsonNumber("user_id").longValueExact(),
                json.getJsonNumber("scene_id").longValueExact(), json.getJsonNumber("current_node_id").longValueExact(),
                optLong(json, "world_id"), document(json, "flags"), document(json, "relationships"),
                json.getJsonNumber("world_time").doubleValue(), json.getJsonNumber("version").longValueExact(),
                optInstant(json, "created_at"), optInstant(json, "updated_at"));
    }

    /** The normalized entry of NPC {@code npcId} ({@code npc:<id>}), if the session has one. */
    public Optional<NpcRelationship> npc(long npcId) {
        JsonValue entry = relationships.get("npc:" + npcId);
        return entry instanceof JsonObject json ? Optional.of(NpcRelationship.of(json)) : Optional.empty();
    }

    /**
     * One NPC's relationship: its numeric axes ({@code affinity}, {@code trust}, {@code chemistry},
     * {@code tension} and any other) and the tier and intimacy level the server computed from them.
     */
    public record NpcRelationship(Map<String, Double> axes, String tierId, String intimacyLevelId) {

        static NpcRelationship of(JsonObject json) {
            Map<String, Double> axes = new LinkedHashMap<>();
            json.forEach((name, value) -> {
                if (value instanceof JsonNumber number) {
                    axes.put(name, number.doubleValue());
                }
            });
            return new NpcRelationship(Map.copyOf(axes), JsonFields.optString(json, "tierId"),
                    JsonFields.optString(json, "intimacyLevelId"));
        }

        /** An axis, 0 when absent (as the server counts it). */
        public double axis(String name) {
            return axes.getOrDefault(name, 0.0);
        }
    }
}
