package dev.storyworld.web.database;

import dev.storyworld.common.Database;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps the server's connection pool and transaction manager from burying an outage of the database in
 * log: for each 503 the pool wrote about four warnings (RAR5038, RAR5117, RAR5114), and when PostgreSQL
 * died under load every connection in use added SEVERE records with stack traces (RAR5031, RAR7115,
 * DTX5007, RAR5027), 539 lines a second in all. The service already logs one line per refused request with its
 * id and reason ({@code problems.DatabaseUnavailable}), so a record of these loggers about an unreachable
 * database (by its causes, as {@link Database#isUnreachable} sees them, or by its message) is an expected
 * condition: it is written at WARNING without its stack trace, the root cause in its text, and at most
 * one a second for each logger, which counts the records it held back. Every other record of these
 * loggers passes unchanged, SEVERE and stack trace included.
 */
@WebListener
public class PoolLogs implements ServletContextListener {

    /** The loggers of Payara's connector pool, its JDBC resource adapter and its transaction manager. */
    static final List<String> LOGGERS = List.of(
            "javax.enterprise.resource.resourceadapter.com.sun.enterprise.resource.allocator",
            "javax.enterprise.resource.resourceadapter.com.sun.enterprise.resource",
            "javax.enterprise.resource.resourceadapter.com.sun.enterprise.resource.pool",
            "javax.enterprise.resource.resourceadapter.com.sun.enterprise.resource.rm",
            "javax.enterprise.resource.resourceadapter.com.sun.enterprise.connectors",
            "javax.enterprise.resource.resourceadapter.com.sun.gjc.spi",
            "javax.enterprise.resource.resourceadapter.com.sun.gjc.spi.jdbc40",
            "javax.enterprise.resource.jta.com.sun.enterprise.transaction");

    /** Words of a record about a connection the database took away, when its exception does not say so. */
    private static final List<String> UNREACHABLE_SIGNS = List.of("Connection refused", "Connection attempt timed out",
            "has been closed", "not usable", "could not be allocated", "I/O error", "terminating connection");

    private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** Strong references: java.util.logging forgets the filter of a logger nobody holds. */
    private final List<Logger> loggers = LOGGERS.stream().map(Logger::getLogger).toList();

    @Override
    public void contextInitialized(ServletContextEvent started) {
        Condenser condenser = new Condenser();
        loggers.forEach(logger -> logger.setFilter(condenser));
    }

    @Override
    public void contextDestroyed(ServletContextEvent stopped) {
        loggers.forEach(logger -> {
            if (logger.getFilter() instanceof Condenser) {
                logger.setFilter(null);
            }
        });
    }

    /** Whether a pool record is about a database that cannot be reached. */
    static boolean aboutAnUnreachableDatabase(LogRecord record) {
        if (record.getThrown() != null && Database.isUnreachable(record.getThrown())) {
            return true;
        }
        String text = text(record);
        return UNREACHABLE_SIGNS.stream().anyMatch(text::contains);
    }

    private static String text(LogRecord record) {
        StringBuilder text = new StringBuilder(String.valueOf(record.getMessage()));
        if (record.getParameters() != null) {
            for (Object parameter : record.getParameters()) {
                text.append(' ').append(parameter);
            }
        }
        for (Throwable cause = record.getThrown(); cause != null; cause = cause.getCause()) {
            text.append(' ').append(cause.getMessage());
        }
        return text.toString();
    }

    /** One line a second per logger about an unreachable database, without a stack trace; the rest as it is. */
    static final class Condenser implements Filter {

        private final ConcurrentHashMap<String, Long> lastWritten = new ConcurrentHashMap<>();
        private final ConcurrentHashMap<String, AtomicInteger> heldBack = new ConcurrentHashMap<>();

        @Override
        public boolean isLoggable(LogRecord record) {
            if (record.getLevel().intValue() < Level.WARNING.intValue() || !aboutAnUnreachableDatabase(record)) {
                return true;
            }
            String logger = String.valueOf(record.getLoggerName());
            long now = System.nanoTime();
            Long last = lastWritten.get(logger);
            if (last != null && now - last < QUIET_NANOS || !replaced(logger, last, now)) {
                heldBack.computeIfAbsent(logger, name -> new AtomicInteger()).incrementAndGet();
                return false;
            }
            int held = heldBack.computeIfAbsent(logger, name -> new AtomicInteger()).getAndSet(0);
            Throwable root = record.getThrown();
            while (root != null && root.getCause() != null) {
                root = root.getCause();
            }
            String cause = root == null ? "" : "; cause: " + root.getClass().getSimpleName() + ": " + root.getMessage();
            record.setLevel(Level.WARNING);
            record.setThrown(null);
            record.setMessage("Database unreachable (an expected condition; requests are answered 503): "
                    + formatted(record) + cause + (held > 0 ? " [" + held + " similar records of this logger held back"
                    + " in the last second]" : ""));
            record.setParameters(null);
            return true;
        }

        private boolean replaced(String logger, Long last, long now) {
            return last == null ? lastWritten.putIfAbsent(logger, now) == null : lastWritten.replace(logger, last, now);
        }

        /** The record's message with its parameters, as the formatter would show it, resolved before they are dropped. */
        private static String formatted(LogRecord record) {
            String message = record.getMessage();
            if (record.getResourceBundle() != null && message != null && record.getResourceBundle().containsKey(message)) {
                message = record.getResourceBundle().getString(message);
            }
            Object[] parameters = record.getParameters();
            if (message != null && parameters != null && parameters.length > 0) {
                try {
                    message = java.text.MessageFormat.format(message, parameters);
                } catch (IllegalArgumentException notAPattern) {
                    // keep the message as it is
                }
            }
            return message;
        }
    }
}
