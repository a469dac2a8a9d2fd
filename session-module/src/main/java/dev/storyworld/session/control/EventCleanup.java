package dev.storyworld.session.control;

import dev.storyworld.common.Counters;
import dev.storyworld.common.Database;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Removes events older than {@code storyworld.events.max-age-days}, every
 * {@code storyworld.events.cleanup-interval-seconds}. Deletes go in batches, each its own short
 * transaction, so writers of sessions never wait long. Every instance has this timer (Payara
 * Micro does not coordinate them); a PostgreSQL advisory lock held for the whole run lets one
 * instance at a time do the work, and the others skip their turn.
 */
@Startup
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class EventCleanup {

    private static final Logger LOG = Logger.getLogger(EventCleanup.class.getName());
    /** Arbitrary, fixed: the advisory lock key of this job in the whole database. */
    static final long LOCK_KEY = 0x5709_0001L;
    static final int BATCH = 5_000;
    private static final String DELETE_BATCH = "DELETE FROM game_session_events WHERE id IN ("
            + "SELECT id FROM game_session_events WHERE ts < ? ORDER BY id LIMIT " + BATCH + ")";

    @Resource
    TimerService timers;

    @Resource(lookup = "java:app/jdbc/storyworld")
    DataSource dataSource;

    @Inject
    Database database;

    @Inject
    MetricRegistry metrics;

    @Inject
    @ConfigProperty(name = "storyworld.events.max-age-days")
    int maxAgeDays;

    @Inject
    @ConfigProperty(name = "storyworld.events.cleanup-interval-seconds")
    long intervalSeconds;

    @PostConstruct
    void schedule() {
        long interval = Duration.ofSeconds(Math.max(1, intervalSeconds)).toMillis();
        timers.createIntervalTimer(interval, interval, new TimerConfig("event-cleanup", false));
    }

    @Timeout
    void run() {
        try {
            removeOldEvents(Instant.now().minus(Duration.ofDays(maxAgeDays)));
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Event cleanup failed; it runs again in " + intervalSeconds + " s", e);
        }
    }

    /** Removes the events older than {@code cutoff}; answers how many, or -1 when another instance is at it. */
    public long removeOldEvents(Instant cutoff) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            if (!lock(connection)) {
                LOG.fine("Event cleanup skipped: another instance holds the lock");
                return -1;
            }
            try {
                long removed = 0;
                int batch;
                do {
                    try (PreparedStatement delete = connection.prepareStatement(DELETE_BATCH)) {
                        delete.setTimestamp(1, Timestamp.from(cutoff));
                        batch = delete.executeUpdate();
                    }
                    removed += batch;
                } while (batch == BATCH);
                metrics.counter(Counters.EVENTS_REMOVED, new Tag(Counters.REASON, Counters.BY_AGE)).inc(removed);
                long total = removed;
                LOG.info(() -> "Event cleanup removed " + total + " events older than " + cutoff);
                return removed;
            } finally {
                unlock(connection);
            }
        }
    }

    private boolean lock(Connection connection) throws SQLException {
        if (!database.postgres()) {
            return true;
        }
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            lock.setLong(1, LOCK_KEY);
            try (ResultSet result = lock.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private void unlock(Connection connection) throws SQLException {
        if (database.postgres()) {
            try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                unlock.setLong(1, LOCK_KEY);
                unlock.execute();
            }
        }
    }
}
