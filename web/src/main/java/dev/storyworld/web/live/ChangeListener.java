package dev.storyworld.web.live;

import dev.storyworld.common.Change;
import dev.storyworld.common.Changes;
import dev.storyworld.common.Counters;
import dev.storyworld.common.Database;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.postgresql.PGProperty;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * How this instance learns of committed changes. Its own arrive as CDI events after their commit, at once
 * and on every database (the embedded H2 has only this instance). Other instances' arrive on PostgreSQL
 * through {@code LISTEN} on one connection of its own, opened from {@code storyworld.db.url} outside the pool
 * (a pooled connection under JTA cannot wait for notifications); a notification only wakes the watchers,
 * who read the database. When that connection drops, it is opened again with a growing pause (logged once,
 * counted), and every watcher reads again, since notifications sent meanwhile are lost.
 */
@ApplicationScoped
public class ChangeListener {

    private static final Logger LOG = Logger.getLogger(ChangeListener.class.getName());
    private static final Duration POLL = Duration.ofSeconds(10);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(500);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);

    @Inject
    Topics topics;

    @Inject
    Database database;

    @Inject
    Config config;

    @Inject
    MetricRegistry metrics;

    @Resource
    ManagedThreadFactory threads;

    private volatile boolean stopped;
    private volatile Connection connection;
    private Thread thread;
    private Counter reconnects;
    private Histogram lag;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        reconnects = metrics.counter(Counters.LIVE_LISTENER_RECONNECTS);
        lag = metrics.histogram(Counters.LIVE_NOTIFICATION_LAG);
        if (!database.postgres()) {
            return;
        }
        thread = threads.newThread(this::listen);
        thread.setName("storyworld-live-listener");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object stopping) {
        stopped = true;
        Connection open = connection;
        if (open != null) {
            try {
                open.close();
            } catch (SQLException e) {
                // Closing to stop the thread; it is going either way.
            }
        }
    }

    /** This instance's own changes, once committed. */
    void committedHere(@Observes(during = TransactionPhase.AFTER_SUCCESS) Change change) {
        topics.wake(change);
    }

    private void listen() {
        Duration pause = FIRST_PAUSE;
        boolean lost = false;
        while (!stopped) {
            try (Connection listening = open()) {
                connection = listening;
                if (lost) {
                    LOG.info("Listening to PostgreSQL for other instances' changes again");
                    // Notifications sent while nobody listened are gone: every watcher reads again.
                    topics.wakeAll();
                }
                lost = false;
                pause = FIRST_PAUSE;
                receive(listening);
            } catch (SQLException | RuntimeException e) {
                if (stopped) {
                    return;
                }
                reconnects.inc();
                if (!lost) {
                    Database.logFailure(LOG, "The connection listening to PostgreSQL for other instances' changes"
                            + " failed; opening it again (logged once until it is back)", e);
                }
                lost = true;
                sleep(pause);
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    private Connection open() throws SQLException {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(config.getValue(Database.URL, String.class));
        source.setUser(config.getOptionalValue(Database.USER, String.class).orElse(Database.DEFAULT_CREDENTIAL));
        source.setPassword(config.getOptionalValue(Database.PASSWORD, String.class).orElse(Database.DEFAULT_CREDENTIAL));
        source.setProperty(PGProperty.TCP_KEEP_ALIVE, "true");
        source.setProperty(PGProperty.APPLICATION_NAME, "storyworld-live-listener");
        Connection listening = source.getConnection();
        try (Statement listen = listening.createStatement()) {
            listen.execute("LISTEN " + Changes.CHANNEL);
        }
        return listening;
    }

    private void receive(Connection listening) throws SQLException {
        PGConnection pg = listening.unwrap(PGConnection.class);
        while (!stopped) {
            PGNotification[] received = pg.getNotifications((int) POLL.toMillis());
            if (received == null || received.length == 0) {
                // Quiet for a while: make sure the connection is still there, since a dead one says nothing either.
                if (!listening.isValid(5)) {
                    throw new SQLException("the listening connection no longer answers");
                }
                continue;
            }
            for (PGNotification notification : received) {
                Change.ofPayload(notification.getParameter())
                        .filter(change -> !Changes.ORIGIN.equals(change.origin()))
                        .ifPresent(this::fromElsewhere);
            }
        }
    }

    private void fromElsewhere(Change change) {
        lag.update(Math.max(0, System.currentTimeMillis() - change.sentAtMillis()));
        topics.wake(change);
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
