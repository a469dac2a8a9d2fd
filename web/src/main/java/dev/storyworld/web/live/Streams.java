package dev.storyworld.web.live;

import dev.storyworld.common.Counters;
import dev.storyworld.common.ErrorCode;
import dev.storyworld.common.StoryworldException;
import dev.storyworld.web.http.Problem;
import dev.storyworld.web.lifecycle.Draining;
import dev.storyworld.web.lifecycle.ShutdownDrain;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every live stream open on this instance: the per-user bound ({@code storyworld.live.max-streams-per-user},
 * 429 beyond), the heartbeat ({@code storyworld.live.heartbeat-seconds}; a write that fails releases the stream
 * of a client that went away), the end of every stream with a retry hint when the service stops, the metrics,
 * and the few threads that do all the writing and reading: an open stream holds no thread, only its sink.
 */
@ApplicationScoped
public class Streams {

    private static final Logger LOG = Logger.getLogger(Streams.class.getName());

    /** Threads that read changes and write events for every stream; the count does not grow with the streams. */
    static final int THREADS = 4;
    /** How soon a client whose stream ended should try again (after a stop, another instance answers). */
    static final long RECONNECT_MILLIS = 1_000;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    ShutdownDrain drain;

    @Inject
    MetricRegistry metrics;

    @Inject
    @ConfigProperty(name = "storyworld.live.max-streams-per-user")
    int maxPerUser;

    @Inject
    @ConfigProperty(name = "storyworld.live.heartbeat-seconds")
    int heartbeatSeconds;

    @Inject
    @ConfigProperty(name = "storyworld.live.buffer-events")
    int bufferEvents;

    private final Set<LiveStream> open = ConcurrentHashMap.newKeySet();
    private final Map<Long, Integer> perUser = new ConcurrentHashMap<>();
    private ScheduledThreadPoolExecutor executor;
    private Counter sent;
    private Counter dropped;
    private Counter refused;

    @PostConstruct
    void start() {
        executor = new ScheduledThreadPoolExecutor(THREADS, threads);
        executor.setRemoveOnCancelPolicy(true);
        executor.scheduleWithFixedDelay(this::heartbeat, heartbeatSeconds, heartbeatSeconds, TimeUnit.SECONDS);
        sent = metrics.counter(Counters.LIVE_EVENTS_SENT);
        dropped = metrics.counter(Counters.LIVE_DROPPED_SLOW);
        refused = metrics.counter(Counters.RATE_LIMITED, new Tag(Counters.LIMIT_CLASS, "stream"));
        metrics.gauge(Counters.LIVE_OPEN_STREAMS, open, Set::size);
    }

    /** Made with the application, so that its metrics show at 0 before the first stream (as every counter). */
    void startWithTheApplication(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // Observing is enough: the container creates the bean to deliver the event.
    }

    @PreDestroy
    void stop() {
        endAll("server stopping: reconnect");
        executor.shutdownNow();
    }

    /** Each session stream's buffer, in events. */
    public int bufferEvents() {
        return bufferEvents;
    }

    /**
     * Counts the stream in: 429 {@code rate_limited} when its user has {@code max-streams-per-user} open on
     * this instance, 503 while the service stops. False when the client has gone already.
     */
    public boolean open(LiveStream stream) {
        boolean[] admitted = {false};
        perUser.compute(stream.userId(), (user, count) -> {
            int now = count == null ? 0 : count;
            if (now >= maxPerUser) {
                return count;
            }
            admitted[0] = true;
            return now + 1;
        });
        if (!admitted[0]) {
            refused.inc();
            throw new WebApplicationException(Problem.of(ErrorCode.RATE_LIMITED, "Too many open streams: "
                            + maxPerUser + " at most per user; close one first").toResponseBuilder()
                    .header("Retry-After", Problem.RETRY_AFTER_SECONDS).build());
        }
        if (!drain.admitStream()) {
            uncount(stream.userId());
            throw new StoryworldException(ErrorCode.SERVICE_UNAVAILABLE, "The service is stopping; reconnect");
        }
        open.add(stream);
        if (!stream.attach(this, RECONNECT_MILLIS)) {
            stream.release();
            return false;
        }
        return true;
    }

    void execute(Runnable task) {
        executor.execute(task);
    }

    void schedule(Runnable task, long delayMillis) {
        executor.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    }

    void sent() {
        sent.inc();
    }

    void droppedForSlowness() {
        dropped.inc();
    }

    void released(LiveStream stream) {
        if (open.remove(stream)) {
            uncount(stream.userId());
            drain.streamClosed();
        }
    }

    /** Ends every stream with a retry hint before the drain waits for them; another instance takes the client. */
    void endForDrain(@Observes(notifyObserver = Reception.IF_EXISTS) Draining draining) {
        endAll("server stopping: reconnect");
    }

    private void endAll(String why) {
        for (LiveStream stream : open) {
            stream.end(stream.retryHint(why, RECONNECT_MILLIS), true);
        }
    }

    private void heartbeat() {
        try {
            open.forEach(LiveStream::heartbeat);
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: the next heartbeat must come.
            LOG.log(Level.WARNING, "Live heartbeat failed; the next runs in " + heartbeatSeconds + " s", e);
        }
    }

    private void uncount(long userId) {
        perUser.computeIfPresent(userId, (user, count) -> count <= 1 ? null : count - 1);
    }
}
