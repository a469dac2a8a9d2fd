package dev.storyworld.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.UUID;

/**
 * Announces a change in the transaction that makes it, so that it is announced only if it commits. On
 * PostgreSQL, {@code pg_notify} on {@link #CHANNEL} reaches the live streams of every instance at the commit;
 * on every database a CDI event, observed after a successful commit, reaches this instance's at once.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class Changes {

    public static final String CHANNEL = "storyworld_changes";

    /** This instance, so that its own notifications, which it delivered in process already, can be skipped. */
    public static final String ORIGIN = UUID.randomUUID().toString().substring(0, 8);

    @PersistenceContext(unitName = "storyworld")
    EntityManager em;

    @Inject
    Database database;

    @Inject
    Event<Change> local;

    public void session(long sessionId, long version) {
        announce(new Change(Change.Subject.SESSION, sessionId, version, false, ORIGIN, System.currentTimeMillis()));
    }

    public void sessionDeleted(long sessionId) {
        announce(new Change(Change.Subject.SESSION, sessionId, 0, true, ORIGIN, System.currentTimeMillis()));
    }

    public void world(long worldId) {
        announce(new Change(Change.Subject.WORLD, worldId, 0, false, ORIGIN, System.currentTimeMillis()));
    }

    public void worldDeleted(long worldId) {
        announce(new Change(Change.Subject.WORLD, worldId, 0, true, ORIGIN, System.currentTimeMillis()));
    }

    private void announce(Change change) {
        if (database.postgres()) {
            em.createNativeQuery("SELECT pg_notify('" + CHANNEL + "', ?1)").setParameter(1, change.toPayload())
                    .getResultList();
        }
        local.fire(change);
    }
}
