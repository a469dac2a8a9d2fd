package dev.storyworld.session.control;

import dev.storyworld.common.Counters;
import dev.storyworld.common.JsonDocuments;
import dev.storyworld.session.entity.PlaySessionEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A session's audit log. Every write keeps only the newest {@code storyworld.events.keep-per-session}
 * events of that session, in the same transaction; the (session_id, id) index makes it a short
 * index walk. Callers hold the session's row, so a session's events are written one at a time.
 * A session writes one event per version (session_created at version 1, then one with every new
 * version), so a session whose version is within the limit cannot be over it, and is not trimmed.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class EventLog {

    public record Event(long id, Instant ts, String action, Long nodeId, Long edgeId, Map<String, Object> diff) {
    }

    private static final String TRIM = """
            DELETE FROM game_session_events WHERE session_id = ?1 AND id < (
              SELECT id FROM game_session_events WHERE session_id = ?1 ORDER BY id DESC LIMIT 1 OFFSET ?2)""";

    @PersistenceContext(unitName = "storyworld")
    EntityManager em;

    @Inject
    @ConfigProperty(name = "storyworld.events.keep-per-session")
    int keepPerSession;

    @Inject
    MetricRegistry metrics;

    /**
     * Appends the event of the session's {@code version} and trims the log; answers how many old
     * events were removed.
     */
    public int record(long sessionId, long version, String action, Long nodeId, Long edgeId,
                      Map<String, Object> diff, OffsetDateTime at) {
        em.createNativeQuery("INSERT INTO game_session_events (session_id, node_id, edge_id, action, diff, ts)"
                        + " VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                .setParameter(1, sessionId)
                .setParameter(2, nodeId)
                .setParameter(3, edgeId)
                .setParameter(4, action)
                .setParameter(5, JsonDocuments.write(diff))
                .setParameter(6, at)
                .executeUpdate();
        if (version <= keepPerSession) {
            return 0;
        }
        int removed = em.createNativeQuery(TRIM)
                .setParameter(1, sessionId)
                .setParameter(2, Math.max(0, keepPerSession - 1))
                .executeUpdate();
        if (removed > 0) {
            metrics.counter(Counters.EVENTS_REMOVED, new Tag(Counters.REASON, Counters.BY_RETENTION)).inc(removed);
        }
        return removed;
    }

    /** Newest first, after the event id {@code before} when given. */
    public List<Event> page(long sessionId, Long before, int limit) {
        return em.createQuery("SELECT e FROM PlaySessionEvent e WHERE e.sessionId = :session AND e.id < :before"
                        + " ORDER BY e.id DESC", PlaySessionEvent.class)
                .setParameter("session", sessionId)
                .setParameter("before", before == null ? Long.MAX_VALUE : before)
                .setMaxResults(limit)
                .setHint("eclipselink.read-only", true)
                .getResultStream()
                .map(e -> new Event(e.id(), e.ts().toInstant(), e.action(), e.nodeId(), e.edgeId(),
                        e.diff() == null ? null : JsonDocuments.read(e.diff())))
                .toList();
    }
}
