package dev.storyworld.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.resource.ResourceException;
import jakarta.transaction.SystemException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.transaction.xa.XAException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The few things that differ between PostgreSQL and the embedded H2 default. */
@ApplicationScoped
public class Database {

    /** Lock wait timeout and deadlock: both mean "another writer holds this row; try again". */
    private static final Set<String> CONTENTION = Set.of("55P03", "40P01", "HYT00", "40001");
    private static final String FOREIGN_KEY_VIOLATION = "23503";
    /** The server shutting down, crashed, or still starting: PostgreSQL's "come back later". */
    private static final Set<String> SERVER_GOING_AWAY = Set.of("57P01", "57P02", "57P03");

    /** Settings with their defaults (the embedded H2 under ./data), for the data source definition too. */
    public static final String URL = "storyworld.db.url";
    public static final String DEFAULT_URL =
            "jdbc:h2:file:./data/storyworld;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    public static final String USER = "storyworld.db.user";
    public static final String PASSWORD = "storyworld.db.password";
    public static final String DEFAULT_CREDENTIAL = "storyworld";

    @Inject
    @ConfigProperty(name = URL, defaultValue = DEFAULT_URL)
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

    /**
     * Whether a failure, at any depth, is the database refusing to delete a row that another row still
     * refers to by a restricting foreign key: SQL state 23503 in both databases. Only for a DELETE:
     * PostgreSQL says 23503 for an insert whose referenced row is missing too, where H2 says 23506.
     */
    public static boolean isStillReferenced(Throwable failure) {
        return causedBy(failure, sql -> FOREIGN_KEY_VIOLATION.equals(sql.getSQLState()));
    }

    /** Whether a failure, at any depth, is the database refusing to wait for a row lock. */
    public static boolean isLockContention(Throwable failure) {
        return causedBy(failure, sql -> CONTENTION.contains(sql.getSQLState()));
    }

    /**
     * Whether a failure, at any depth, means the database cannot be reached now: a lost or refused
     * connection (SQL state class 08), a server going away, a socket failure, a pool that could not
     * hand out a connection in time (the connector's ResourceException), or a commit the transaction
     * manager could not complete (its SystemException or XAException, which drop the driver's cause;
     * the database is the one resource of every transaction). None is the request's fault.
     */
    public static boolean isUnreachable(Throwable failure) {
        return causedBy(failure, sql -> sql.getSQLState().startsWith("08") || SERVER_GOING_AWAY.contains(sql.getSQLState()))
                || causes(failure, t -> t instanceof ResourceException || t instanceof SystemException
                || t instanceof XAException || t instanceof SocketException || t instanceof SocketTimeoutException);
    }

    /**
     * Logs a failed database call at WARNING: an unreachable database is an expected condition, so its
     * line carries the root cause instead of a stack trace; any other failure keeps its stack trace.
     */
    public static void logFailure(Logger log, String message, Throwable failure) {
        if (isUnreachable(failure)) {
            Throwable root = failure;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            log.warning(message + "; database unreachable: " + failure + (root == failure ? "" : "; cause: " + root));
        } else {
            log.log(Level.WARNING, message, failure);
        }
    }

    /** Whether an SQLException with a state, anywhere in the failure's causes, matches. */
    private static boolean causedBy(Throwable failure, Predicate<SQLException> matches) {
        return causes(failure, t -> t instanceof SQLException sql && sql.getSQLState() != null && matches.test(sql));
    }

    private static boolean causes(Throwable failure, Predicate<Throwable> matches) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (matches.test(t)) {
                return true;
            }
        }
        return false;
    }
}
