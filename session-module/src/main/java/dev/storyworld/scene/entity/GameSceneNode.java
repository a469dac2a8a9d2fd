package dev.storyworld.scene.entity;

import dev.storyworld.common.JsonDocument;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

@Entity
@Table(name = "game_scene_nodes")
public class GameSceneNode {

    @Id
    @SequenceGenerator(name = "game_scene_nodes_id", sequenceName = "game_scene_nodes_id_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "game_scene_nodes_id")
    private Long id;

    @Column(name = "scene_id", nullable = false, updatable = false)
    private long sceneId;

    /** The client's own name of the node, unique in its scene; edges of a new scene refer to it. */
    @Column(name = "node_key", nullable = false, length = 128)
    private String key;

    @Column(name = "asset_id")
    private Long assetId;

    @Column(length = 128)
    private String label;

    private boolean loopable;

    private boolean skippable;

    @Column(name = "reveal_choices_at_sec")
    private Double revealChoicesAtSec;

    @Convert(converter = OptionalJsonDocumentConverter.class)
    private JsonDocument meta;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    protected GameSceneNode() {
    }

    public GameSceneNode(long sceneId, String key, Long assetId, String label, boolean loopable, boolean skippable,
                         Double revealChoicesAtSec, JsonDocument meta, OffsetDateTime createdAt) {
        this.sceneId = sceneId;
        this.key = key;
        this.assetId = assetId;
        this.label = label;
        this.loopable = loopable;
        this.skippable = skippable;
        this.revealChoicesAtSec = revealChoicesAtSec;
        this.meta = meta;
        this.createdAt = createdAt;
    }

    public Long id() {
        return id;
    }

    public String key() {
        return key;
    }

    public Long assetId() {
        return assetId;
    }

    public String label() {
        return label;
    }

    public boolean loopable() {
        return loopable;
    }

    public boolean skippable() {
        return skippable;
    }

    public Double revealChoicesAtSec() {
        return revealChoicesAtSec;
    }

    public JsonDocument meta() {
        return meta;
    }
}
