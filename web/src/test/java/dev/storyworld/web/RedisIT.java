package dev.storyworld.web;

import dev.storyworld.web.security.TokenKeys;
import dev.storyworld.client.StoryworldClient;
import dev.storyworld.client.StoryworldException;
import dev.storyworld.client.World;
import dev.storyworld.web.support.Api;
import dev.storyworld.web.support.Api.Reply;
import dev.storyworld.web.support.Deployments;
import dev.storyworld.web.support.ExternalProcess;
import dev.storyworld.web.support.TestKeys;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis-backed platform, with a Redis this test starts (port 6391) and later kills, a world
 * advance limit of 30 per minute and an event cleanup every 2 s (the "redis-it" execution of
 * web/pom.xml). A second service instance, started by the test, shares the Redis and the database;
 * it runs with dev tokens off, verifying the tests' tokens with their public key.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisIT {

    static final int REDIS_PORT = 6391;
    static final int ADVANCES_PER_MINUTE = 30;
    private static final String RATE_LIMITED_ADVANCES = "storyworld_rate_limited_total\\{[^}]*class=\"world-advance\"[^}]*\\}";
    private static final long CLEANUP_LOCK = 0x5709_0001L;
    private static final String REDIS_FAILURES = "storyworld_redis_failures_total\\{[^}]*operation=\"";
    private static final String LABELS_END = "\"[^}]*\\}";
    private static final int LOAD_THREADS = 6;

    private static ExternalProcess redis;
    private static ExternalProcess secondInstance;
    private static String secondBase;

    @Deployment(testable = false)
    static WebArchive service() {
        redis = ExternalProcess.redis(REDIS_PORT);
        return Deployments.service();
    }

    @ArquillianResource
    URL base;

    Api api;
    long user;

    @BeforeEach
    void setUp() {
        api = new Api(base);
        user = Api.newUserId();
    }

    @AfterAll
    static void stopProcesses() {
        if (secondInstance != null) {
            secondInstance.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private long createWorld(Api on) {
        Reply world = on.post("api/v1/game/worlds", "{\"name\":\"limited\"}").as(user).send();
        assertThat(world.status()).as(world.toString()).isEqualTo(201);
        return world.id();
    }

    private static Reply advance(Api on, long world, long user) {
        return on.post("api/v1/game/worlds/" + world + "/advance", "{\"delta_seconds\":1}").as(user).send();
    }

    private record Run(int passed, Reply refusal) {
    }

    /**
     * Sends advances, alternating over the given instances, until one is refused. The bucket refills
     * one advance every 2 s meanwhile, which the bound allows for; without a shared bucket, every
     * instance would let a whole bucket through.
     */
    private Run advanceUntilRefused(long world, Api... instances) {
        long started = System.nanoTime();
        int passed = 0;
        Reply reply;
        while ((reply = advance(instances[passed % instances.length], world, user)).status() == 200) {
            assertThat(reply.header("RateLimit-Policy")).isEqualTo("\"world-advance\";q=30;w=60");
            passed++;
            assertThat(passed).as("advances before a refusal").isLessThan(3 * ADVANCES_PER_MINUTE);
        }
        assertThat(reply.status()).as(reply.toString()).isEqualTo(429);
        double elapsedSeconds = (System.nanoTime() - started) / 1e9;
        assertThat(passed).isBetween(ADVANCES_PER_MINUTE - 1,
                ADVANCES_PER_MINUTE + (int) Math.ceil(elapsedSeconds / 2) + 1);
        return new Run(passed, reply);
    }

    @Test
    @Order(1)
    void overTheLimitIs429WithHeadersAndPassesAgainAfterRetryAfter() throws InterruptedException {
        long world = createWorld(api);
        Reply first = advance(api, world, user);
        assertThat(first.header("RateLimit")).startsWith("\"world-advance\";r=29;t=");
        Run run = advanceUntilRefused(world, api);
        int passed = 1 + run.passed();

        Reply refused = run.refusal();
        assertThat(refused.error()).isEqualTo("rate_limited");
        assertThat(refused.header("RateLimit-Policy")).isEqualTo("\"world-advance\";q=30;w=60");
        assertThat(refused.header("RateLimit")).startsWith("\"world-advance\";r=0;");
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 2L);
        assertThat(api.get("api/v1/game/worlds/" + world).as(user).send().json()
                .getJsonNumber("world_time").intValue()).isEqualTo(passed);

        // Waiting is the behaviour under test: a client that honours Retry-After gets through.
        Thread.sleep(Duration.ofSeconds(retryAfter).toMillis());
        assertThat(advance(api, world, user).status()).isEqualTo(200);

        Reply read = api.get("api/v1/game/worlds").as(user).send();
        assertThat(read.header("RateLimit-Policy")).isEqualTo("\"read\";q=600;w=30");
        assertThat(advance(api, createWorld(api), Api.newUserId()).status())
                .as("another user has a bucket of its own").isEqualTo(404);
    }

    @Test
    @Order(1)
    void theJavaClientWaitsOutA429AndAdvancesExactlyOnce() {
        long world = createWorld(api);
        int passed = advanceUntilRefused(world, api).passed();
        List<Duration> waits = new CopyOnWriteArrayList<>();
        List<StoryworldException> causes = new CopyOnWriteArrayList<>();
        try (StoryworldClient client = StoryworldClient.builder(URI.create(base.toString()))
                .token(() -> TestKeys.token(user))
                .onRetry((request, attempt, delay, cause) -> {
                    waits.add(delay);
                    causes.add(cause);
                }).build()) {
            long start = System.nanoTime();
            World advanced = client.worlds().advance(world, 1);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            assertThat(causes).isNotEmpty().allSatisfy(cause -> {
                assertThat(cause.error()).isEqualTo("rate_limited");
                assertThat(cause.retryAfter()).contains(waits.get(0));
            });
            assertThat(waits.get(0)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
            assertThat(elapsed).as("waited for Retry-After").isGreaterThanOrEqualTo(waits.get(0));
            assertThat(advanced.worldTime()).as("advanced once after the refusals").isEqualTo(passed + 1);
        }
    }

    @Test
    @Order(2)
    void malformedBodiesCountAgainstTheLimitAndCarryItsHeaders() {
        long world = createWorld(api);
        long refusedBefore = api.counter(RATE_LIMITED_ADVANCES);
        long started = System.nanoTime();
        for (int i = 0; i < ADVANCES_PER_MINUTE; i++) {
            Reply malformed = api.post("api/v1/game/worlds/" + world + "/advance", "{\"delta_seconds\":").as(user).send();
            assertThat(malformed.status()).as(malformed.toString()).isEqualTo(400);
            assertThat(malformed.error()).isEqualTo("malformed_json");
            assertThat(malformed.header("RateLimit-Policy")).isEqualTo("\"world-advance\";q=30;w=60");
        }
        int passed = 0;
        Reply reply;
        while ((reply = advance(api, world, user)).status() == 200) {
            passed++;
            assertThat(passed).as("advances after a bucket of malformed ones").isLessThan(ADVANCES_PER_MINUTE);
        }

        assertThat(reply.status()).as(reply.toString()).isEqualTo(429);
        // Only what the bucket refilled meanwhile (one advance every 2 s) gets through.
        double elapsedSeconds = (System.nanoTime() - started) / 1e9;
        assertThat(passed).isLessThanOrEqualTo((int) Math.ceil(elapsedSeconds / 2) + 1);
        assertThat(api.counter(RATE_LIMITED_ADVANCES) - refusedBefore).isEqualTo(1);
    }

    @Test
    @Order(3)
    void twoInstancesOnOneRedisShareTheLimit() throws Exception {
        Api second = secondInstance();
        long world = createWorld(api);

        Run run = advanceUntilRefused(world, api, second);

        assertThat(run.passed()).as("advances through both instances").isLessThan(2 * ADVANCES_PER_MINUTE - 5);
    }

    @Test
    @Order(4)
    void withDevTokensOffTheirEndpointIs404ForEveryRequestAndAbsentFromTheDocument() throws Exception {
        Api second = secondInstance();
        String devTokens = "api/v1/dev/tokens";
        Map<String, Api.Call> requests = new LinkedHashMap<>();
        requests.put("a valid request", second.post(devTokens, "{\"user_id\":1}"));
        requests.put("a valid request with a token", second.post(devTokens, "{\"user_id\":1}").as(user));
        requests.put("no body", second.call("POST", devTokens));
        requests.put("malformed JSON", second.post(devTokens, "{\"user_id\":"));
        requests.put("an invalid id", second.post(devTokens, "{\"user_id\":0}"));
        requests.put("text", second.call("POST", devTokens).body("text/plain", "user 1"));
        requests.put("XML with a token", second.call("POST", devTokens).body("application/xml", "<user/>").as(user));
        requests.put("GET", second.get(devTokens).as(user));
        requests.put("PUT", second.put(devTokens, "{\"user_id\":1}"));
        requests.put("DELETE", second.delete(devTokens));
        requests.put("PATCH", second.call("PATCH", devTokens).json("{}").as(user));
        requests.put("OPTIONS", second.call("OPTIONS", devTokens));
        requests.put("a trailing slash", second.post(devTokens + "/", "{\"user_id\":1}"));

        requests.forEach((what, call) -> {
            Reply reply = call.send();
            assertThat(reply.status()).as(what + ": " + reply).isEqualTo(404);
            assertThat(reply.header("Content-Type")).as(what).startsWith("application/problem+json");
            assertThat(reply.error()).as(what).isEqualTo("not_found");
        });
        assertThat(second.call("HEAD", devTokens).send().status()).isEqualTo(404);
        assertThat(second.get("api/v1/game/worlds").as(user).send().status())
                .as("the tests' tokens still work there").isEqualTo(200);

        String document = second.get("openapi").send().body();
        assertThat(document).contains("/api/v1/game/worlds:").doesNotContain("dev/tokens", "DevToken");
    }

    @Test
    @Order(5)
    void theCleanupRemovesOldEventsKeepsNewOnesAndRunsOnOneInstanceAtATime() throws Exception {
        Api second = secondInstance();
        long scene = api.post("api/v1/game/scenes", "{\"title\":\"s\",\"entry\":\"a\",\"nodes\":[{\"key\":\"a\"}]}")
                .as(user).send().id();
        long session = api.post("api/v1/game/sessions", "{\"scene_id\":" + scene + "}").as(user).send().id();

        try (Connection db = database(); Connection lock = database()) {
            // Locked first: a cleanup between the inserts would remove some of them before the test looks.
            holdCleanupLock(lock, true);
            try (PreparedStatement old = db.prepareStatement("INSERT INTO game_session_events (session_id, action, ts, version)"
                    + " VALUES (?, 'ancient', CURRENT_TIMESTAMP - INTERVAL '40 days', ?)")) {
                for (int i = 0; i < 3; i++) {
                    old.setLong(1, session);
                    old.setLong(2, -1 - i); // below the session's first version: unique, and no write reaches it
                    old.executeUpdate();
                }
            }
            // While another holder has the lock, no instance may touch the events: each instance's timer
            // (every 2 s) takes two turns that find the lock held, and the events are all still there.
            long firstSkipped = skippedCleanups(api);
            long secondSkipped = skippedCleanups(second);
            ExternalProcess.awaitTrue("two skipped cleanups on each instance", Duration.ofSeconds(30),
                    () -> skippedCleanups(api) >= firstSkipped + 2 && skippedCleanups(second) >= secondSkipped + 2);
            assertThat(count(db, session, "ancient")).isEqualTo(3);

            holdCleanupLock(lock, false);
            ExternalProcess.awaitTrue("old events removed", Duration.ofSeconds(30), () -> count(db, session, "ancient") == 0);
            assertThat(count(db, session, "session_created")).isEqualTo(1);
        }
        assertThat(removedByAge(api) + removedByAge(second)).isGreaterThanOrEqualTo(3);
    }

    private record RedisCounts(long failures, long probes) {
    }

    private RedisCounts redisCounts() {
        String metrics = api.get("metrics").send().body();
        return new RedisCounts(Api.counter(metrics, REDIS_FAILURES + "rate_limit" + LABELS_END)
                + Api.counter(metrics, REDIS_FAILURES + "ping" + LABELS_END),
                Api.counter(metrics, "storyworld_redis_probes_total\\{[^}]*\\}"));
    }

    /** The counts once two reads in a row agree: no Redis command of the service is under way. */
    private RedisCounts settledRedisCounts() {
        RedisCounts[] last = {redisCounts()};
        ExternalProcess.awaitTrue("Redis counters settle", Duration.ofSeconds(10), () -> {
            RedisCounts now = redisCounts();
            boolean settled = now.equals(last[0]);
            last[0] = now;
            return settled;
        });
        return last[0];
    }

    @Test
    @Order(6)
    void underLoadARedisOutageFailsNoRequestAndEachPauseEndsWithOneProbe() throws Exception {
        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        Queue<String> notOk = new ConcurrentLinkedQueue<>();
        ExecutorService load = Executors.newFixedThreadPool(LOAD_THREADS);
        for (int i = 0; i < LOAD_THREADS; i++) {
            load.submit(() -> {
                while (loading.get()) {
                    // A new user each time: rate-limited reads that no user's limit refuses.
                    Reply reply = api.get("api/v1/game/worlds").as(Api.newUserId()).send();
                    answered.incrementAndGet();
                    if (reply.status() != 200) {
                        notOk.add(reply.toString());
                    }
                }
                return null;
            });
        }
        try {
            ExternalProcess.awaitTrue("load under way", Duration.ofSeconds(30), () -> answered.get() > 50);
            RedisCounts beforeOutage = redisCounts();
            redis.close();

            ExternalProcess.awaitTrue("first probe", Duration.ofSeconds(30),
                    () -> redisCounts().probes() > beforeOutage.probes());
            RedisCounts afterFirstProbe = settledRedisCounts();
            assertThat(afterFirstProbe.failures()).as("failures counted").isGreaterThan(beforeOutage.failures());
            // The next pauses last 2 s and 4 s: two more pause ends, one probe each.
            ExternalProcess.awaitTrue("two more probes", Duration.ofSeconds(30),
                    () -> redisCounts().probes() >= afterFirstProbe.probes() + 2);
            RedisCounts afterThirdProbe = settledRedisCounts();
            assertThat(afterThirdProbe.probes() - afterFirstProbe.probes()).as("probes at two pause ends").isEqualTo(2);
            assertThat(afterThirdProbe.failures() - afterFirstProbe.failures())
                    .as("while paused, only the probes tried Redis").isEqualTo(2);

            redis = ExternalProcess.redis(REDIS_PORT);
            ExternalProcess.awaitTrue("Redis used again after a successful probe", Duration.ofSeconds(100),
                    () -> api.get("health/ready").send().body().contains("\"redis\":\"up\""));
            try (Jedis direct = new Jedis("127.0.0.1", REDIS_PORT)) {
                ExternalProcess.awaitTrue("rate limits in Redis again", Duration.ofSeconds(30),
                        () -> scriptsRun(direct) > 100);
            }
        } finally {
            loading.set(false);
            load.shutdown();
            assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(notOk).as("answers other than 200 under load").isEmpty();
        assertThat(answered.get()).isGreaterThan(100);
    }

    @Test
    @Order(7)
    void withRedisDownEveryEndpointStillAnswersAndTheFailuresAreCounted() {
        redis.close();

        long world = createWorld(api);
        assertThat(advance(api, world, user).status()).isEqualTo(200);
        assertThat(api.get("api/v1/game/worlds/" + world).as(user).send().status()).isEqualTo(200);
        long scene = api.post("api/v1/game/scenes", "{\"title\":\"s\",\"entry\":\"a\",\"nodes\":[{\"key\":\"a\"}]}")
                .as(user).send().id();
        Reply session = api.post("api/v1/game/sessions", "{\"scene_id\":" + scene + "}").as(user).send();
        assertThat(session.status()).isEqualTo(201);
        Reply patched = api.call("PATCH", "api/v1/game/sessions/" + session.id())
                .json("{\"relationships\":{\"npc:1\":{\"affinity\":90}}}").as(user).send();
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(api.get("api/v1/game/sessions/" + session.id()).as(user).send().status()).isEqualTo(200);
        assertThat(api.get("api/v1/game/sessions/" + session.id() + "/events").as(user).send().status()).isEqualTo(200);
        assertThat(api.delete("api/v1/game/sessions/" + session.id()).as(user).send().status()).isEqualTo(204);
        assertThat(advance(api, world, user).header("RateLimit-Policy")).isEqualTo("\"world-advance\";q=30;w=60");

        Reply ready = api.get("health/ready").send();
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body()).contains("\"redis\"").contains("down");
        assertThat(api.counter(REDIS_FAILURES + "rate_limit" + LABELS_END))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    @Order(8)
    void theServersLogLineOfARedisFailureCarriesTheRequestsId() throws Exception {
        Api second = secondInstance();
        redis.close();
        String requestId = "redis-down-" + user;

        Reply reply = second.get("api/v1/game/worlds").as(user).header("X-Request-Id", requestId).send();

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("X-Request-Id")).isEqualTo(requestId);
        Path log = Path.of("target/second-instance.log");
        ExternalProcess.awaitTrue("the failure logged with the request's id", Duration.ofSeconds(10),
                () -> logLines(log).anyMatch(line -> line.contains("Redis rate_limit failed")
                        && line.contains("request=" + requestId + "]")));
    }

    /** How many rate-limit scripts this Redis ran since it started: only the service runs scripts. */
    private static long scriptsRun(Jedis redis) {
        Matcher calls = Pattern.compile("cmdstat_eval(?:sha)?:calls=(\\d+)").matcher(redis.info("commandstats"));
        long runs = 0;
        while (calls.find()) {
            runs += Long.parseLong(calls.group(1));
        }
        return runs;
    }

    private static Stream<String> logLines(Path log) {
        try {
            return Files.readString(log, StandardCharsets.ISO_8859_1).lines();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Api secondInstance() throws Exception {
        if (secondInstance == null) {
            int port = ExternalProcess.freePort();
            // Dev tokens off: the instance verifies the tests' tokens with their public key, as an operator's key.
            Map<String, String> environment = new HashMap<>(System.getenv());
            environment.remove("STORYWORLD_DEV_TOKENS_PRIVATE_KEY_LOCATION");
            environment.put("STORYWORLD_DEV_TOKENS_ENABLED", "false");
            // Payara reads the location as a class path resource or a URL, not as a file path.
            environment.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", TestKeys.publicKeyFile().toUri().toString());
            environment.put("MP_JWT_VERIFY_ISSUER", TokenKeys.DEV_ISSUER);
            secondInstance = ExternalProcess.service(port, environment, "second-instance");
            secondBase = "http://127.0.0.1:" + port + "/";
        }
        return new Api(new URL(secondBase));
    }

    private static Connection database() throws SQLException {
        return DriverManager.getConnection(System.getProperty("storyworld.it.db.url"),
                System.getProperty("storyworld.it.db.user"), System.getProperty("storyworld.it.db.password"));
    }

    private static void holdCleanupLock(Connection connection, boolean hold) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                hold ? "SELECT pg_advisory_lock(?)" : "SELECT pg_advisory_unlock(?)")) {
            lock.setLong(1, CLEANUP_LOCK);
            lock.execute();
        }
    }

    private static long count(Connection db, long session, String action) {
        try (PreparedStatement count = db.prepareStatement(
                "SELECT COUNT(*) FROM game_session_events WHERE session_id = ? AND action = ?")) {
            count.setLong(1, session);
            count.setString(2, action);
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long skippedCleanups(Api on) {
        return on.counter("storyworld_events_cleanups_total\\{[^}]*outcome=\"skipped\"[^}]*\\}");
    }

    private static long removedByAge(Api on) {
        return on.counter("storyworld_events_removed_total\\{[^}]*reason=\"age\"[^}]*\\}");
    }

}
