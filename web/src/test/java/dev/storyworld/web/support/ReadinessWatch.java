package dev.storyworld.web.support;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Polls readiness and an API endpoint side by side while a server starts or stops, as a load
 * balancer and its clients would see them. Each sample reads both readiness endpoints (the service's
 * probe {@value #PROBE} and the server's {@value #SERVER_HEALTH}), then the API, then both again:
 * an endpoint lied when it said UP both before and after an API call that failed.
 */
public final class ReadinessWatch implements AutoCloseable {

    public static final String PROBE = "api/v1/ready";
    public static final String SERVER_HEALTH = "health/ready";

    /** One round: each endpoint's readiness status before and after the API's; -1 when the connection failed. */
    public record Sample(long atNanos, int probeBefore, int healthBefore, int api, int probeAfter, int healthAfter) {

        boolean ready() {
            return probeBefore == 200 && probeAfter == 200;
        }

        boolean serverHealthReady() {
            return healthBefore == 200 && healthAfter == 200;
        }

        boolean answered() {
            return api == 200;
        }

        @Override
        public String toString() {
            return PROBE + " " + probeBefore + "/" + probeAfter + ", " + SERVER_HEALTH + " " + healthBefore + "/"
                    + healthAfter + ", API " + api;
        }
    }

    private final Api api;
    private final long user = Api.newUserId();
    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final List<String> unclean = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger apiAnswers = new java.util.concurrent.atomic.AtomicInteger();
    private final long startedNanos = System.nanoTime();
    private final Thread poller;
    private volatile boolean stopped;

    private ReadinessWatch(Api api) {
        this.api = api;
        poller = new Thread(this::poll, "readiness-watch");
        poller.setDaemon(true);
    }

    /** Starts polling the readiness endpoints and {@code GET /api/v1/game/worlds} of {@code api}. */
    public static ReadinessWatch start(Api api) {
        ReadinessWatch watch = new ReadinessWatch(api);
        watch.poller.start();
        return watch;
    }

    private void poll() {
        while (!stopped) {
            long at = System.nanoTime();
            int probe = status(PROBE, false);
            int health = status(SERVER_HEALTH, false);
            int answer = status("api/v1/game/worlds?limit=1", true);
            samples.add(new Sample(at, probe, health, answer, status(PROBE, false), status(SERVER_HEALTH, false)));
            try {
                // A tight poll: frequent enough to see a window of a few hundredths of a second.
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private int status(String path, boolean authenticated) {
        Api.Call call = api.get(path);
        try {
            Api.Reply reply = (authenticated ? call.as(user) : call).send();
            if (path.startsWith("api/")) {
                apiAnswers.incrementAndGet();
                if (!clean(reply)) {
                    unclean.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos) + " ms: " + path + " "
                            + reply.status() + " " + reply.header("Content-Type") + " (" + reply.body().length() + " bytes)");
                }
            }
            return reply.status();
        } catch (UncheckedIOException | IllegalStateException failed) {
            return -1;
        }
    }

    /**
     * What an API path may answer at any moment of a start or a stop: its 200 in JSON, or 404 or 503 in the
     * problem shape (a refused connection is clean too, and never gets here). Never a 5xx of the server's
     * own, empty or in HTML, and never HTML.
     */
    static boolean clean(Api.Reply reply) {
        String type = String.valueOf(reply.header("Content-Type"));
        if (reply.status() == 200) {
            return type.startsWith("application/json");
        }
        return (reply.status() == 404 || reply.status() == 503) && type.startsWith("application/problem+json")
                && reply.body().contains("\"error\":");
    }

    /** API answers that were neither their 200 nor a problem 404 or 503, with when and what they were. */
    public List<String> uncleanAnswers() {
        return List.copyOf(unclean);
    }

    /** How many API answers (probe and API, connections refused aside) the watch got. */
    public int apiAnswers() {
        return apiAnswers.get();
    }

    public List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** Samples where the service's probe said UP around an API call that did not answer. */
    public List<Sample> lies() {
        return samples.stream().filter(Sample::ready).filter(Predicate.not(Sample::answered)).toList();
    }

    /** Samples where the server's health said UP around an API call that did not answer. */
    public List<Sample> serverHealthLies() {
        return samples.stream().filter(Sample::serverHealthReady).filter(Predicate.not(Sample::answered)).toList();
    }

    public boolean sawReady() {
        return samples.stream().anyMatch(Sample::ready);
    }

    public boolean sawNotReady() {
        return samples.stream().anyMatch(Predicate.not(Sample::ready));
    }

    /** A line for the test's output: samples, lies, and when each endpoint was first and last UP, against the API. */
    public String summary(String what) {
        List<Sample> all = samples();
        return String.format("%s: %d samples; API answering from %s to %s ms; %s UP from %s to %s ms, %d times"
                        + " while the API failed; %s UP from %s to %s ms, %d times while the API failed",
                what, all.size(), millis(all, first(all, Sample::answered)), millis(all, last(all, Sample::answered)),
                PROBE, millis(all, first(all, Sample::ready)), millis(all, last(all, Sample::ready)), lies().size(),
                SERVER_HEALTH, millis(all, first(all, Sample::serverHealthReady)),
                millis(all, last(all, Sample::serverHealthReady)), serverHealthLies().size());
    }

    private static long first(List<Sample> all, Predicate<Sample> which) {
        return all.stream().filter(which).mapToLong(Sample::atNanos).findFirst().orElse(-1);
    }

    private static long last(List<Sample> all, Predicate<Sample> which) {
        return all.stream().filter(which).mapToLong(Sample::atNanos).reduce((a, b) -> b).orElse(-1);
    }

    private static String millis(List<Sample> all, long at) {
        return at < 0 || all.isEmpty() ? "never" : Long.toString(TimeUnit.NANOSECONDS.toMillis(at - all.get(0).atNanos()));
    }

    @Override
    public void close() {
        stopped = true;
        poller.interrupt();
        try {
            poller.join(35_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
