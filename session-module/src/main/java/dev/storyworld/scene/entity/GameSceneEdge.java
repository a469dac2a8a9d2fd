package dev.storyworld.scene.entity;

import jakarta.json.JsonValue;
import jakarta.persistence.Cacheable;
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
 * A choice leading from one node of a scene to another. Cached by every instance (each session step
 * reads its edge by id): an edge is never changed once its scene is created, scenes have no update,
 * and ids are never reused, so a cached edge cannot be stale. One of a deleted scene can only be
 * compared with a session of another scene, which it does not belong to, as if it were not found.
 */
@Entity
@Cacheable
@Table(name = "game_scene_edges")
public class GameSceneEdge {

    @Id
    @SequenceGenerator(name = "game_scene_edges_id", sequenceName = "game_scene_edges_id_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "game_scene_edges_id")
    private Long id;

    @Column(name = "scene_id", nullable = false, updatable = false)
    private long sceneId;

    @Column(name = "from_node_id", nullable = false, updatable = false)
    private long fromNodeId;

    @Column(name = "to_node_id", nullable = false, updatable = false)
    private long toNodeId;

    @Column(name = "choice_label", nullable = false, length = 128)
    private String choiceLabel;

    private double weight;

    @Column(name = "reveal_at_sec")
    private Double revealAtSec;

    @Column(name = "cooldown_sec")
    private Integer cooldownSec;

    @Convert(converter = JsonValueConverter.class)
    private JsonValue conditions;

    @Convert(converter = JsonValueConverter.class)
    private JsonValue effects;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    protected GameSceneEdge() {
    }

    public GameSceneEdge(long sceneId, long fromNodeId, long toNodeId, String choiceLabel, double weight,
                         Double revealAtSec, Integer cooldownSec, JsonValue conditions, JsonValue effects,
                         OffsetDateTime createdAt) {
        this.sceneId = sceneId;
        this.fromNodeId = fromNodeId;
        this.toNodeId = toNodeId;
        this.choiceLabel = choiceLabel;
        this.weight = weight;
        this.revealAtSec = revealAtSec;
        this.cooldownSec = cooldownSec;
        this.conditions = conditions;
        this.effects = effects;
        this.createdAt = createdAt;
    }

    public Long id() {
        return id;
    }

    public long sceneId() {
        return sceneId;
    }

    public long fromNodeId() {
        return fromNodeId;
    }

    public long toNodeId() {
        return toNodeId;
    }

    public String choiceLabel() {
        return choiceLabel;
    }

    public double weight() {
        return weight;
    }

    public Double revealAtSec() {
        return revealAtSec;
    }

    public Integer cooldownSec() {
        return cooldownSec;
    }

    public JsonValue conditions() {
        return conditions;
    }

    public JsonValue effects() {
        return effects;
    }
}
