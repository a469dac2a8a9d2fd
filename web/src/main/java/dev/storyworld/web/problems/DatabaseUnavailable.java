package dev.storyworld.web.problems;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.metrics.MetricRegistry;

import java.util.logging.Logger;

/**
 * A request that failed because the database cannot be reached (down, refusing, or no pooled
 * connection within the pool's wait): not a bug, so one WARNING line instead of a stack trace,
 * counted, and 503 with Retry-After.
 */
@ApplicationScoped
public class DatabaseUnavailable {

    static final String COUNTER = "storyworld.database.unavailable";
    private static final Logger LOG = Logger.getLogger(DatabaseUnavailable.class.getName());

    @Inject
    MetricRegistry metrics;

    /** Registered at start, so that the counter reads 0 before the first outage. */
    void registerCounter(@Observes @Initialized(ApplicationScoped.class) Object started) {
        metrics.counter(COUNTER);
    }

    Response answer(String request, Throwable failure) {
        metrics.counter(COUNTER).inc();
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        String reason = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        LOG.warning(() -> "Database unreachable, " + request + " answered 503: " + reason);
        return Problem.forStatus(503).toResponse();
    }
}
