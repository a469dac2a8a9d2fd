package dev.storyworld.world.entity;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
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

    /** The client's meta document as JSON text; its schemas are validated before it is stored. */
    @Column(nullable = false)
    private String meta;

    /** Bumped on every accepted meta change, so caches of compiled schemas can key on it. */
    @Column(name = "meta_version", nullable = false)
    private long metaVersion;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @OneToOne(mappedBy = "world", cascade = CascadeType.PERSIST, optional = false)
    private GameWorldState state;

    protected GameWorld() {
    }

    public GameWorld(long ownerUserId, String name, String meta) {
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

    public long ownerUserId() {
        return ownerUserId;
    }

    public String name() {
        return name;
    }

    public String meta() {
        return meta;
    }

    public long metaVersion() {
        return metaVersion;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public GameWorldState state() {
        return state;
    }
}
