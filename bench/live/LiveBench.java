import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The driver of bench/live.sh (JDK only, run as a source file): opens STREAMS session streams on instance A
 * and WATCHERS_B more on instance B, measures A's heap after a full GC and its thread count before and after
 * (jcmd, /proc), then PATCHes RATE changes a second spread over the sessions through A for DURATION seconds
 * and prints the delivery latency on A and on B: from the change's updated_at (set by the service before its
 * commit, on this machine's clock) to the event's arrival here.
 *
 * Usage: java LiveBench.java BASE_A BASE_B TOKEN PID_A JCMD STREAMS WATCHERS_B RATE DURATION
 */
public class LiveBench {

    private static final Pattern UPDATED_AT = Pattern.compile("\"session\":\\{.*\"updated_at\":\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private static final int OPENING = 32;

    private static String token;

    public static void main(String[] args) throws Exception {
        String baseA = args[0], baseB = args[1];
        token = args[2];
        long pidA = Long.parseLong(args[3]);
        String jcmd = args[4];
        int streams = Integer.parseInt(args[5]), watchersB = Integer.parseInt(args[6]);
        int rate = Integer.parseInt(args[7]), duration = Integer.parseInt(args[8]);

        long scene = create(baseA + "api/v1/game/scenes", """
                {"title":"Bench","entry":"a","nodes":[{"key":"a"},{"key":"b"}],"edges":[{"from":"a","to":"b","choice_label":"go"}]}""");
        List<Long> sessions = Collections.synchronizedList(new ArrayList<>());
        try (var pool = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < streams; i++) {
                pool.submit(() -> sessions.add(createTrying(baseA + "api/v1/game/sessions", "{\"scene_id\":" + scene + "}")));
            }
        }
        if (sessions.size() != streams) {
            throw new IllegalStateException("created " + sessions.size() + " of " + streams + " sessions");
        }

        long heapBefore = heapAfterGc(jcmd, pidA);
        Map<String, long[]> classesBefore = histogram(jcmd, pidA);
        int threadsBefore = threads(pidA);
        Latencies onA = new Latencies();
        Latencies onB = new Latencies();
        AtomicInteger snapshots = new AtomicInteger();
        // Clients arrive OPENING at a time: 2 000 opens at once exhaust the database pool (503), not the streams.
        int opened = 0;
        for (long session : sessions) {
            awaitOpening(snapshots, opened++);
            open(baseA, session, onA, snapshots);
        }
        for (int i = 0; i < watchersB; i++) {
            awaitOpening(snapshots, opened++);
            open(baseB, sessions.get(i * sessions.size() / Math.max(1, watchersB)), onB, snapshots);
        }
        await("every snapshot", () -> snapshots.get() >= streams + watchersB, Duration.ofMinutes(5));
        long heapOpen = heapAfterGc(jcmd, pidA);
        int threadsOpen = threads(pidA);
        System.out.printf("idle streams on A: %d (and %d on B)%n", streams, watchersB);
        System.out.printf("heap after full GC: %.1f MB before, %.1f MB with the streams: %.1f kB per idle stream%n",
                heapBefore / 1e6, heapOpen / 1e6, (heapOpen - heapBefore) / 1e3 / streams);
        System.out.printf("threads of A: %d before, %d with the streams%n", threadsBefore, threadsOpen);
        printGrowth(classesBefore, histogram(jcmd, pidA), streams);

        ScheduledExecutorService writer = Executors.newScheduledThreadPool(4);
        AtomicLong sent = new AtomicLong();
        AtomicInteger failed = new AtomicInteger();
        long periodMicros = 1_000_000L / rate;
        long started = System.nanoTime();
        var task = writer.scheduleAtFixedRate(() -> {
            long n = sent.incrementAndGet();
            long session = sessions.get((int) (n % sessions.size()));
            HTTP.sendAsync(request("PATCH", baseA + "api/v1/game/sessions/" + session, "{\"world_time\":" + n + "}"),
                    HttpResponse.BodyHandlers.discarding()).thenAccept(r -> {
                        if (r.statusCode() != 200) {
                            failed.incrementAndGet();
                        }
                    });
        }, 0, periodMicros, TimeUnit.MICROSECONDS);
        onA.measureFrom(started);
        onB.measureFrom(started);
        Thread.sleep(Duration.ofSeconds(duration));
        task.cancel(false);
        writer.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("changes: %d in %.1f s (%.0f/s), %d not 200; threads of A under load: %d%n",
                sent.get(), seconds, sent.get() / seconds, failed.get(), threads(pidA));
        onA.print("delivery on the same instance (A)");
        onB.print("delivery on the other instance (B)");
        System.exit(0);
    }

    /** Latencies in microseconds of the events that carried the session after them, by when they arrived. */
    static final class Latencies {
        static final int WINDOW_SECONDS = 10;
        final ConcurrentLinkedQueue<long[]> arrivals = new ConcurrentLinkedQueue<>();
        volatile long fromNanos = Long.MAX_VALUE;

        void measureFrom(long nanos) {
            fromNanos = nanos;
        }

        void record(Instant changedAt) {
            long now = System.nanoTime();
            if (now >= fromNanos) {
                arrivals.add(new long[] {now - fromNanos, Duration.between(changedAt, Instant.now()).toNanos() / 1000});
            }
        }

        /** The whole run, then each window of it: whether the tail is the servers' first seconds or all along. */
        void print(String what) {
            print(what, arrivals.stream().map(arrival -> arrival[1]).toList());
            long windows = arrivals.stream().mapToLong(arrival -> arrival[0]).max().orElse(0) / (WINDOW_SECONDS * 1_000_000_000L);
            for (long w = 0; w <= windows; w++) {
                long window = w;
                print(String.format("  %3d-%3d s", w * WINDOW_SECONDS, (w + 1) * WINDOW_SECONDS), arrivals.stream()
                        .filter(arrival -> arrival[0] / (WINDOW_SECONDS * 1_000_000_000L) == window)
                        .map(arrival -> arrival[1]).toList());
            }
        }

        private static void print(String what, List<Long> micros) {
            List<Long> sorted = new ArrayList<>(micros);
            Collections.sort(sorted);
            if (sorted.isEmpty()) {
                System.out.println(what + ": no events");
                return;
            }
            System.out.printf("%s: %d events, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", what, sorted.size(),
                    at(sorted, 0.50) / 1e3, at(sorted, 0.99) / 1e3, sorted.get(sorted.size() - 1) / 1e3);
        }

        private static long at(List<Long> sorted, double quantile) {
            return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1));
        }
    }

    private static void open(String base, long session, Latencies latencies, AtomicInteger snapshots) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/v1/game/sessions/" + session + "/stream"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build();
        HTTP.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(new Flow.Subscriber<String>() {
            String event;

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(String line) {
                if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    if ("snapshot".equals(event)) {
                        snapshots.incrementAndGet();
                    } else {
                        Matcher at = UPDATED_AT.matcher(line);
                        if (at.find()) {
                            latencies.record(Instant.parse(at.group(1)));
                        }
                    }
                }
            }

            @Override
            public void onError(Throwable throwable) {
                System.err.println("stream of session " + session + " failed: " + throwable);
            }

            @Override
            public void onComplete() {
            }
        })).thenAccept(response -> {
            if (response.statusCode() != 200) {
                System.err.println("stream of session " + session + ": HTTP " + response.statusCode());
            }
        });
    }

    private static HttpRequest request(String method, String url, String json) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json))
                .timeout(Duration.ofSeconds(30)).build();
    }

    /** {@link #create}, again after a failure (a connection refused under load, say), at most 5 times. */
    private static long createTrying(String url, String json) {
        for (int attempt = 1; ; attempt++) {
            try {
                return create(url, json);
            } catch (RuntimeException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    /** Creates with a POST; answers the id at the end of the answer's Location. */
    private static long create(String url, String json) {
        try {
            HttpResponse<String> response = HTTP.send(request("POST", url, json), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("POST " + url + ": " + response.statusCode() + " " + response.body());
            }
            String location = response.headers().firstValue("Location").orElseThrow();
            return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Used heap after a full GC (G1: "garbage-first heap total ..., used NK"), bytes. */
    private static long heapAfterGc(String jcmd, long pid) throws Exception {
        run(jcmd, Long.toString(pid), "GC.run");
        Matcher used = Pattern.compile("used (\\d+)K").matcher(run(jcmd, Long.toString(pid), "GC.heap_info"));
        if (!used.find()) {
            throw new IllegalStateException("no heap figure from jcmd");
        }
        return Long.parseLong(used.group(1)) * 1024;
    }

    /** Live objects by class after a full GC ({@code GC.class_histogram}): class to {instances, bytes}. */
    private static Map<String, long[]> histogram(String jcmd, long pid) throws Exception {
        Map<String, long[]> classes = new HashMap<>();
        Matcher row = Pattern.compile("(?m)^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)")
                .matcher(run(jcmd, Long.toString(pid), "GC.class_histogram"));
        while (row.find()) {
            classes.merge(row.group(3), new long[] {Long.parseLong(row.group(1)), Long.parseLong(row.group(2))},
                    (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
        }
        return classes;
    }

    /** The classes whose live bytes grew most with the streams, per stream: where an idle stream's heap goes. */
    private static void printGrowth(Map<String, long[]> before, Map<String, long[]> after, int streams) {
        System.out.println("heap per idle stream by class (the 15 that grew most, bytes and objects per stream):");
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), new long[] {e.getValue()[0] - before.getOrDefault(e.getKey(), new long[2])[0],
                        e.getValue()[1] - before.getOrDefault(e.getKey(), new long[2])[1]}))
                .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1])).limit(15)
                .forEach(e -> System.out.printf("  %8.0f B %6.1f  %s%n", (double) e.getValue()[1] / streams,
                        (double) e.getValue()[0] / streams, e.getKey()));
    }

    private static int threads(long pid) throws IOException {
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            return (int) tasks.count();
        }
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return out;
    }

    private static void awaitOpening(AtomicInteger snapshots, int opened) throws InterruptedException {
        await("the first snapshots", () -> opened - snapshots.get() < OPENING, Duration.ofMinutes(2));
    }

    private static void await(String what, java.util.function.BooleanSupplier done, Duration bound)
            throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " did not arrive within " + bound);
            }
            Thread.sleep(100);
        }
    }
}
