package dev.storyworld.session.entity;

import dev.storyworld.common.JsonDocument;
import dev.storyworld.common.JsonDocumentConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/**
 * One player's walk through a scene. {@code version} counts accepted changes; writers check it in
 * the same statement that writes ({@code SessionStore.write}), so two writers holding the same version
 * cannot both succeed. JPA only inserts and reads sessions: a change is a new value, {@link #next}.
 */
@Entity
@Table(name = "game_sessions")
public class PlaySession {

    @Id
    @SequenceGenerator(name = "game_sessions_id", sequenceName = "game_sessions_id_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "game_sessions_id")
    private Long id;

    @Column(name = "user_id", nullable = false, updatable = false)
    private long userId;

    @Column(name = "scene_id", nullable = false, updatable = false)
    private long sceneId;

    @Column(name = "current_node_id", nullable = false)
    private long currentNodeId;

    @Column(name = "world_id", updatable = false)
    private Long worldId;

    @Column(nullable = false)
    @Convert(converter = JsonDocumentConverter.class)
    private JsonDocument flags;

    @Column(nullable = false)
    @Convert(converter = JsonDocumentConverter.class)
    private JsonDocument relationships;

    @Column(name = "world_time", nullable = false)
    private double worldTime;

    @Column(nullable = false)
    private long version;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    protected PlaySession() {
    }

    public PlaySession(long userId, long sceneId, long entryNodeId, Long worldId, JsonDocument flags,
                       JsonDocument relationships, OffsetDateTime createdAt) {
        this.userId = userId;
        this.sceneId = sceneId;
        this.currentNodeId = entryNodeId;
        this.worldId = worldId;
        this.flags = flags;
        this.relationships = relationships;
        this.version = 1;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    /** This session after one accepted change, at the next version: a value for {@code SessionStore.write}. */
    public PlaySession next(long nodeId, double worldTime, JsonDocument flags, JsonDocument relationships,
                            OffsetDateTime at) {
        PlaySession next = new PlaySession(userId, sceneId, nodeId, worldId, flags, relationships, createdAt);
        next.id = id;
        next.worldTime = worldTime;
        next.version = version + 1;
        next.updatedAt = at;
        return next;
    }

    public Long id() {
        return id;
    }

    public long userId() {
        return userId;
    }

    public long sceneId() {
        return sceneId;
    }

    public long currentNodeId() {
        return currentNodeId;
    }

    public Long worldId() {
        return worldId;
    }

    public JsonDocument flags() {
        return flags;
    }

    public JsonDocument relationships() {
        return relationships;
    }

    public double worldTime() {
        return worldTime;
    }

    public long version() {
        return version;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }
}
