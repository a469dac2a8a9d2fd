package dev.storyworld.world.control;

import dev.storyworld.common.Database;
import dev.storyworld.common.JsonDocument;
import dev.storyworld.world.entity.GameWorld;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Query;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Every statement about the world aggregate (its row, its clock row, the owners' counts and the
 * idempotency keys), one method each, in the caller's transaction. Reads are projections, never
 * entities: a value read is never a stale copy held by the persistence context, and a read builds
 * no managed object. Reads of the mapped tables are JPQL, so that the mapping converts the meta and
 * the times, but for the hottest, {@link #read}, a prepared statement on the data source; the writes
 * that must be atomic or conditional, and the tables without an entity, are
 * SQL (JPQL has neither {@code ON CONFLICT} nor {@code RETURNING}); the one insert of a world is the
 * entity's, which takes its id from the sequence and cascades its clock row. The store convention of this package
 * (package-private, dependent): other modules see worlds only through {@link LinkedWorlds}.
 */
@Dependent
class WorldStore {

    /** The first use of an idempotency key: what request it was, and its answer (empty while that request runs). */
    record KeyUse(String requestHash, JsonDocument answer) {
    }

    /** {@link #read}'s statement: the columns of {@link #detail}'s query. */
    private static final String DETAIL = """
            SELECT w.id, w.name, w.meta, s.world_time, s.last_advanced_at, w.created_at
              FROM game_world_states s JOIN game_worlds w ON w.id = s.world_id
             WHERE w.id = ? AND w.owner_user_id = ?""";

    @Resource(lookup = "java:app/jdbc/storyworld")
    DataSource dataSource;

    @PersistenceContext(unitName = "storyworld")
    EntityManager em;

    @Inject
    Database database;

    /** Inserts the world and its clock at 0; answers it as its owner sees it. */
    WorldDetail insert(long ownerId, String name, JsonDocument meta) {
        GameWorld world = new GameWorld(ownerId, name, meta);
        em.persist(world);
        em.flush();
        return new WorldDetail(world.id(), world.name(), world.meta(), world.state().worldTime(),
                world.state().lastAdvancedAt().toInstant(), world.createdAt().toInstant());
    }

    /** The owner's world with its clock: one statement joining both rows. */
    /**
     * The world as {@link #detail} reads it, by one prepared statement on the container's data source,
     * outside JPA: on the hottest read (a GET of a world) EclipseLink's query building and result mapping
     * were a fifth of the request's CPU (bench/profile-endpoint.sh, issue #26). For a read of its own only:
     * a transaction that wrote the world reads it back with {@link #detail}, on JPA's connection.
     */
    Optional<WorldDetail> read(long ownerId, long worldId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(DETAIL)) {
            statement.setLong(1, worldId);
            statement.setLong(2, ownerId);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new WorldDetail(row.getLong(1), row.getString(2), JsonDocument.parse(row.getString(3)),
                        row.getDouble(4), row.getObject(5, OffsetDateTime.class).toInstant(),
                        row.getObject(6, OffsetDateTime.class).toInstant()));
            }
        } catch (SQLException e) {
            throw new PersistenceException("Reading world " + worldId + " failed", e);
        }
    }

    Optional<WorldDetail> detail(long ownerId, long worldId) {
        return em.createQuery("""
                        SELECT w.id, w.name, w.meta, s.worldTime, s.lastAdvancedAt, w.createdAt
                          FROM GameWorldState s JOIN s.world w WHERE w.id = :id AND w.ownerUserId = :owner""",
                        Object[].class)
                .setParameter("id", worldId)
                .setParameter("owner", ownerId)
                .getResultStream()
                .findFirst()
                .map(row -> new WorldDetail((Long) row[0], (String) row[1], (JsonDocument) row[2], (Double) row[3],
                        ((OffsetDateTime) row[4]).toInstant(), ((OffsetDateTime) row[5]).toInstant()));
    }

    boolean owns(long ownerId, long worldId) {
        return em.createQuery("SELECT w.id FROM GameWorld w WHERE w.id = :id AND w.ownerUserId = :owner", Long.class)
                .setParameter("id", worldId)
                .setParameter("owner", ownerId)
                .getResultStream()
                .findFirst()
                .isPresent();
    }

    /** Up to {@code rows} of the owner's worlds with an id above {@code afterId}, by id, skipping {@code offset}. */
    List<WorldPage.Summary> page(long ownerId, long afterId, int offset, int rows) {
        return em.createQuery("""
                        SELECT NEW dev.storyworld.world.control.WorldPage.Summary(w.id, w.name) FROM GameWorld w
                         WHERE w.ownerUserId = :owner AND w.id > :after ORDER BY w.id""", WorldPage.Summary.class)
                .setParameter("owner", ownerId)
                .setParameter("after", afterId)
                .setFirstResult(offset)
                .setMaxResults(rows)
                .getResultList();
    }

    /** How many worlds the owner has: one primary-key read of the count kept beside the worlds. */
    long count(long ownerId) {
        return ((List<?>) sql("SELECT worlds FROM game_world_counts WHERE owner_user_id = ?1", ownerId)
                .getResultList()).stream().findFirst().map(n -> ((Number) n).longValue()).orElse(0L);
    }

    /**
     * One more world in the owner's count, in the transaction that creates it. An owner's first
     * world inserts the count's row; when a concurrent first world inserted it a moment before, the
     * update runs again and finds it.
     */
    void countCreated(long ownerId) {
        if (addToCount(1, ownerId) == 0
                && sql("INSERT INTO game_world_counts (owner_user_id, worlds) VALUES (?1, 1) ON CONFLICT DO NOTHING",
                ownerId).executeUpdate() == 0) {
            addToCount(1, ownerId);
        }
    }

    /** Deletes the owner's world (its clock goes with it, by the foreign key) and counts it out; false when none. */
    boolean delete(long ownerId, long worldId) {
        if (sql("DELETE FROM game_worlds WHERE id = ?1 AND owner_user_id = ?2", worldId, ownerId).executeUpdate() == 0) {
            return false;
        }
        addToCount(-1, ownerId);
        return true;
    }

    private int addToCount(int worlds, long ownerId) {
        return sql("UPDATE game_world_counts SET worlds = worlds + ?1 WHERE owner_user_id = ?2", worlds, ownerId)
                .executeUpdate();
    }

    /**
     * Adds the deltas to the clock in turn, as if each were an advance of its own, and answers the world
     * after each; empty when the world is not the owner's. The first goes in the statement that takes
     * the row lock and returns the world (so a lone advance is one statement); the clock the others lead
     * to is written by a second statement under that lock.
     */
    Optional<List<WorldDetail>> advance(long ownerId, long worldId, List<Double> deltas) {
        Optional<WorldDetail> first = advance(ownerId, worldId, deltas.get(0));
        if (first.isEmpty() || deltas.size() == 1) {
            return first.map(List::of);
        }
        List<WorldDetail> answers = new ArrayList<>(deltas.size());
        answers.add(first.get());
        double worldTime = first.get().worldTime();
        for (double delta : deltas.subList(1, deltas.size())) {
            worldTime += delta;
            answers.add(first.get().at(worldTime));
        }
        sql("UPDATE game_world_states SET world_time = ?1 WHERE world_id = ?2", worldTime, worldId).executeUpdate();
        return Optional.of(answers);
    }

    /**
     * Adds to the clock in one statement, so concurrent advances serialise on the row lock and none
     * is lost, and answers the world after it; empty when the world is not the owner's (ownership is
     * checked in the same statement). On PostgreSQL the update returns the answer itself; H2 has no
     * {@code RETURNING}, so there the answer is read after the update.
     */
    Optional<WorldDetail> advance(long ownerId, long worldId, double deltaSeconds) {
        if (database.postgres()) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = sql("""
                    UPDATE game_world_states s SET world_time = s.world_time + ?1, last_advanced_at = CURRENT_TIMESTAMP
                      FROM game_worlds w WHERE s.world_id = ?2 AND w.id = s.world_id AND w.owner_user_id = ?3
                    RETURNING w.id, w.name, CAST(w.meta AS text), s.world_time, s.last_advanced_at, w.created_at""",
                    deltaSeconds, worldId, ownerId).getResultList();
            return rows.stream().findFirst().map(row -> new WorldDetail(((Number) row[0]).longValue(), (String) row[1],
                    JsonDocument.parse((String) row[2]), ((Number) row[3]).doubleValue(),
                    ((Timestamp) row[4]).toInstant(), ((Timestamp) row[5]).toInstant()));
        }
        int updated = sql("""
                UPDATE game_world_states SET world_time = world_time + ?1, last_advanced_at = CURRENT_TIMESTAMP
                 WHERE world_id = ?2 AND EXISTS (SELECT 1 FROM game_worlds w WHERE w.id = ?2 AND w.owner_user_id = ?3)""",
                deltaSeconds, worldId, ownerId).executeUpdate();
        return updated == 0 ? Optional.empty() : detail(ownerId, worldId);
    }

    Optional<LinkedWorlds.VersionedMeta> meta(long ownerId, long worldId) {
        return em.createQuery("SELECT w.metaVersion, w.meta FROM GameWorld w WHERE w.id = :id AND w.ownerUserId = :owner",
                        Object[].class)
                .setParameter("id", worldId)
                .setParameter("owner", ownerId)
                .getResultStream()
                .findFirst()
                .map(WorldStore::versionedMeta);
    }

    /**
     * Stores the meta only if its version is still {@code expectedVersion}, the one it was computed
     * from, and bumps the version; false when another write got in first.
     */
    boolean writeMeta(long ownerId, long worldId, JsonDocument meta, long expectedVersion) {
        return sql("""
                UPDATE game_worlds SET meta = ?1, meta_version = meta_version + 1
                 WHERE id = ?2 AND owner_user_id = ?3 AND meta_version = ?4""",
                meta.toJson(), worldId, ownerId, expectedVersion).executeUpdate() == 1;
    }

    /** Whoever owns it: for other modules, which decide themselves what their caller may see. */
    OptionalLong ownerOf(long worldId) {
        return em.createQuery("SELECT w.ownerUserId FROM GameWorld w WHERE w.id = :id", Long.class)
                .setParameter("id", worldId).getResultStream().mapToLong(Long::longValue).findFirst();
    }

    OptionalLong metaVersionOf(long worldId) {
        return em.createQuery("SELECT w.metaVersion FROM GameWorld w WHERE w.id = :id", Long.class)
                .setParameter("id", worldId).getResultStream().mapToLong(Long::longValue).findFirst();
    }

    Optional<LinkedWorlds.VersionedMeta> metaOf(long worldId) {
        return em.createQuery("SELECT w.metaVersion, w.meta FROM GameWorld w WHERE w.id = :id", Object[].class)
                .setParameter("id", worldId).getResultStream().findFirst().map(WorldStore::versionedMeta);
    }

    private static LinkedWorlds.VersionedMeta versionedMeta(Object[] row) {
        return new LinkedWorlds.VersionedMeta((Long) row[0], (JsonDocument) row[1]);
    }

    /** Drops the user's key when it has expired, so that the key can be claimed anew. */
    void forgetExpiredKey(long userId, String key, OffsetDateTime now) {
        sql("DELETE FROM idempotency_keys WHERE user_id = ?1 AND idempotency_key = ?2 AND expires_at <= ?3",
                userId, key, now).executeUpdate();
    }

    /**
     * Inserts the key's row unless it exists: true when this transaction holds the key now. A key
     * that another running transaction has just inserted blocks this one until that one ends.
     * {@code ON CONFLICT DO NOTHING} keeps the conflict from failing the transaction (a unique
     * violation would abort it on PostgreSQL); PostgreSQL and H2 in PostgreSQL mode both take it.
     */
    boolean claimKey(long userId, String key, String requestHash, OffsetDateTime now, OffsetDateTime expiresAt) {
        return sql("""
                INSERT INTO idempotency_keys (user_id, idempotency_key, request_hash, created_at, expires_at)
                VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING""",
                userId, key, requestHash, now, expiresAt).executeUpdate() == 1;
    }

    Optional<KeyUse> keyUse(long userId, String key) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = sql("SELECT request_hash, answer FROM idempotency_keys WHERE user_id = ?1 AND idempotency_key = ?2",
                userId, key).getResultList();
        return rows.stream().findFirst().map(row -> new KeyUse((String) row[0], JsonDocument.parse((String) row[1])));
    }

    void storeKeyAnswer(long userId, String key, JsonDocument answer) {
        sql("UPDATE idempotency_keys SET answer = ?3 WHERE user_id = ?1 AND idempotency_key = ?2",
                userId, key, answer.toJson()).executeUpdate();
    }

    /** Removes the oldest expired keys, at most {@code batch} of them (ties on the boundary go too); answers how many. */
    int removeExpiredKeys(OffsetDateTime now, int batch) {
        return sql("""
                DELETE FROM idempotency_keys WHERE expires_at <= (SELECT MAX(expires_at) FROM (
                  SELECT expires_at FROM idempotency_keys WHERE expires_at <= ?1 ORDER BY expires_at LIMIT ?2) AS oldest)""",
                now, batch).executeUpdate();
    }

    private Query sql(String statement, Object... parameters) {
        Query query = em.createNativeQuery(statement);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return query;
    }
}
