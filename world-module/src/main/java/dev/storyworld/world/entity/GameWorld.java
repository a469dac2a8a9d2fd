package dev.storyworld.world.entity;

import dev.storyworld.common.JsonDocument;
import dev.storyworld.common.JsonDocumentConverter;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

@Entity
@Table(name = "game_worlds")
public class GameWorld {

    /** From a plain sequence rather than an identity column: both PostgreSQL and the embedded H2 serve it. */
    @Id
    @SequenceGenerator(name = "game_worlds_id", sequenceName = "game_worlds_id_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "game_worlds_id")
    private Long id;

    @Column(name = "owner_user_id", nullable = false, updatable = false)
    private long ownerUserId;

    @Column(nullable = false, length = 128)
    private String name;

    /** The client's meta document, stored as its JSON text; its schemas are validated before it is stored. */
    @Convert(converter = JsonDocumentConverter.class)
    @Column(nullable = false)
    private JsonDocument meta;

    /** Bumped on every accepted meta change, so caches of compiled schemas can key on it. */
    @Column(name = "meta_version", nullable = false)
    private long metaVersion;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @OneToOne(mappedBy = "world", cascade = CascadeType.PERSIST, optional = false)
    private GameWorldState state;

    protected GameWorld() {
    }

    public GameWorld(long ownerUserId, String name, JsonDocument meta) {
        this.ownerUserId = ownerUserId;
        this.name = name;
        this.meta = meta;
        this.metaVersion = 1;
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        this.state = new GameWorldState(this, createdAt);
    }

    public Long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public JsonDocument meta() {
        return meta;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public GameWorldState state() {
        return state;
    }
}
