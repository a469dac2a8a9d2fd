package dev.storyworld.web.problems;

import dev.storyworld.web.http.Problem;
import dev.storyworld.common.Counters;
import jakarta.enterprise.context.ApplicationScoped;
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

    private static final Logger LOG = Logger.getLogger(DatabaseUnavailable.class.getName());

    @Inject
    MetricRegistry metrics;

    Response answer(String request, Throwable failure) {
        metrics.counter(Counters.DATABASE_UNAVAILABLE).inc();
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        String reason = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        LOG.warning(() -> "Database unreachable, " + request + " answered 503: " + reason);
        return Problem.forStatus(503).toResponse();
    }
}
