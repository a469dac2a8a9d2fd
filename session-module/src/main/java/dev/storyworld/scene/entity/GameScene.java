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
@Table(name = "game_scenes")
public class GameScene {

    @Id
    @SequenceGenerator(name = "game_scenes_id", sequenceName = "game_scenes_id_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "game_scenes_id")
    private Long id;

    @Column(nullable = false, length = 128)
    private String title;

    private String description;

    @Column(name = "entry_node_id")
    private Long entryNodeId;

    @Convert(converter = OptionalJsonDocumentConverter.class)
    private JsonDocument meta;

    /** Only the creator may delete a scene; everyone may read it and play it. */
    @Column(name = "created_by", nullable = false, updatable = false)
    private long createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    protected GameScene() {
    }

    public GameScene(long createdBy, String title, String description, JsonDocument meta,
                     OffsetDateTime createdAt) {
        this.createdBy = createdBy;
        this.title = title;
        this.description = description;
        this.meta = meta;
        this.createdAt = createdAt;
    }

    public void enterAt(long nodeId) {
        this.entryNodeId = nodeId;
    }

    public Long id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public Long entryNodeId() {
        return entryNodeId;
    }

    public JsonDocument meta() {
        return meta;
    }

    public long createdBy() {
        return createdBy;
    }
}
