package dev.storyworld.world.control;

import dev.storyworld.common.ErrorCode;
import dev.storyworld.common.Finite;
import dev.storyworld.common.JsonDocuments;
import dev.storyworld.common.StoryworldException;
import dev.storyworld.relationships.RelationshipRules;
import dev.storyworld.common.Violation;
import dev.storyworld.world.entity.GameWorld;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Worlds of one owner. Every method takes the caller's user id and treats another user's world
 * exactly like a missing one, so no answer leaks that it exists. Every meta that is stored has
 * passed {@link WorldMeta#check}, and every stored change of it bumps {@code meta_version}.
 */
@ApplicationScoped
@Transactional
public class WorldService {

    /**
     * One statement, so concurrent advances serialise on the row lock and none is lost. The
     * ownership check lives in the same statement: an update of nothing means "not yours".
     */
    private static final String ADVANCE = """
            UPDATE game_world_states SET world_time = world_time + ?1, last_advanced_at = CURRENT_TIMESTAMP
             WHERE world_id = ?2 AND EXISTS (SELECT 1 FROM game_worlds w WHERE w.id = ?2 AND w.owner_user_id = ?3)""";

    /** The meta write, conditional on the version the new meta was computed from. */
    private static final String WRITE_META = """
            UPDATE game_worlds SET meta = ?1, meta_version = meta_version + 1
             WHERE id = ?2 AND owner_user_id = ?3 AND meta_version = ?4""";

    /** The owner's count moves in the transaction that creates or deletes the world; deleting, its row exists. */
    private static final String COUNT = "UPDATE game_world_counts SET worlds = worlds + ?1 WHERE owner_user_id = ?2";
    private static final String FIRST_COUNT =
            "INSERT INTO game_world_counts (owner_user_id, worlds) VALUES (?1, 1) ON CONFLICT DO NOTHING";

    private record StoredMeta(Map<String, Object> meta, long version) {
    }

    @PersistenceContext(unitName = "storyworld")
    EntityManager em;

    @Inject
    IdempotencyKeys idempotencyKeys;

    public WorldDetail create(long ownerId, @NotBlank @Size(max = 128) String name, Map<String, Object> meta) {
        Map<String, Object> document = meta == null ? Map.of() : meta;
        WorldMeta.check(document);
        GameWorld world = new GameWorld(ownerId, name, JsonDocuments.write(document));
        em.persist(world);
        em.flush();
        countCreated(ownerId);
        return WorldDetail.of(world);
    }

    public WorldDetail find(long ownerId, long worldId) {
        return WorldDetail.of(load(ownerId, worldId));
    }

    /**
     * Up to {@code rows} of the owner's worlds by id ascending, after the id {@code afterId} when it
     * is given (keyset: the (owner_user_id, id) index starts right there), else skipping
     * {@code offset}; with the owner's total.
     */
    public WorldPage list(long ownerId, Long afterId, @PositiveOrZero int offset, @Positive int rows) {
        List<WorldPage.Summary> worlds = em.createQuery(
                        "SELECT NEW dev.storyworld.world.control.WorldPage.Summary(w.id, w.name) FROM GameWorld w"
                                + " WHERE w.ownerUserId = :owner AND w.id > :after ORDER BY w.id",
                        WorldPage.Summary.class)
                .setParameter("owner", ownerId)
                .setParameter("after", afterId == null ? 0L : afterId)
                .setFirstResult(offset)
                .setMaxResults(rows)
                .getResultList();
        long total = ((List<?>) em.createNativeQuery("SELECT worlds FROM game_world_counts WHERE owner_user_id = ?1")
                .setParameter(1, ownerId)
                .getResultList()).stream().findFirst().map(n -> ((Number) n).longValue()).orElse(0L);
        return new WorldPage(worlds, total);
    }

    public void delete(long ownerId, long worldId) {
        int deleted = em.createNativeQuery("DELETE FROM game_worlds WHERE id = ?1 AND owner_user_id = ?2")
                .setParameter(1, worldId)
                .setParameter(2, ownerId)
                .executeUpdate();
        if (deleted == 0) {
            throw notFound();
        }
        update(COUNT, -1, ownerId);
    }

    /**
     * One more world in the owner's count. An owner's first world inserts the count's row; when a
     * concurrent first world inserted it a moment before, the update runs again and finds it.
     */
    private void countCreated(long ownerId) {
        if (update(COUNT, 1, ownerId) == 0 && update(FIRST_COUNT, ownerId) == 0) {
            update(COUNT, 1, ownerId);
        }
    }

    private int update(String sql, Object... parameters) {
        var query = em.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return query.executeUpdate();
    }

    /** Replaces the meta whole; a meta that breaks a rule is refused and nothing changes. */
    public WorldDetail replaceMeta(long ownerId, long worldId, @NotNull Map<String, Object> meta) {
        changeMeta(ownerId, worldId, stored -> meta);
        return find(ownerId, worldId);
    }

    /** Applies a JSON Merge Patch to the meta; the result must pass the same rules as a replacement. */
    public WorldDetail mergeMeta(long ownerId, long worldId, @NotNull Map<String, Object> patch) {
        changeMeta(ownerId, worldId, stored -> MergePatch.apply(stored, patch));
        return find(ownerId, worldId);
    }

    /** The scheduler config in force: the stored {@code meta.simulation} over the defaults. */
    public Map<String, Object> schedulerConfig(long ownerId, long worldId) {
        return SchedulerConfig.effective(storedMeta(ownerId, worldId).meta().get(SchedulerConfig.META_KEY));
    }

    /**
     * Sets the fields sent, keeps the others, checks the whole result and stores it at
     * {@code meta.simulation}; answers the stored config.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> updateSchedulerConfig(long ownerId, long worldId, @NotNull Map<String, Object> changes) {
        Map<String, Object> meta = changeMeta(ownerId, worldId, stored -> {
            Map<String, Object> config = SchedulerConfig.merge(
                    SchedulerConfig.effective(stored.get(SchedulerConfig.META_KEY)), changes);
            List<Violation> violations = SchedulerConfig.validate(config);
            if (!violations.isEmpty()) {
                throw SchedulerConfig.invalid(violations);
            }
            Map<String, Object> updated = new LinkedHashMap<>(stored);
            updated.put(SchedulerConfig.META_KEY, config);
            return updated;
        });
        return (Map<String, Object>) meta.get(SchedulerConfig.META_KEY);
    }

    public void pauseSimulation(long ownerId, long worldId, boolean paused) {
        updateSchedulerConfig(ownerId, worldId, Map.of(SchedulerConfig.PAUSED, paused));
    }

    public WorldSchemaReport schemaReport(long ownerId, long worldId) {
        GameWorld world = load(ownerId, worldId);
        return new WorldSchemaReport(world.id(), world.name(), RelationshipRules.report(JsonDocuments.read(world.meta())));
    }

    /**
     * Adds {@code deltaSeconds} to the world's clock. With an idempotency key, the first request
     * with that key advances and its answer is stored in the same transaction; a repeat with the
     * same world and delta gets that answer again and advances nothing (see {@link IdempotencyKeys}).
     */
    public WorldDetail advance(long ownerId, long worldId,
                               @NotNull @Finite @DecimalMin("0") @DecimalMax("31536000") Double deltaSeconds,
                               String idempotencyKey) {
        if (idempotencyKey == null) {
            return advanceClock(ownerId, worldId, deltaSeconds);
        }
        IdempotencyKeys.checkKey(idempotencyKey);
        // Another user's or a missing world is 404 before the key is looked at: a key the caller
        // used on one of their own worlds must not answer 409 for a world that is not theirs.
        requireOwned(ownerId, worldId);
        String request = IdempotencyKeys.fingerprint("world-advance", worldId, deltaSeconds);
        Optional<Map<String, Object>> firstAnswer = idempotencyKeys.claim(ownerId, idempotencyKey, request);
        if (firstAnswer.isPresent()) {
            return WorldDetail.fromDocument(firstAnswer.get());
        }
        WorldDetail answer = advanceClock(ownerId, worldId, deltaSeconds);
        idempotencyKeys.answer(ownerId, idempotencyKey, answer.toDocument());
        return answer;
    }

    private WorldDetail advanceClock(long ownerId, long worldId, double deltaSeconds) {
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

    /**
     * Read-modify-write of a world's meta that loses no concurrent change: the write only happens
     * if the meta version is still the one the new meta was computed from; when another write got
     * in first, the change is computed again on the new meta. A meta that comes out unchanged is not
     * written, so its version (which caches of compiled schemas key on) stays. Answers the meta in force.
     */
    private Map<String, Object> changeMeta(long ownerId, long worldId, UnaryOperator<Map<String, Object>> change) {
        while (true) {
            StoredMeta stored = storedMeta(ownerId, worldId);
            Map<String, Object> meta = change.apply(stored.meta());
            WorldMeta.check(meta);
            String text = JsonDocuments.write(meta);
            if (text.equals(JsonDocuments.write(stored.meta()))) {
                return meta;
            }
            int written = em.createNativeQuery(WRITE_META)
                    .setParameter(1, text)
                    .setParameter(2, worldId)
                    .setParameter(3, ownerId)
                    .setParameter(4, stored.version())
                    .executeUpdate();
            if (written == 1) {
                return meta;
            }
        }
    }

    /** Read as values rather than as the entity, so a later read of the entity in this transaction is fresh. */
    private StoredMeta storedMeta(long ownerId, long worldId) {
        Object[] row = em.createQuery("SELECT w.meta, w.metaVersion FROM GameWorld w"
                        + " WHERE w.id = :id AND w.ownerUserId = :owner", Object[].class)
                .setParameter("id", worldId)
                .setParameter("owner", ownerId)
                .getResultStream()
                .findFirst()
                .orElseThrow(WorldService::notFound);
        return new StoredMeta(JsonDocuments.read((String) row[0]), (Long) row[1]);
    }

    /** A scalar read: no world enters the persistence context, where a later read would find it stale. */
    private void requireOwned(long ownerId, long worldId) {
        em.createQuery("SELECT w.id FROM GameWorld w WHERE w.id = :id AND w.ownerUserId = :owner", Long.class)
                .setParameter("id", worldId)
                .setParameter("owner", ownerId)
                .getResultStream()
                .findFirst()
                .orElseThrow(WorldService::notFound);
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
        return new StoryworldException(ErrorCode.WORLD_NOT_FOUND, "World not found");
    }
}
