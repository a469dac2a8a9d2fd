package dev.storyworld.world.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapsId;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/**
 * The world's clock row. It is only ever advanced by one atomic SQL update, never by
 * read-modify-write, so concurrent advances cannot lose time.
 */
@Entity
@Table(name = "game_world_states")
public class GameWorldState {

    @Id
    @Column(name = "world_id")
    private Long worldId;

    @MapsId
    @OneToOne(optional = false)
    @JoinColumn(name = "world_id")
    private GameWorld world;

    @Column(name = "world_time", nullable = false)
    private double worldTime;

    @Column(name = "last_advanced_at", nullable = false)
    private OffsetDateTime lastAdvancedAt;

    protected GameWorldState() {
    }

    GameWorldState(GameWorld world, OffsetDateTime startedAt) {
        this.world = world;
        this.lastAdvancedAt = startedAt;
    }

    public double worldTime() {
        return worldTime;
    }

    public OffsetDateTime lastAdvancedAt() {
        return lastAdvancedAt;
    }
}
