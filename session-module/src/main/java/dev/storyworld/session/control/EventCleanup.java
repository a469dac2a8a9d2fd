package dev.storyworld.session.control;

import dev.storyworld.common.Database;
import dev.storyworld.common.Counters;
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

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.logging.Logger;

/**
 * Removes events older than {@code storyworld.events.max-age-days}, every
 * {@code storyworld.events.cleanup-interval-seconds}, in short batches ({@code SessionStore.removeEventsBefore}).
 * Every instance has this timer (Payara Micro does not coordinate them); the store's lock lets one
 * instance at a time do the work, and the others skip their turn.
 */
@Startup
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class EventCleanup {

    private static final Logger LOG = Logger.getLogger(EventCleanup.class.getName());

    @Resource
    TimerService timers;

    @Inject
    SessionStore store;

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
        Instant started = Instant.now();
        Instant cutoff = started.minus(Duration.ofDays(maxAgeDays));
        try {
            OptionalLong removed = store.removeEventsBefore(cutoff);
            if (removed.isEmpty()) {
                turn(Counters.SKIPPED);
                LOG.fine("Event cleanup skipped: another instance holds the lock");
                return;
            }
            turn(Counters.CLEANED);
            metrics.counter(Counters.EVENTS_REMOVED, new Tag(Counters.REASON, Counters.BY_AGE)).inc(removed.getAsLong());
            LOG.info(() -> "Event cleanup removed " + removed.getAsLong() + " events older than " + cutoff + " in "
                    + Duration.between(started, Instant.now()).toMillis() + " ms");
        } catch (SQLException e) {
            turn(Counters.FAILED);
            Database.logFailure(LOG, "Event cleanup failed; it runs again in " + intervalSeconds + " s", e);
        }
    }

    private void turn(String outcome) {
        metrics.counter(Counters.EVENT_CLEANUPS, new Tag(Counters.OUTCOME, outcome)).inc();
    }
}
