package dev.storyworld.web;

import dev.storyworld.web.support.Api;
import dev.storyworld.web.support.Api.Reply;
import dev.storyworld.web.support.ExternalProcess;
import dev.storyworld.web.support.PrivatePostgres;
import dev.storyworld.web.support.ReadinessWatch;
import dev.storyworld.web.support.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongPredicate;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service when its surroundings fail, on a PostgreSQL and a Payara Micro of this class's own
 * (the "faults" execution of web/pom.xml): the database dies under load and comes back, then the
 * service is stopped with SIGTERM while requests are in flight. Clients must only ever see complete
 * answers or a clean 503, quickly; the database must hold no half-written change afterwards.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {

    private static final Duration ANSWER_BOUND = Duration.ofSeconds(2);
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(5);
    /** How long PostgreSQL stays down: long enough that the log's rate is not just the first second's records. */
    private static final Duration OUTAGE = Duration.ofSeconds(10);
    /** The watch's first full round after the start: the first requests meet cold code (JIT, first query). */
    private static final Duration FIRST_ROUND_BOUND = Duration.ofSeconds(15);
    private static final int DRAIN_SECONDS = 5;
    private static final int CLIENTS = 6;

    private static PrivatePostgres postgres;
    private static ExternalProcess service;
    private static Api api;
    private static long scene;
    private static long sceneEdge;
    /** What the outage may write to the service's log: a handful of lines a second, no stack trace, nothing SEVERE. */
    private static final double MOST_LOG_LINES_PER_SECOND = 10;

    private final Ledger ledger = new Ledger();

    @BeforeAll
    static void start() throws Exception {
        postgres = PrivatePostgres.create("faults-postgres");
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("STORYWORLD_DB_URL", postgres.url());
        environment.put("STORYWORLD_DB_USER", PrivatePostgres.USER);
        environment.put("STORYWORLD_DB_PASSWORD", PrivatePostgres.USER);
        // Retention must not trim: afterwards each session's event count is checked against its version.
        environment.put("STORYWORLD_EVENTS_KEEP_PER_SESSION", "1000");
        environment.put("STORYWORLD_SHUTDOWN_DRAIN_SECONDS", Integer.toString(DRAIN_SECONDS));
        TestKeys.serverKey();
        int port = ExternalProcess.freePort();
        api = new Api(new URL("http://127.0.0.1:" + port + "/"));
        try (ReadinessWatch starting = ReadinessWatch.start(api)) {
            service = ExternalProcess.service(port, environment, "faults-service");
            ExternalProcess.awaitTrue("the watch sees the service ready", FIRST_ROUND_BOUND, starting::sawReady);
            System.out.println("FaultsIT " + starting.summary("readiness during the start of Payara Micro"));
            System.out.printf("FaultsIT start edges: %d API answers polled, %d neither their 200 nor a problem 404/503: %s%n",
                    starting.apiAnswers(), starting.uncleanAnswers().size(), starting.uncleanAnswers());
            assertThat(starting.lies()).as("readiness UP while the API failed").isEmpty();
            // deploy/payara-micro/*.asadmin: the port stays closed until the application is deployed.
            assertThat(starting.uncleanAnswers()).as("API answers during the start other than a problem 404/503").isEmpty();
        }

        Reply created = api.post("api/v1/game/scenes", """
                {"title":"loop","entry":"a","nodes":[{"key":"a"}],
                 "edges":[{"from":"a","to":"a","choice_label":"stay"}]}""").as(Api.newUserId()).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        scene = created.id();
        sceneEdge = created.json().getJsonArray("edges").getJsonObject(0).getJsonNumber("id").longValueExact();
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @Order(1)
    void whilePostgresqlIsDownRequestsAre503QuicklyAndTheServiceRecoversByItself() throws Exception {
        long keyUser = Api.newUserId();
        Load load = new Load(CLIENTS, user -> {
            writeEverything(user);
            return true;
        });
        ExternalProcess.awaitTrue("answers before the outage", Duration.ofSeconds(30),
                () -> ledger.count(Outcome::success) >= 30);

        long keyedWorld = created(api.post("api/v1/game/worlds", "{\"name\":\"keyed\"}").as(keyUser).send());
        long logBefore = ServiceLog.lines();
        long killed = System.nanoTime();
        postgres.kill();
        ExternalProcess.awaitTrue("readiness DOWN", ANSWER_BOUND, () -> down(api.get("health/ready").send(), "database"));
        ExternalProcess.awaitTrue("the readiness probe DOWN", ANSWER_BOUND,
                () -> down(api.get(ReadinessWatch.PROBE).send(), "database"));
        ExternalProcess.awaitTrue("answers during the outage", OUTAGE.plusSeconds(10),
                () -> ledger.count(o -> o.startedAt() > killed && o.status() == 503) >= 30
                        && ledger.count(o -> o.startedAt() > killed + OUTAGE.toNanos() && o.status() == 503) > 0);

        Reply keyedDuringOutage = api.post("api/v1/game/worlds/" + keyedWorld + "/advance", "{\"delta_seconds\":1}")
                .header("Idempotency-Key", "outage").as(keyUser).send();
        long restarting = System.nanoTime();
        List<String> outageLog = ServiceLog.linesFrom(logBefore);
        double outageSeconds = (restarting - killed) / 1e9;
        postgres.start();
        long accepting = System.nanoTime();
        long probe = Api.newUserId();
        ExternalProcess.awaitTrue("an API answer after PostgreSQL is back", RECOVERY_BOUND,
                () -> api.get("api/v1/game/worlds").as(probe).send().status() == 200);
        long recoveredMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - accepting);
        int succeededBefore = ledger.count(Outcome::success);
        ExternalProcess.awaitTrue("answers after the outage", Duration.ofSeconds(30),
                () -> ledger.count(Outcome::success) >= succeededBefore + 30);
        load.stop();

        List<Outcome> duringOutage = ledger.outcomes(o -> o.startedAt() > killed && o.endedAt() < restarting);
        long slowest = duringOutage.stream().mapToLong(Outcome::millis).max().orElseThrow();
        System.out.printf("FaultsIT outage: %d answers while PostgreSQL was down (%d of them 503), slowest %d ms;"
                        + " API answering 200 %d ms after PostgreSQL accepted connections again; %d answers in all,"
                        + " %d worlds and %d sessions created%n", duringOutage.size(),
                duringOutage.stream().filter(o -> o.status() == 503).count(), slowest, recoveredMillis,
                ledger.outcomes.size(), ledger.worlds.size(), ledger.sessions.size());

        assertThat(ledger.outcomes(o -> !o.success() && !o.cleanRefusal())).as("answers neither a success nor a clean 503")
                .isEmpty();
        assertThat(slowest).as("slowest answer during the outage, ms").isLessThan(ANSWER_BOUND.toMillis());
        assertThat(api.counter("storyworld_database_unavailable_total\\{[^}]*\\}"))
                .isGreaterThanOrEqualTo(duringOutage.stream().filter(o -> o.status() == 503).count());
        assertNothingHalfWritten();

        // A keyed advance answered 503 stored nothing: its key is free for another request after the outage.
        assertThat(keyedDuringOutage.status()).as(keyedDuringOutage.toString()).isEqualTo(503);
        Reply afterOutage = api.post("api/v1/game/worlds/" + keyedWorld + "/advance", "{\"delta_seconds\":2}")
                .header("Idempotency-Key", "outage").as(keyUser).send();
        assertThat(afterOutage.status()).as(afterOutage.toString()).isEqualTo(200);
        assertThat(afterOutage.json().getJsonNumber("world_time").doubleValue()).isEqualTo(2.0);

        long stackLines = outageLog.stream().filter(line -> line.startsWith("\tat ")).count();
        List<String> severe = outageLog.stream().filter(line -> line.contains("SEVERE")).toList();
        long bytes = outageLog.stream().mapToLong(line -> line.length() + 1).sum();
        System.out.printf("FaultsIT outage log: %d lines (%d bytes) in %.1f s of outage, %.1f lines a second;"
                        + " %d stack trace lines, %d SEVERE%n", outageLog.size(), bytes, outageSeconds,
                outageLog.size() / outageSeconds, stackLines, severe.size());
        assertThat(stackLines).as("stack trace lines logged during the outage").isZero();
        assertThat(severe).as("SEVERE records logged during the outage").isEmpty();
        assertThat(outageLog.size() / outageSeconds).as("log lines a second during the outage")
                .isLessThanOrEqualTo(MOST_LOG_LINES_PER_SECOND);
    }

    @Test
    @Order(2)
    void onSigtermReadinessGoesDownFirstAndRequestsInFlightComplete() throws Exception {
        long user = Api.newUserId();
        int inFlight = 3;
        // One world each: advances of one world queue in the service behind the one in the database.
        List<Long> worlds = new ArrayList<>();
        for (int i = 0; i < inFlight; i++) {
            worlds.add(created(api.post("api/v1/game/worlds", "{\"name\":\"held\"}").as(user).send()));
        }
        ExecutorService held = Executors.newFixedThreadPool(inFlight);
        List<Future<Outcome>> advances = new ArrayList<>();
        Load load;
        ReadinessWatch stopping;
        try (Connection lock = postgres.connect()) {
            lock.setAutoCommit(false);
            try (PreparedStatement row = lock.prepareStatement(
                    "SELECT world_time FROM game_world_states WHERE world_id = ? FOR UPDATE")) {
                for (long world : worlds) {
                    row.setLong(1, world);
                    row.executeQuery().close();
                }
            }
            for (long world : worlds) {
                advances.add(held.submit(() -> send("advance held world", api.post("api/v1/game/worlds/" + world
                        + "/advance", "{\"delta_seconds\":1}").as(user))));
            }
            ExternalProcess.awaitTrue("advances waiting for the row lock", Duration.ofSeconds(10),
                    () -> waitingForLocks() == inFlight);
            // A refused client stops there and goes elsewhere, as behind a load balancer.
            load = new Load(CLIENTS, this::writeEverything);
            ExternalProcess.awaitTrue("answers before SIGTERM", Duration.ofSeconds(30),
                    () -> ledger.count(Outcome::success) >= 20);

            stopping = ReadinessWatch.start(api);
            ExternalProcess.awaitTrue("the watch sees the service ready", ANSWER_BOUND, stopping::sawReady);
            long terminated = System.nanoTime();
            service.terminate();
            ExternalProcess.awaitTrue("readiness DOWN", ANSWER_BOUND, () -> down(api.get("health/ready").send(), "shutdown"));
            assertThat(advances).as("held requests, still in flight").noneMatch(Future::isDone);
            // Payara Micro by itself cuts requests still running 2 s after SIGTERM; these run longer.
            Thread.sleep(Math.max(0, 3_000 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - terminated)));
            lock.commit();
        }
        for (Future<Outcome> advance : advances) {
            Outcome answer = advance.get(DRAIN_SECONDS, TimeUnit.SECONDS);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        }
        held.shutdown();
        load.awaitDone(Duration.ofSeconds(DRAIN_SECONDS));
        assertThat(service.exitsWithin(Duration.ofSeconds(DRAIN_SECONDS + 30))).as("service exited").isTrue();
        stopping.close();
        System.out.println("FaultsIT " + stopping.summary("readiness during the SIGTERM of Payara Micro"));
        System.out.printf("FaultsIT stop edges: %d API answers polled, %d neither their 200 nor a problem 404/503: %s%n",
                stopping.apiAnswers(), stopping.uncleanAnswers().size(), stopping.uncleanAnswers());
        assertThat(stopping.lies()).as("readiness UP while the API failed").isEmpty();

        long refused = ledger.count(o -> o.status() == 503);
        System.out.printf("FaultsIT shutdown: %d requests in flight at SIGTERM all answered 200; %d answers in all,"
                        + " %d of them 503 during the drain, %d refused connections%n", inFlight,
                ledger.outcomes.size(), refused, ledger.count(o -> o.failure() instanceof ConnectException));
        assertThat(ledger.outcomes(o -> !o.success() && !o.cleanRefusal() && !(o.failure() instanceof ConnectException)))
                .as("answers neither a success, a clean 503 nor a refused connection").isEmpty();
        assertThat(refused).as("requests refused during the drain").isPositive();
        try (Connection db = postgres.connect()) {
            for (long world : worlds) {
                assertThat(number(db, "SELECT world_time FROM game_world_states WHERE world_id = ?", world)).isEqualTo(1);
            }
        }
        assertNothingHalfWritten();
    }

    /** One client's round: a world, its clock advanced, a session on it, changed twice. Whether all succeeded. */
    private boolean writeEverything(long user) {
        List<Outcome> round = new ArrayList<>();
        long world = ledger.create(round, send("create world", api.post("api/v1/game/worlds", "{\"name\":\"w\"}").as(user)));
        if (world > 0) {
            Tally advances = ledger.worlds.computeIfAbsent(world, id -> new Tally());
            ledger.change(round, advances, send("advance world", api.post("api/v1/game/worlds/" + world + "/advance",
                    "{\"delta_seconds\":1}").as(user)));
        }
        String link = world > 0 ? ",\"world_id\":" + world : "";
        long session = ledger.create(round, send("create session", api.post("api/v1/game/sessions",
                "{\"scene_id\":" + scene + link + "}").as(user)));
        if (session > 0) {
            Tally changes = ledger.sessions.computeIfAbsent(session, id -> new Tally());
            ledger.change(round, changes, send("patch session", api.call("PATCH", "api/v1/game/sessions/" + session)
                    .json("{\"flags\":{\"round\":" + System.nanoTime() + "}}").as(user)));
            ledger.change(round, changes, send("advance session", api.post("api/v1/game/sessions/" + session
                    + "/advance", "{\"edge_id\":" + sceneEdge + "}").as(user)));
        }
        return round.stream().allMatch(Outcome::success);
    }

    private static Outcome send(String what, Api.Call call) {
        long started = System.nanoTime();
        try {
            return Outcome.of(what, started, call.send());
        } catch (UncheckedIOException e) {
            return new Outcome(what, started, System.nanoTime(), -1, null, e.getCause());
        }
    }

    private static long created(Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.id();
    }

    /** Whether readiness is DOWN because of the named check. */
    private static boolean down(Reply ready, String check) {
        return ready.status() == 503 && ready.body().contains("\"name\":\"" + check + "\",\"status\":\"DOWN\"");
    }

    /**
     * Every write is whole: each world has its state row, each session its {@code session_created}
     * event and one event per version; every create answered 2xx is stored, and every answered change
     * counted (a change answered 503 may or may not have committed: the commit's answer can be lost).
     */
    private void assertNothingHalfWritten() throws SQLException {
        try (Connection db = postgres.connect()) {
            assertThat(number(db, "SELECT COUNT(*) FROM game_worlds w WHERE NOT EXISTS"
                    + " (SELECT 1 FROM game_world_states s WHERE s.world_id = w.id)")).as("worlds without state").isZero();
            assertThat(number(db, "SELECT COUNT(*) FROM game_sessions s WHERE NOT EXISTS (SELECT 1 FROM"
                    + " game_session_events e WHERE e.session_id = s.id AND e.action = 'session_created')"))
                    .as("sessions without session_created").isZero();
            assertThat(number(db, "SELECT COUNT(*) FROM game_sessions s WHERE s.version <>"
                    + " (SELECT COUNT(*) FROM game_session_events e WHERE e.session_id = s.id)"))
                    .as("sessions whose events do not match their version").isZero();
            for (Map.Entry<Long, Tally> world : ledger.worlds.entrySet()) {
                assertThat(number(db, "SELECT world_time FROM game_world_states WHERE world_id = ?", world.getKey()))
                        .as("world %d", world.getKey())
                        .isBetween((long) world.getValue().succeeded.get(), (long) world.getValue().tried.get());
            }
            for (Map.Entry<Long, Tally> session : ledger.sessions.entrySet()) {
                assertThat(number(db, "SELECT version - 1 FROM game_sessions WHERE id = ?", session.getKey()))
                        .as("session %d", session.getKey())
                        .isBetween((long) session.getValue().succeeded.get(), (long) session.getValue().tried.get());
            }
        }
    }

    private static long waitingForLocks() {
        try (Connection db = postgres.connect()) {
            return number(db, "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of the one row, as a whole number; -1 without a row. */
    private static long number(Connection db, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Math.round(rows.getDouble(1)) : -1;
            }
        }
    }

    /** An answer as a client saw it: status (or the I/O failure), problem code and headers, timing. */
    private record Outcome(String request, long startedAt, long endedAt, int status, Reply reply, Throwable failure) {

        static Outcome of(String request, long startedAt, Reply reply) {
            return new Outcome(request, startedAt, System.nanoTime(), reply.status(), reply, null);
        }

        long millis() {
            return TimeUnit.NANOSECONDS.toMillis(endedAt - startedAt);
        }

        boolean success() {
            return status / 100 == 2;
        }

        /** 503 {@code service_unavailable} in the problem shape, with Retry-After. */
        boolean cleanRefusal() {
            return status == 503 && String.valueOf(reply.header("Content-Type")).startsWith("application/problem+json")
                    && reply.header("Retry-After") != null && reply.body().contains("\"error\":\"service_unavailable\"");
        }

        /** The id of what a 201 created; 0 otherwise. */
        long createdId() {
            return status == 201 ? reply.id() : 0;
        }

        @Override
        public String toString() {
            return reply != null ? reply + " in " + millis() + " ms" : request + " -> " + failure;
        }
    }

    /** How many changes of one world or session were sent, and how many were answered as done. */
    private static final class Tally {
        final AtomicInteger tried = new AtomicInteger();
        final AtomicInteger succeeded = new AtomicInteger();
    }

    /** What the clients sent and got back, for the checks against the database afterwards. */
    private static final class Ledger {
        final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        final Map<Long, Tally> worlds = new ConcurrentHashMap<>();
        final Map<Long, Tally> sessions = new ConcurrentHashMap<>();

        /** Records a create; answers the new id, or 0. */
        long create(List<Outcome> round, Outcome created) {
            round.add(created);
            outcomes.add(created);
            return created.createdId();
        }

        void change(List<Outcome> round, Tally tally, Outcome change) {
            round.add(change);
            outcomes.add(change);
            tally.tried.incrementAndGet();
            if (change.success()) {
                tally.succeeded.incrementAndGet();
            }
        }

        int count(Predicate<Outcome> which) {
            return (int) outcomes.stream().filter(which).count();
        }

        List<Outcome> outcomes(Predicate<Outcome> which) {
            return outcomes.stream().filter(which).toList();
        }
    }

    /** Clients, each a user of its own, repeating a round of requests while it answers true, until stopped. */
    private static final class Load {
        private final ExecutorService clients;
        private final List<Future<?>> running = new ArrayList<>();
        private final AtomicBoolean stopped = new AtomicBoolean();

        Load(int count, LongPredicate round) {
            clients = Executors.newFixedThreadPool(count);
            for (int i = 0; i < count; i++) {
                long user = Api.newUserId();
                running.add(clients.submit(() -> {
                    boolean goOn;
                    do {
                        goOn = round.test(user);
                    } while (goOn && !stopped.get());
                }));
            }
        }

        void stop() throws Exception {
            stopped.set(true);
            awaitDone(Duration.ofSeconds(30));
        }

        /** Waits for every client to end, failing with what broke one (an unreadable answer, say). */
        void awaitDone(Duration timeout) throws Exception {
            clients.shutdown();
            assertThat(clients.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)).as("clients done").isTrue();
            for (Future<?> client : running) {
                client.get();
            }
        }
    }

    /** The service's console log (appended to by every run), read as lines. */
    private static final class ServiceLog {
        private static final java.nio.file.Path FILE = java.nio.file.Path.of("target/faults-service.log");

        static long lines() throws java.io.IOException {
            try (var all = java.nio.file.Files.lines(FILE, java.nio.charset.StandardCharsets.ISO_8859_1)) {
                return all.count();
            }
        }

        static List<String> linesFrom(long first) throws java.io.IOException {
            try (var all = java.nio.file.Files.lines(FILE, java.nio.charset.StandardCharsets.ISO_8859_1)) {
                return all.skip(first).filter(line -> !line.isBlank()).toList();
            }
        }
    }
}
