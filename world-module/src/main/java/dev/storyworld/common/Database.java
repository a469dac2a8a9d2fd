package dev.storyworld.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/** The few things that differ between PostgreSQL and the embedded H2 default. */
@ApplicationScoped
public class Database {

    /** Lock wait timeout and deadlock: both mean "another writer holds this row; try again". */
    private static final Set<String> CONTENTION = Set.of("55P03", "40P01", "HYT00", "40001");

    @Inject
    @ConfigProperty(name = "storyworld.db.url")
    String url;

    public boolean postgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    /**
     * Bounds how long the current transaction waits for row locks. EclipseLink ignores the JPA lock
     * timeout hint on PostgreSQL, so the limit is set in SQL; H2 has a lock timeout of its own.
     */
    public void limitLockWait(EntityManager em, Duration timeout) {
        if (postgres()) {
            em.createNativeQuery("SET LOCAL lock_timeout = '" + timeout.toMillis() + "ms'").executeUpdate();
        }
    }

    /**
     * Whether a failure, at any depth, is the database refusing a write that breaks the integrity
     * constraint of that name (SQL state class 23; both databases name the constraint in the message).
     */
    public static boolean violates(Throwable failure, String constraint) {
        return causedBy(failure, sql -> sql.getSQLState().startsWith("23")
                && sql.getMessage() != null && sql.getMessage().toLowerCase(Locale.ROOT).contains(constraint));
    }

    /** Whether a failure, at any depth, is the database refusing to wait for a row lock. */
    public static boolean isLockContention(Throwable failure) {
        return causedBy(failure, sql -> CONTENTION.contains(sql.getSQLState()));
    }

    /** Whether an SQLException with a state, anywhere in the failure's causes, matches. */
    private static boolean causedBy(Throwable failure, Predicate<SQLException> matches) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && matches.test(sql)) {
                return true;
            }
        }
        return false;
    }
}
