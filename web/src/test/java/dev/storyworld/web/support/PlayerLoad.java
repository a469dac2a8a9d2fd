package dev.storyworld.web.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Players through a load balancer: each client is a user with one world and one session, and loops
 * GET world, keyed world advance, session PATCH with {@code expected_version} and {@code If-Match},
 * session advance. Every answer is counted by request and status, every connection error and every
 * answer slower than {@link #SLOW}. What got no answer is retried as the Java client does: a world
 * advance with its key; a PATCH or a session advance after re-reading the session (it is this
 * client's alone, so the re-read tells whether the lost request was applied). Afterwards
 * {@link #verify} reads every world and session back: world time equals the sum of its distinct keys'
 * deltas, and each session's version and event log match what the client saw applied.
 *
 * <p>Only the JDK: {@code ClusterIT} uses it, and {@code bench/rolling-restart.sh} runs this file as a
 * single-file program ({@code java PlayerLoad.java BASE CLIENTS STOP_FILE REPORT [TITLE]}), minting dev tokens;
 * with {@code LATENCIES=file} in its environment it writes every answer's time and duration there, and
 * {@code THINK_MS} sets the pause after each answer.
 */
public final class PlayerLoad {

    /** Slower than this, an answer counts as failed for the rolling restart's goal (never asserted in tests). */
    public static final Duration SLOW = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration GIVE_UP = Duration.ofSeconds(90);
    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");
    private static final Pattern VERSION = Pattern.compile("\"version\":(\\d+)");
    private static final Pattern NODE = Pattern.compile("\"current_node_id\":(\\d+)");
    private static final Pattern WORLD_TIME = Pattern.compile("\"world_time\":([0-9.Ee+-]+)");
    private static final Pattern FROM_NODE = Pattern.compile("\"from_node_id\":(\\d+)");
    private static final Pattern EVENT = Pattern.compile("\"action\":\"([a-z_]+)\"");
    private static final Pattern NEXT = Pattern.compile("\"next_cursor\":\"([^\"]+)\"");

    private final URI base;
    private final String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    private final List<Player> players = new ArrayList<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final ExecutorService threads;
    private final List<Future<?>> running = new ArrayList<>();
    /** Answers by "request status", in the order first seen; connection errors as "request !Exception". */
    private final Map<String, LongAdder> tally = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> retries = new ConcurrentHashMap<>();
    private final Queue<Failure> failures = new ConcurrentLinkedQueue<>();
    private final LongAdder slow = new LongAdder();
    private final AtomicLong slowest = new AtomicLong();
    private final LongAdder iterations = new LongAdder();
    /** Every answer's end (epoch ms), request and duration, when asked for ({@link #recordLatencies}). */
    private final Queue<String> latencies = new ConcurrentLinkedQueue<>();
    private volatile boolean recordLatencies;

    /** A request that failed as the client saw it: no answer, a 5xx, or an unexpected status. */
    public record Failure(String request, String requestId, String outcome, long startedNanos, long millis) {
    }

    /** A player's pause after each answer, as a person's; 0 sends the next request at once. */
    private final long thinkMillis;

    private PlayerLoad(URI base, int clients, long thinkMillis) {
        this.base = base;
        this.thinkMillis = thinkMillis;
        this.threads = Executors.newFixedThreadPool(clients);
    }

    /**
     * Creates {@code clients} players (a user each, its token from {@code tokens}), their worlds, a shared
     * two-node loop scene and their sessions, and starts their loops, each pausing {@code thinkMillis}
     * after every answer.
     */
    public static PlayerLoad start(URI base, int clients, long thinkMillis, LongFunction<String> tokens) {
        PlayerLoad load = new PlayerLoad(base, clients, thinkMillis);
        long firstUser = ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE / 4);
        Player author = load.new Player(0, firstUser, tokens.apply(firstUser));
        String scene = author.must("create scene", "POST", "api/v1/game/scenes", """
                {"title":"loop","entry":"a","nodes":[{"key":"a"},{"key":"b"}],
                 "edges":[{"from":"a","to":"b","choice_label":"go"},{"from":"b","to":"a","choice_label":"back"}]}""", 201);
        // The edge leaving each node (one each in this scene): the "edges" array holds flat objects
        // (no conditions or effects), in whatever order their members come.
        Map<Long, Long> edgeFrom = new TreeMap<>();
        String edges = scene.substring(scene.indexOf("\"edges\":[") + 9);
        for (String edge : edges.substring(0, edges.indexOf(']')).split("\\},\\{")) {
            edgeFrom.put(number(FROM_NODE, edge), number(ID, edge));
        }
        if (edgeFrom.size() != 2) {
            throw new IllegalStateException("the scene's two edges not found in " + scene);
        }
        long sceneId = author.lastCreated;
        for (int i = 0; i < clients; i++) {
            long user = firstUser + 1 + i;
            Player player = load.new Player(i + 1, user, tokens.apply(user));
            player.setUp(sceneId, edgeFrom);
            load.players.add(player);
        }
        for (Player player : load.players) {
            load.running.add(load.threads.submit(player::loop));
        }
        return load;
    }

    /** Ends every loop after its current step (retries of a step included) and waits for them. */
    public void stop() throws Exception {
        stopped.set(true);
        threads.shutdown();
        if (!threads.awaitTermination(GIVE_UP.toSeconds() + 30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("players still running after stop");
        }
        for (Future<?> player : running) {
            player.get();
        }
    }

    public long iterations() {
        return iterations.sum();
    }

    /** Answers counted so far, by "request status" (connection errors as "request !ExceptionName"). */
    public Map<String, Long> answers() {
        Map<String, Long> answers = new TreeMap<>();
        tally.forEach((key, count) -> answers.put(key, count.sum()));
        return answers;
    }

    /** Client-side retries by request: what got no answer (or a 5xx), sent again or resolved by a re-read. */
    public Map<String, Long> retries() {
        Map<String, Long> counts = new TreeMap<>();
        retries.forEach((key, count) -> counts.put(key, count.sum()));
        return counts;
    }

    public List<Failure> failures() {
        return List.copyOf(failures);
    }

    public long slowAnswers() {
        return slow.sum();
    }

    public long slowestMillis() {
        return slowest.get();
    }

    /** Answers of the service that were 5xx, plus connection errors: the requests that failed as clients saw them. */
    public long failedAnswers() {
        return answers().entrySet().stream().filter(e -> e.getKey().matches(".* (5\\d\\d|!.*)"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /**
     * Reads every world, session and event log back through the API and answers the mismatches (empty
     * when all hold): world time is the sum of the deltas of the keys the client sent; each session's
     * version is 1 plus the PATCHes and advances the client saw applied, with one event a version.
     */
    public List<String> verify() {
        List<String> wrong = new ArrayList<>();
        for (Player player : players) {
            String world = player.must("read world", "GET", "api/v1/game/worlds/" + player.world, null, 200);
            double time = Double.parseDouble(match(WORLD_TIME, world));
            if (time != player.keyedDeltas) {
                wrong.add("world " + player.world + ": world_time " + time + ", the sum of its " + player.keys
                        + " distinct keys' deltas " + player.keyedDeltas);
            }
            String session = player.must("read session", "GET", "api/v1/game/sessions/" + player.session, null, 200);
            long version = number(VERSION, session);
            long expected = 1 + player.patches + player.advances;
            if (version != expected || version != player.version) {
                wrong.add("session " + player.session + ": version " + version + ", expected " + expected);
            }
            Map<String, Integer> events = player.events();
            int all = events.values().stream().mapToInt(Integer::intValue).sum();
            if (all != version || events.getOrDefault("session_created", 0) != 1
                    || events.getOrDefault("session_update", 0) != player.patches
                    || events.getOrDefault("advance", 0) != player.advances) {
                wrong.add("session " + player.session + " at version " + version + " has events " + events + " for "
                        + player.patches + " PATCHes and " + player.advances + " advances");
            }
        }
        return wrong;
    }

    /** Worlds and sessions checked by {@link #verify}, and the advances and PATCHes they hold. */
    public String ledger() {
        long keys = players.stream().mapToLong(p -> p.keys).sum();
        long patches = players.stream().mapToLong(p -> p.patches).sum();
        long advances = players.stream().mapToLong(p -> p.advances).sum();
        return players.size() + " worlds with " + keys + " keyed advances, " + players.size() + " sessions with "
                + patches + " PATCHes and " + advances + " advances";
    }

    /** The counts as a table, for the test's output, the benchmark and the notes. */
    public String table(String title) {
        StringBuilder text = new StringBuilder("| " + title + " | count |\n| --- | --- |\n");
        answers().forEach((key, count) -> text.append("| ").append(key).append(" | ").append(count).append(" |\n"));
        retries().forEach((key, count) -> text.append("| client retry: ").append(key).append(" | ").append(count)
                .append(" |\n"));
        text.append("| answers slower than ").append(SLOW.toMillis()).append(" ms | ").append(slowAnswers())
                .append(" (slowest ").append(slowestMillis()).append(" ms) |\n");
        text.append("| player iterations | ").append(iterations()).append(" |\n");
        return text.toString();
    }

    private final class Player {
        final int index;
        final long user;
        final String token;
        final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        long world;
        long session;
        long version;
        long node;
        Map<Long, Long> edgeFrom;
        long seq;
        long keys;
        double keyedDeltas;
        long patches;
        long advances;
        /** The id in the Location of the last 201 this player got. */
        long lastCreated;

        Player(int index, long user, String token) {
            this.index = index;
            this.user = user;
            this.token = token;
        }

        void setUp(long scene, Map<Long, Long> edges) {
            edgeFrom = edges;
            must("create world", "POST", "api/v1/game/worlds", "{\"name\":\"player " + index + "\"}", 201);
            world = lastCreated;
            String created = must("create session", "POST", "api/v1/game/sessions",
                    "{\"scene_id\":" + scene + ",\"world_id\":" + world + "}", 201);
            session = lastCreated;
            version = number(VERSION, created);
            node = number(NODE, created);
        }

        void loop() {
            while (!stopped.get()) {
                readWorld();
                advanceWorld();
                patchSession();
                advanceSession();
                iterations.increment();
            }
        }

        void readWorld() {
            retrying("GET world", () -> {
                Answer read = send("GET world", "GET", "api/v1/game/worlds/" + world, null, null);
                return read.status == 200;
            });
        }

        /** A fresh key and delta, sent again with the same key until answered 200. */
        void advanceWorld() {
            String key = run + "-" + index + "-" + (++seq);
            int delta = 1 + ThreadLocalRandom.current().nextInt(5);
            keys++;
            keyedDeltas += delta;
            retrying("POST world advance", () -> send("POST world advance", "POST", "api/v1/game/worlds/" + world
                    + "/advance", "{\"delta_seconds\":" + delta + "}", Map.of("Idempotency-Key", key)).status == 200);
        }

        /** New relationships and a marker in the flags, conditional on the version this client knows. */
        void patchSession() {
            String marker = run + "-" + index + "-" + (++seq);
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String change = "\"flags\":{\"op\":\"" + marker + "\"},\"relationships\":{\"npc:1\":{\"affinity\":"
                    + random.nextInt(101) + ",\"trust\":" + random.nextInt(101) + "}}";
            retrying("PATCH session", () -> {
                Answer patched = send("PATCH session", "PATCH", "api/v1/game/sessions/" + session,
                        "{" + change + ",\"expected_version\":" + version + "}", Map.of("If-Match", "\"" + version + "\""));
                if (patched.status == 200) {
                    applied(patched.body);
                    patches++;
                    return true;
                }
                // A conflict after a lost answer: the first PATCH was applied when the session holds its marker.
                return (patched.status == 409 || patched.failed()) && reread(s -> s.contains("\"op\":\"" + marker + "\""),
                        () -> patches++);
            });
        }

        void advanceSession() {
            long edge = edgeFrom.get(node);
            long before = version;
            retrying("POST session advance", () -> {
                Answer advanced = send("POST session advance", "POST", "api/v1/game/sessions/" + session + "/advance",
                        "{\"edge_id\":" + edge + "}", null);
                if (advanced.status == 200) {
                    applied(advanced.body);
                    advances++;
                    return true;
                }
                return advanced.failed() && reread(s -> number(VERSION, s) == before + 1, () -> advances++);
            });
        }

        /** Re-reads the session after a request got no answer; true (and counted) when that request was applied. */
        boolean reread(java.util.function.Predicate<String> wasApplied, Runnable count) {
            Answer read = send("GET session (re-read)", "GET", "api/v1/game/sessions/" + session, null, null);
            if (read.status != 200) {
                return false;
            }
            applied(read.body);
            if (wasApplied.test(read.body)) {
                count.run();
                return true;
            }
            return false;
        }

        void applied(String sessionJson) {
            version = number(VERSION, sessionJson);
            node = number(NODE, sessionJson);
        }

        /** Repeats a step until it succeeds, counting every repeat; a step that cannot succeed in {@link #GIVE_UP} fails the run. */
        void retrying(String request, java.util.function.BooleanSupplier step) {
            long deadline = System.nanoTime() + GIVE_UP.toNanos();
            while (!step.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(request + " of player " + index + " did not succeed within " + GIVE_UP);
                }
                retries.computeIfAbsent(request, k -> new LongAdder()).increment();
                pause();
            }
        }

        Map<String, Integer> events() {
            Map<String, Integer> counts = new TreeMap<>();
            String cursor = null;
            do {
                String page = must("read events", "GET", "api/v1/game/sessions/" + session + "/events?limit=1000"
                        + (cursor == null ? "" : "&cursor=" + cursor), null, 200);
                Matcher action = EVENT.matcher(page);
                while (action.find()) {
                    counts.merge(action.group(1), 1, Integer::sum);
                }
                Matcher next = NEXT.matcher(page);
                cursor = next.find() ? next.group(1) : null;
            } while (cursor != null);
            return counts;
        }

        /** A request that must answer {@code status} (setup and verification, not the measured loop). */
        String must(String what, String method, String path, String body, int status) {
            Answer answer = send(what, method, path, body, null);
            if (answer.status != status) {
                throw new IllegalStateException(what + ": " + answer.status + " " + answer.body);
            }
            return answer.body;
        }

        void think() {
            if (thinkMillis > 0) {
                try {
                    Thread.sleep(thinkMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }

        Answer send(String request, String method, String path, String body, Map<String, String> headers) {
            String requestId = "pl-" + run + "-" + index + "-" + (++seq);
            HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT)
                    .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                    .header("X-Request-Id", requestId)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                builder.header("Content-Type", "application/json");
            }
            if (headers != null) {
                headers.forEach(builder::header);
            }
            long started = System.nanoTime();
            Answer answer;
            try {
                HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
                answer = new Answer(response.statusCode(), response.body(), null);
                if (answer.status == 201) {
                    String location = response.headers().firstValue("Location").orElseThrow();
                    lastCreated = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
                }
            } catch (IOException e) {
                answer = new Answer(-1, "", e.getClass().getSimpleName());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            think();
            if (recordLatencies) {
                latencies.add(System.currentTimeMillis() + "," + request.replace(' ', '_') + "," + answer.status + ","
                        + (System.nanoTime() - started) / 1000);
            }
            slowest.accumulateAndGet(millis, Math::max);
            if (millis > SLOW.toMillis()) {
                slow.increment();
            }
            String key = request + " " + (answer.error != null ? "!" + answer.error : answer.status);
            tally.computeIfAbsent(key, k -> new LongAdder()).increment();
            if (answer.failed()) {
                failures.add(new Failure(request, requestId, answer.error != null ? answer.error
                        : answer.status + " " + answer.body, started, millis));
            }
            return answer;
        }
    }

    /** An answer: status and body, or the name of the I/O failure that stood for it (status -1). */
    private record Answer(int status, String body, String error) {
        /** No answer, or one from no instance (a 5xx of the load balancer or the service). */
        boolean failed() {
            return error != null || status >= 500;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100 + ThreadLocalRandom.current().nextInt(100));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String match(Pattern pattern, String json) {
        Matcher matcher = pattern.matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + pattern + " in " + json);
        }
        return matcher.group(1);
    }

    private static long number(Pattern pattern, String json) {
        return Long.parseLong(match(pattern, json));
    }

    /**
     * The benchmark's entry: {@code BASE CLIENTS STOP_FILE REPORT}. Mints dev tokens through BASE, runs the
     * players until STOP_FILE exists, then verifies and writes the table, the failures (request ids, for the
     * load balancer's log) and the checks to REPORT. Prints "running" once the loops have started.
     */
    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0].replaceAll("/+$", "") + "/");
        int clients = Integer.parseInt(args[1]);
        Path stopFile = Path.of(args[2]);
        Path report = Path.of(args[3]);
        HttpClient minter = HttpClient.newHttpClient();
        long think = Long.parseLong(System.getenv().getOrDefault("THINK_MS", "0"));
        PlayerLoad load = start(base, clients, think, user -> {
            try {
                String minted = minter.send(HttpRequest.newBuilder(base.resolve("api/v1/dev/tokens"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"user_id\":" + user + "}")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                return match(Pattern.compile("\"token\":\"([^\"]+)\""), minted);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        Path latencyFile = System.getenv("LATENCIES") == null ? null : Path.of(System.getenv("LATENCIES"));
        load.recordLatencies = latencyFile != null;
        System.out.println("running");
        while (!Files.exists(stopFile)) {
            Thread.sleep(200);
        }
        load.stop();
        if (latencyFile != null) {
            // end of the answer (epoch ms), request, status, duration (µs): one line an answer.
            Files.write(latencyFile, load.latencies);
        }
        List<String> wrong = load.verify();
        StringBuilder text = new StringBuilder(load.table(args.length > 4 ? args[4] : "answer"));
        text.append("\nfailed answers (5xx and connection errors): ").append(load.failedAnswers()).append('\n');
        for (Failure failure : load.failures()) {
            text.append("failure ").append(failure.requestId()).append(' ').append(failure.request().replace(' ', '_'))
                    .append(' ').append(failure.millis()).append("ms ")
                    .append(failure.outcome().replaceAll("\\s+", " "), 0, Math.min(120, failure.outcome().length()))
                    .append('\n');
        }
        text.append("checked: ").append(load.ledger()).append('\n');
        text.append(wrong.isEmpty() ? "exactly-once and event-log checks: OK\n"
                : "exactly-once and event-log checks: FAILED\n" + String.join("\n", wrong) + "\n");
        Files.writeString(report, text);
        System.exit(wrong.isEmpty() ? 0 : 1);
    }
}
