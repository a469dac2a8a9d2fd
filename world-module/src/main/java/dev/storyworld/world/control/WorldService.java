package dev.storyworld.world.control;

import dev.storyworld.common.Finite;
import dev.storyworld.common.JsonDocuments;
import dev.storyworld.common.StoryworldException;
import dev.storyworld.world.entity.GameWorld;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Map;

/**
 * Worlds of one owner. Every method takes the caller's user id and treats another user's world
 * exactly like a missing one, so no answer leaks that it exists.
 */
@ApplicationScoped
@Transactional
public class WorldService {

    public static final int DEFAULT_PAGE_SIZE = 100;
    public static final int MAX_PAGE_SIZE = 1000;
    public static final double MAX_ADVANCE_SECONDS = 31_536_000;

    /**
     * One statement, so concurrent advances serialise on the row lock and none is lost. The
     * ownership check lives in the same statement: an update of nothing means "not yours".
     */
    private static final String ADVANCE = """
            UPDATE game_world_states SET world_time = world_time + ?1, last_advanced_at = CURRENT_TIMESTAMP
             WHERE world_id = ?2 AND EXISTS (SELECT 1 FROM game_worlds w WHERE w.id = ?2 AND w.owner_user_id = ?3)""";

    @PersistenceContext(unitName = "storyworld")
    EntityManager em;

    public WorldDetail create(long ownerId, @NotBlank @Size(max = 128) String name, Map<String, Object> meta) {
        GameWorld world = new GameWorld(ownerId, name, JsonDocuments.write(meta));
        em.persist(world);
        em.flush();
        return WorldDetail.of(world);
    }

    public WorldDetail find(long ownerId, long worldId) {
        return WorldDetail.of(load(ownerId, worldId));
    }

    public WorldPage list(long ownerId, @PositiveOrZero int offset, int limit) {
        int pageSize = Math.max(1, Math.min(MAX_PAGE_SIZE, limit));
        List<WorldPage.Summary> worlds = em.createQuery(
                        "SELECT NEW dev.storyworld.world.control.WorldPage.Summary(w.id, w.name) FROM GameWorld w"
                                + " WHERE w.ownerUserId = :owner ORDER BY w.id", WorldPage.Summary.class)
                .setParameter("owner", ownerId)
                .setFirstResult(offset)
                .setMaxResults(pageSize)
                .getResultList();
        long total = em.createQuery("SELECT COUNT(w) FROM GameWorld w WHERE w.ownerUserId = :owner", Long.class)
                .setParameter("owner", ownerId)
                .getSingleResult();
        return new WorldPage(worlds, total, offset, pageSize);
    }

    public void delete(long ownerId, long worldId) {
        int deleted = em.createNativeQuery("DELETE FROM game_worlds WHERE id = ?1 AND owner_user_id = ?2")
                .setParameter(1, worldId)
                .setParameter(2, ownerId)
                .executeUpdate();
        if (deleted == 0) {
            throw notFound();
        }
    }

    public WorldDetail advance(long ownerId, long worldId,
                               @NotNull @Finite @DecimalMin("0") @DecimalMax("31536000") Double deltaSeconds) {
        int updated = em.createNativeQuery(ADVANCE)
                .setParameter(1, deltaSeconds)
                .setParameter(2, worldId)
                .setParameter(3, ownerId)
                .executeUpdate();
        if (updated == 0) {
            throw notFound();
        }
        return find(ownerId, worldId);
    }

    private GameWorld load(long ownerId, long worldId) {
        return em.createQuery("SELECT w FROM GameWorld w JOIN FETCH w.state"
                        + " WHERE w.id = :id AND w.ownerUserId = :owner", GameWorld.class)
                .setParameter("id", worldId)
                .setParameter("owner", ownerId)
                .getResultStream()
                .findFirst()
                .orElseThrow(WorldService::notFound);
    }

    private static StoryworldException notFound() {
        return StoryworldException.notFound("world_not_found", "World not found");
    }
}
