package dev.storyworld.web.problems;

import dev.storyworld.web.http.Problem;
import dev.storyworld.common.Counters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.metrics.MetricRegistry;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * A request that failed because the database cannot be reached (down, refusing, or no pooled
 * connection within the pool's wait): not a bug, so a WARNING line instead of a stack trace, counted,
 * and 503 with Retry-After. An outage under load refuses many requests a second: the first of each
 * second is logged with its request, its id (in the thread name) and the reason, and says how many
 * were refused since the line before; the counter counts each one.
 */
@ApplicationScoped
public class DatabaseUnavailable {

    private static final Logger LOG = Logger.getLogger(DatabaseUnavailable.class.getName());
    private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - QUIET_NANOS);
    private final AtomicInteger unlogged = new AtomicInteger();

    @Inject
    MetricRegistry metrics;

    Response answer(String request, Throwable failure) {
        metrics.counter(Counters.DATABASE_UNAVAILABLE).inc();
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        String reason = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last < QUIET_NANOS || !lastLogged.compareAndSet(last, now)) {
            unlogged.incrementAndGet();
        } else {
            int others = unlogged.getAndSet(0);
            LOG.warning(() -> "Database unreachable, " + request + " answered 503: " + reason
                    + (others > 0 ? " (and " + others + " other requests since the line before)" : ""));
        }
        return Problem.forStatus(503).toResponse();
    }
}
