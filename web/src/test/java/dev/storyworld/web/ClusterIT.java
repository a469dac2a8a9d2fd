package dev.storyworld.web;

import dev.storyworld.web.support.Api;
import dev.storyworld.web.support.ExternalProcess;
import dev.storyworld.web.support.LoadBalancer;
import dev.storyworld.web.support.PlayerLoad;
import dev.storyworld.web.support.PrivatePostgres;
import dev.storyworld.web.support.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three service instances behind HAProxy with the repository's configuration (deploy/haproxy), on a
 * PostgreSQL and a Redis of this class's own (the "cluster" execution of web/pom.xml), under players
 * that loop GET world, keyed world advance, version-checked session PATCH and session advance through
 * the load balancer. An operator's day: a rolling restart, an instance stopped without telling the
 * load balancer, the event cleanup of three instances, and an instance killed. Sized for CI; the
 * same with more clients and the figures is bench/rolling-restart.sh.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final int INSTANCES = 3;
    private static final int CLIENTS = 12;
    /** Players pause after each answer, as people do: the restarts must not starve on a 2-core CI machine. */
    private static final long THINK_MILLIS = 100;
    private static final int DRAIN_SECONDS = 5;
    private static final Duration STOP_BOUND = Duration.ofSeconds(2L * DRAIN_SECONDS + 30);
    private static final Duration LB_BOUND = Duration.ofSeconds(60);
    private static final int AGED_EVENTS = 20_000;
    private static final String REMOVED_BY_AGE = "storyworld_events_removed_total\\{[^}]*reason=\"age\"[^}]*\\}";
    /** %ac/%fc/%bc/%sc/%rc of the log line: %rc, the retries, "+" first when HAProxy redispatched. */
    private static final Pattern LB_RETRIES = Pattern.compile(" \\d+/\\d+/\\d+/\\d+/\\+?(\\d+) \\d+/\\d+ \\{");

    private static PrivatePostgres postgres;
    private static ExternalProcess redis;
    private static final ExternalProcess[] instances = new ExternalProcess[INSTANCES + 1];
    private static final List<Integer> ports = new ArrayList<>();
    private static final Map<String, String> environment = new HashMap<>(System.getenv());
    private static LoadBalancer balancer;

    @BeforeAll
    static void start() throws Exception {
        postgres = PrivatePostgres.create("cluster-postgres");
        int redisPort = ExternalProcess.freePort();
        redis = ExternalProcess.redis(redisPort);
        // What every instance must share: database, Redis, the token key, the cursor secret.
        // Cold JVMs on a busy machine can miss the driver's 2 s login bound with their first connection.
        environment.put("STORYWORLD_DB_URL", postgres.url() + "?loginTimeout=15");
        environment.put("STORYWORLD_DB_USER", PrivatePostgres.USER);
        environment.put("STORYWORLD_DB_PASSWORD", PrivatePostgres.USER);
        environment.put("STORYWORLD_REDIS_URL", "redis://127.0.0.1:" + redisPort);
        byte[] secret = new byte[32];
        ThreadLocalRandom.current().nextBytes(secret);
        environment.put("STORYWORLD_CURSOR_SECRET", Base64.getEncoder().encodeToString(secret));
        environment.put("STORYWORLD_SHUTDOWN_DRAIN_SECONDS", Integer.toString(DRAIN_SECONDS));
        // Nothing trimmed by count: each session's events are checked against its version.
        environment.put("STORYWORLD_EVENTS_KEEP_PER_SESSION", "1000000");
        environment.put("STORYWORLD_EVENTS_CLEANUP_INTERVAL_SECONDS", "2");
        for (String limit : List.of("WORLD_ADVANCE", "SESSION_PATCH", "WRITE", "READ")) {
            environment.put("STORYWORLD_RATE_LIMIT_" + limit + "_PER_MINUTE", "10000000");
        }
        TestKeys.serverKey();
        // One after the other: JVMs starting side by side on two cores can miss the driver's login timeout.
        for (int i = 1; i <= INSTANCES; i++) {
            ports.add(ExternalProcess.freePort());
            instances[i] = startInstance(i);
        }
        balancer = LoadBalancer.start(ports, "cluster-haproxy");
    }

    @AfterAll
    static void stop() {
        if (balancer != null) {
            balancer.close();
        }
        for (ExternalProcess instance : instances) {
            if (instance != null) {
                instance.close();
            }
        }
        if (redis != null) {
            redis.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    /**
     * Instance {@code i} on its port, ready. On a loaded machine the pool's first connection may time
     * out while the application deploys, and Payara then runs without it: such a start is made again.
     */
    private static ExternalProcess startInstance(int i) {
        AssertionError notReady = null;
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                return ExternalProcess.service(ports.get(i - 1), environment, "cluster-app" + i);
            } catch (AssertionError e) {
                notReady = e;
            }
        }
        throw notReady;
    }

    @Test
    @Order(1)
    void aRollingRestartUnderLoadFailsNoRequestAndAppliesEveryAdvanceOnce() throws Exception {
        int logLinesBefore = balancer.logLines().size();
        PlayerLoad load = PlayerLoad.start(balancer.uri(), CLIENTS, THINK_MILLIS, TestKeys::token);
        awaitIterations(load, 3L * CLIENTS);
        for (int i = 1; i <= INSTANCES; i++) {
            // As an operator (or Kubernetes' preStop) does: out of rotation first, then SIGTERM.
            balancer.drain(i, Duration.ofSeconds(10));
            instances[i].terminate();
            assertThat(instances[i].exitsWithin(STOP_BOUND)).as("instance %d stopped after SIGTERM", i).isTrue();
            instances[i] = startInstance(i);
            balancer.ready(i, LB_BOUND);
            awaitIterations(load, load.iterations() + CLIENTS);
        }
        load.stop();

        report("rolling restart (each instance drained in HAProxy, SIGTERM, restarted)", load, logLinesBefore);
        assertThat(load.failures()).as("requests that failed as the clients saw them").isEmpty();
        assertThat(load.answers().keySet()).as("answers by request and status").allMatch(answer -> answer.matches(".* 20[01]"));
        assertThat(load.verify()).as("exactly-once advances and one event a version").isEmpty();
    }

    @Test
    @Order(2)
    void anInstanceStoppedBehindTheBalancersBackCostsOnlyRequestsUnsafeToRepeat() throws Exception {
        int logLinesBefore = balancer.logLines().size();
        PlayerLoad load = PlayerLoad.start(balancer.uri(), CLIENTS, THINK_MILLIS, TestKeys::token);
        awaitIterations(load, 3L * CLIENTS);
        // SIGTERM alone: the instance refuses new requests with 503 until HAProxy's check sees it DOWN.
        instances[2].terminate();
        assertThat(instances[2].exitsWithin(STOP_BOUND)).as("instance 2 stopped after SIGTERM").isTrue();
        balancer.awaitStatus(2, "DOWN", LB_BOUND);
        instances[2] = startInstance(2);
        balancer.awaitStatus(2, "UP", LB_BOUND);
        awaitIterations(load, load.iterations() + CLIENTS);
        load.stop();

        report("SIGTERM without draining HAProxy first", load, logLinesBefore);
        // Reads, keyed advances and PATCHes with If-Match are retried by HAProxy; a session advance (no key,
        // no version) reaches the client as a clean 503 or a 502, and the client re-reads. HAProxy's retries
        // are bounded: a keyed advance whose retries all met the draining instance before its check marked
        // it DOWN reaches the client as a clean 503 too, and the client sends it again with its key.
        assertThat(load.failures()).as("failures other than clean refusals of advances")
                .allMatch(failure -> failure.request().matches("POST (session|world) advance")
                        && failure.outcome().matches("50[23] .*\"error\":\"service_unavailable\".*"));
        assertThat(load.verify()).as("exactly-once advances and one event a version").isEmpty();
    }

    @Test
    @Order(3)
    void threeInstancesRemoveEachAgedEventOnceAndCountItExactly() throws Exception {
        long removedBefore = removedByAgeOnEveryInstance().stream().mapToLong(Long::longValue).sum();
        long user = Api.newUserId();
        Api api = new Api(balancer.uri().toURL());
        Api.Reply scene = api.post("api/v1/game/scenes", "{\"title\":\"old\",\"entry\":\"a\",\"nodes\":[{\"key\":\"a\"}],\"edges\":[]}")
                .as(user).send();
        assertThat(scene.status()).as(scene.toString()).isEqualTo(201);
        Api.Reply session = api.post("api/v1/game/sessions", "{\"scene_id\":" + scene.id() + "}").as(user).send();
        assertThat(session.status()).as(session.toString()).isEqualTo(201);
        PlayerLoad writers = PlayerLoad.start(balancer.uri(), CLIENTS, THINK_MILLIS, TestKeys::token);
        awaitIterations(writers, CLIENTS);
        try (Connection db = postgres.connect();
             PreparedStatement aged = db.prepareStatement("INSERT INTO game_session_events (session_id, action, ts, version)"
                     // Versions below the session's first (1): each unique, none a write of the load can reach.
                     + " SELECT ?, 'aged', now() - interval '40 days', -g FROM generate_series(1, ?) g")) {
            aged.setLong(1, session.id());
            aged.setInt(2, AGED_EVENTS);
            assertThat(aged.executeUpdate()).isEqualTo(AGED_EVENTS);
        }
        ExternalProcess.awaitTrue("every aged event removed", Duration.ofSeconds(90), () -> agedEvents() == 0);
        ExternalProcess.awaitTrue("the removals counted", Duration.ofSeconds(30),
                () -> removedByAgeOnEveryInstance().stream().mapToLong(Long::longValue).sum() - removedBefore >= AGED_EVENTS);
        writers.stop();

        List<Long> removed = removedByAgeOnEveryInstance();
        System.out.printf("ClusterIT retention: %d aged events removed; storyworld_events_removed_total{reason=\"age\"}"
                + " per instance %s (before: %d in all)%n", AGED_EVENTS, removed, removedBefore);
        assertThat(removed.stream().mapToLong(Long::longValue).sum() - removedBefore)
                .as("events counted as removed by the three instances").isEqualTo(AGED_EVENTS);
        assertThat(writers.failures()).as("writers' failures during the cleanup").isEmpty();
        assertThat(writers.verify()).isEmpty();
        try (Connection db = postgres.connect()) {
            assertThat(number(db, "SELECT COUNT(*) FROM game_session_events WHERE session_id = " + session.id()))
                    .as("the old session keeps its session_created event").isEqualTo(1);
        }
    }

    @Test
    @Order(4)
    void aKilledInstanceFailsOnlyItsRequestsInFlightAndEachIsRetriedToSuccess() throws Exception {
        int logLinesBefore = balancer.logLines().size();
        PlayerLoad load = PlayerLoad.start(balancer.uri(), CLIENTS, THINK_MILLIS, TestKeys::token);
        awaitIterations(load, 3L * CLIENTS);
        long killed = System.nanoTime();
        instances[3].close();
        balancer.awaitStatus(3, "DOWN", LB_BOUND);
        awaitIterations(load, load.iterations() + 2L * CLIENTS);
        load.stop();

        report("SIGKILL of one instance", load, logLinesBefore);
        for (PlayerLoad.Failure failure : load.failures()) {
            // HAProxy writes a request's line when it ends, which can come after the client saw its error.
            try {
                ExternalProcess.awaitTrue("HAProxy's line of " + failure.requestId(), Duration.ofSeconds(10),
                        () -> balancer.logLine(failure.requestId()).isPresent());
            } catch (AssertionError neverLogged) {
                // No line: HAProxy never read this request (a kept-alive connection it closed as the request
                // was sent), so no instance saw it; the client's retry is checked by verify() below.
                assertThat(failure.outcome()).as("a request HAProxy never logged: %s", failure).isEqualTo("IOException");
                continue;
            }
            Optional<String> line = balancer.logLine(failure.requestId());
            assertThat(line).as("HAProxy's line of %s", failure).isPresent();
            assertThat(line.orElseThrow()).as("failed request served by the killed instance").contains(" storyworld/app3 ");
            System.out.printf("ClusterIT SIGKILL: %s sent %d ms %s the kill; HAProxy: %s%n", failure.requestId(),
                    Math.abs(failure.startedNanos() - killed) / 1_000_000, failure.startedNanos() < killed ? "before" : "after",
                    line.orElseThrow());
        }
        assertThat(load.verify()).as("exactly-once advances and one event a version, after the clients' retries").isEmpty();
    }

    private static void awaitIterations(PlayerLoad load, long iterations) {
        ExternalProcess.awaitTrue(iterations + " player iterations", Duration.ofSeconds(120),
                () -> load.iterations() >= iterations);
    }

    /** Prints the clients' table, their failures and HAProxy's retries of this phase. */
    private static void report(String phase, PlayerLoad load, int logLinesBefore) {
        List<String> lines = balancer.logLines();
        Map<String, Integer> retried = new HashMap<>();
        for (String line : lines.subList(Math.min(logLinesBefore, lines.size()), lines.size())) {
            Matcher retries = LB_RETRIES.matcher(line);
            if (retries.find() && Integer.parseInt(retries.group(1)) > 0) {
                // The protocol goes first: its "/1.1" would read as an id.
                String request = line.substring(line.lastIndexOf('"', line.length() - 2) + 1)
                        .replaceAll(" HTTP/[0-9.]+\"$", "").replaceAll("/\\d+", "/{id}");
                retried.merge(request, 1, Integer::sum);
            }
        }
        StringBuilder text = new StringBuilder("ClusterIT " + phase + ", " + CLIENTS + " clients:\n")
                .append(load.table("request and answer"));
        retried.forEach((request, count) -> text.append("| HAProxy retried: ").append(request).append(" | ").append(count)
                .append(" |\n"));
        load.failures().forEach(failure -> text.append("failure: ").append(failure).append('\n'));
        text.append("checked: ").append(load.ledger());
        System.out.println(text);
    }

    private static List<Long> removedByAgeOnEveryInstance() {
        List<Long> counts = new ArrayList<>();
        for (int port : ports) {
            try {
                counts.add(new Api(new URL("http://127.0.0.1:" + port + "/")).counter(REMOVED_BY_AGE));
            } catch (java.net.MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }
        return counts;
    }

    private static long agedEvents() {
        try (Connection db = postgres.connect()) {
            return number(db, "SELECT COUNT(*) FROM game_session_events WHERE ts < now() - interval '30 days'");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long number(Connection db, String sql) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(sql); ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
