package dev.storyworld.web.lifecycle;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * Stopping (SIGTERM) without cutting requests. On its own, Payara Micro answers new API requests
 * with an HTML 503 at once and tears the application down 2 s later under the requests still
 * running, whose transactions may then commit with their answers lost. Instead, when the JVM is
 * told to stop, readiness turns DOWN ({@link ShutdownReadiness}), new API requests are refused with 503
 * {@code service_unavailable} ({@link InFlightRequests}), and the requests in flight are waited
 * for, up to {@code storyworld.shutdown.drain-seconds}. Open live streams are told first ({@link Draining}) to
 * end with a retry hint, and are waited for like requests. Payara Micro stops the server only after
 * its shutdown grace ({@code --shutdowngrace}, the system property below), which is set to that
 * bound unless the operator gave one; the grace is a plain wait, so every stop takes that long.
 */
@ApplicationScoped
public class ShutdownDrain {

    static final String PAYARA_SHUTDOWN_GRACE_MILLIS = "fish.payara.shutdowngrace";
    private static final Logger LOG = Logger.getLogger(ShutdownDrain.class.getName());

    static final String DRAIN_SECONDS = "storyworld.shutdown.drain-seconds";

    /**
     * Read when the application has started, not injected: readiness ({@link ShutdownReadiness}) makes this
     * bean, and the server's health endpoint calls it while the application deploys, before its
     * configuration is visible, where an injected setting failed with a NoSuchElementException in the log.
     */
    private volatile int drainSeconds;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger openStreams = new AtomicInteger();

    @Inject
    Event<Draining> drainStarts;
    private volatile boolean drainingNow;
    private Thread hook;

    void registerHook(@Observes @Initialized(ApplicationScoped.class) Object started) {
        drainSeconds = ConfigProvider.getConfig().getValue(DRAIN_SECONDS, Integer.class);
        if (drainSeconds <= 0) {
            return;
        }
        if (System.getProperty(PAYARA_SHUTDOWN_GRACE_MILLIS) == null) {
            System.setProperty(PAYARA_SHUTDOWN_GRACE_MILLIS, Long.toString(TimeUnit.SECONDS.toMillis(drainSeconds)));
        }
        hook = new Thread(this::drain, "storyworld-shutdown-drain");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** An undeploy while the JVM goes on (a redeploy) must not leave a hook holding this application. */
    void removeHook(@Observes @BeforeDestroyed(ApplicationScoped.class) Object stopping) {
        if (hook != null && !drainingNow) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shutdownUnderWay) {
                // The hook runs already: nothing to remove.
            }
        }
    }

    /** Counts a request in; false while draining, when it must be refused instead. */
    boolean admit() {
        inFlight.incrementAndGet();
        if (drainingNow) {
            finished();
            return false;
        }
        return true;
    }

    void finished() {
        inFlight.decrementAndGet();
        wakeDrain();
    }

    /** Counts a live stream in; false while draining, when it must be refused instead. */
    public boolean admitStream() {
        openStreams.incrementAndGet();
        if (drainingNow) {
            streamClosed();
            return false;
        }
        return true;
    }

    public void streamClosed() {
        openStreams.decrementAndGet();
        wakeDrain();
    }

    private void wakeDrain() {
        if (drainingNow && inFlight.get() + openStreams.get() == 0) {
            synchronized (inFlight) {
                inFlight.notifyAll();
            }
        }
    }

    private void drain() {
        // Set before reading the count: a request admitted after this sees it, one admitted before is counted.
        drainingNow = true;
        long started = System.nanoTime();
        long deadline = started + TimeUnit.SECONDS.toNanos(drainSeconds);
        LOG.info(() -> "Stopping: readiness DOWN, new API requests refused with 503; waiting up to " + drainSeconds
                + " s for " + inFlight.get() + " requests in flight and " + openStreams.get() + " live streams");
        drainStarts.fire(new Draining());
        synchronized (inFlight) {
            long left = deadline - System.nanoTime();
            while (inFlight.get() + openStreams.get() > 0 && left > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(inFlight, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                left = deadline - System.nanoTime();
            }
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        int running = inFlight.get();
        int streams = openStreams.get();
        if (running + streams == 0) {
            LOG.info(() -> "Requests in flight and live streams all finished after " + millis + " ms");
        } else {
            LOG.warning(() -> running + " requests and " + streams + " live streams still open after " + millis
                    + " ms; the server stops under them");
        }
    }

    public boolean draining() {
        return drainingNow;
    }

    public int inFlight() {
        return inFlight.get();
    }

    public int openStreams() {
        return openStreams.get();
    }
}
