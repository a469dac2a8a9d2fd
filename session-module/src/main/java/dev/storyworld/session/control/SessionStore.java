package dev.storyworld.session.control;

import dev.storyworld.common.Database;
import dev.storyworld.session.entity.PlaySession;
import dev.storyworld.session.entity.PlaySessionEvent;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.StringJoiner;

/**
 * Every statement on the session aggregate: a play session and its event log. Reads are JPQL; SQL where
 * JPA has no words for the statement: the version-checked write with its event, the log's trim, inserts
 * of events (whose ids the database hands out in the order of writing) and the age cleanup. The store
 * convention of {@code world.control} (package-private, dependent): no other package runs statements on
 * sessions.
 */
@Dependent
class SessionStore {

    /** A session's change, conditional on the version it was computed from. */
    private static final String WRITE = """
            UPDATE game_sessions SET current_node_id = ?1, world_time = ?2, flags = ?3, relationships = ?4,
                   version = version + 1, updated_at = ?5 WHERE id = ?6 AND version = ?7""";
    private static final String APPEND = """
            INSERT INTO game_session_events (session_id, version, node_id, edge_id, action, diff, ts)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)""";
    /** On PostgreSQL the write and its event are one statement: the event is inserted only if the write was. */
    private static final String WRITE_WITH_EVENT = "WITH written AS (" + WRITE + " RETURNING id, version, updated_at)"
            + " INSERT INTO game_session_events (session_id, version, node_id, edge_id, action, diff, ts)"
            + " SELECT id, version, CAST(?8 AS BIGINT), CAST(?9 AS BIGINT), CAST(?10 AS VARCHAR), CAST(?11 AS JSON),"
            + " updated_at"
            + " FROM written";
    private static final String TRIM = """
            DELETE FROM game_session_events WHERE session_id = ?1 AND id < (
              SELECT id FROM game_session_events WHERE session_id = ?1 ORDER BY id DESC LIMIT 1 OFFSET ?2)""";
    /** Arbitrary, fixed: the advisory lock key of the age cleanup in the whole database. */
    private static final long CLEANUP_LOCK = 0x5709_0001L;
    /** Old events go this many at a time, each batch its own short transaction, so writers never wait long. */
    private static final int CLEANUP_BATCH = 5_000;
    private static final String REMOVE_OLD = "DELETE FROM game_session_events WHERE id IN ("
            + "SELECT id FROM game_session_events WHERE ts < ? ORDER BY id LIMIT " + CLEANUP_BATCH + ")";

    /** Pages are only answered: their rows stay out of the persistence context, which spares the copies. */
    private static final String READ_ONLY = "eclipselink.read-only";

    @PersistenceContext(unitName = "storyworld")
    EntityManager em;

    @Resource(lookup = "java:app/jdbc/storyworld")
    DataSource dataSource;

    @Inject
    Database database;

    /** Inserts a new session at once, so that it has its id and a broken reference fails here. */
    void add(PlaySession session) {
        em.persist(session);
        em.flush();
    }

    /**
     * The user's session as stored now, detached: the persistence context would hand a retry in the same
     * transaction the copy it read first, not the row as it is then.
     */
    Optional<PlaySession> owned(long userId, long sessionId) {
        Optional<PlaySession> session = owned(userId, sessionId, LockModeType.NONE).getResultStream().findFirst();
        session.ifPresent(em::detach);
        return session;
    }

    /** The user's session with its row locked until the transaction ends, waiting at most {@code wait} for it. */
    Optional<PlaySession> lockOwned(long userId, long sessionId, Duration wait) {
        database.limitLockWait(em, wait);
        return owned(userId, sessionId, LockModeType.PESSIMISTIC_WRITE).getResultStream().findFirst();
    }

    private TypedQuery<PlaySession> owned(long userId, long sessionId, LockModeType lock) {
        return em.createQuery("SELECT s FROM PlaySession s WHERE s.id = :id AND s.userId = :user", PlaySession.class)
                .setParameter("id", sessionId).setParameter("user", userId).setLockMode(lock);
    }

    /** The user's sessions, newest first, below the id {@code before} when given. */
    List<PlaySession> page(long userId, Long before, int limit) {
        return newestFirst(em.createQuery("SELECT s FROM PlaySession s WHERE s.userId = :user AND s.id < :before"
                + " ORDER BY s.id DESC", PlaySession.class).setParameter("user", userId), before, limit);
    }

    /** Whether the session was there to delete; its events go with it (the foreign key cascades). */
    boolean delete(long userId, long sessionId) {
        return em.createQuery("DELETE FROM PlaySession s WHERE s.id = :id AND s.userId = :user")
                .setParameter("id", sessionId).setParameter("user", userId).executeUpdate() > 0;
    }

    /**
     * Stores {@code next} ({@link PlaySession#next}) and appends its event, if the stored version is still
     * the one before it; answers whether it was.
     */
    boolean write(PlaySession next, PlaySessionEvent event) {
        Query write = em.createNativeQuery(database.postgres() ? WRITE_WITH_EVENT : WRITE)
                .setParameter(1, next.currentNodeId())
                .setParameter(2, next.worldTime())
                .setParameter(3, next.flags().toJson())
                .setParameter(4, next.relationships().toJson())
                .setParameter(5, next.updatedAt())
                .setParameter(6, next.id())
                .setParameter(7, next.version() - 1);
        if (database.postgres()) {
            return write.setParameter(8, event.nodeId()).setParameter(9, event.edgeId())
                    .setParameter(10, event.action()).setParameter(11, event.diff().toJson())
                    .executeUpdate() > 0;
        }
        if (write.executeUpdate() == 0) {
            return false;
        }
        append(event);
        return true;
    }

    void append(PlaySessionEvent event) {
        em.createNativeQuery(APPEND)
                .setParameter(1, event.sessionId())
                .setParameter(2, event.version())
                .setParameter(3, event.nodeId())
                .setParameter(4, event.edgeId())
                .setParameter(5, event.action())
                .setParameter(6, event.diff().toJson())
                .setParameter(7, event.ts())
                .executeUpdate();
    }

    /** Keeps the newest {@code keep} events of the session; answers how many it removed. */
    int trimEvents(long sessionId, int keep) {
        return em.createNativeQuery(TRIM).setParameter(1, sessionId).setParameter(2, Math.max(0, keep - 1))
                .executeUpdate();
    }

    /** Newest first, below the event id {@code before} when given. */
    List<PlaySessionEvent> events(long sessionId, Long before, int limit) {
        return newestFirst(em.createQuery("SELECT e FROM PlaySessionEvent e WHERE e.sessionId = :session"
                + " AND e.id < :before ORDER BY e.id DESC", PlaySessionEvent.class).setParameter("session", sessionId),
                before, limit);
    }

    /** The sessions of those ids that exist, any user's (a live feed checked the owner when its stream opened). */
    List<PlaySession> sessions(Collection<Long> ids) {
        return em.createQuery("SELECT s FROM PlaySession s WHERE s.id IN :ids", PlaySession.class)
                .setParameter("ids", ids).setHint(READ_ONLY, true).getResultList();
    }

    /**
     * Each session's events after its version in {@code afterVersions}, by session and oldest first, in one
     * statement (each disjunct a range of the unique index on session and version).
     */
    List<PlaySessionEvent> eventsAfter(Map<Long, Long> afterVersions) {
        List<Map.Entry<Long, Long>> ranges = List.copyOf(afterVersions.entrySet());
        StringJoiner where = new StringJoiner(" OR ");
        for (int i = 0; i < ranges.size(); i++) {
            where.add("(e.sessionId = :s" + i + " AND e.version > :v" + i + ")");
        }
        TypedQuery<PlaySessionEvent> query = em.createQuery("SELECT e FROM PlaySessionEvent e WHERE " + where
                + " ORDER BY e.sessionId, e.version", PlaySessionEvent.class);
        for (int i = 0; i < ranges.size(); i++) {
            query.setParameter("s" + i, ranges.get(i).getKey()).setParameter("v" + i, ranges.get(i).getValue());
        }
        return query.setHint(READ_ONLY, true).getResultList();
    }

    /** A keyset page: the rows below the id {@code before} (all when null), at most {@code limit}. */
    private static <T> List<T> newestFirst(TypedQuery<T> query, Long before, int limit) {
        return query.setParameter("before", before == null ? Long.MAX_VALUE : before).setMaxResults(limit)
                .setHint(READ_ONLY, true).getResultList();
    }

    /**
     * Removes the events older than {@code cutoff} in batches; answers how many, or empty when another
     * instance is at it. Plain JDBC on one autocommit connection: PostgreSQL's advisory lock that lets one
     * instance at a time run belongs to the connection and must be held across the batches, each its own
     * transaction, and JPA under JTA gives no such connection.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    OptionalLong removeEventsBefore(Instant cutoff) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            if (database.postgres() && !advisory(connection, "pg_try_advisory_lock")) {
                return OptionalLong.empty();
            }
            try (PreparedStatement delete = connection.prepareStatement(REMOVE_OLD)) {
                delete.setTimestamp(1, Timestamp.from(cutoff));
                long removed = 0;
                int removedNow;
                do {
                    removedNow = delete.executeUpdate();
                    removed += removedNow;
                } while (removedNow == CLEANUP_BATCH);
                return OptionalLong.of(removed);
            } finally {
                if (database.postgres()) {
                    advisory(connection, "pg_advisory_unlock");
                }
            }
        }
    }

    private static boolean advisory(Connection connection, String function) throws SQLException {
        try (PreparedStatement call = connection.prepareStatement("SELECT " + function + "(?)")) {
            call.setLong(1, CLEANUP_LOCK);
            try (ResultSet result = call.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }
}
