package dev.storyworld.web;

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

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis-backed platform, with a Redis this test starts (port 6391) and later kills, a world
 * advance limit of 30 per minute and an event cleanup every 2 s (the "redis-it" execution of
 * web/pom.xml). A second service instance, started by the test, shares the Redis and the database.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisIT {

    static final int REDIS_PORT = 6391;
    static final int ADVANCES_PER_MINUTE = 30;
    private static final String RATE_LIMITED_ADVANCES = "storyworld_rate_limited_total\\{[^}]*class=\"world-advance\"[^}]*\\}";
    private static final long CLEANUP_LOCK = 0x5709_0001L;

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
        assertThat(read.header("RateLimit-Policy")).isEqualTo("\"read\";q=1200;w=60");
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
    void theCleanupRemovesOldEventsKeepsNewOnesAndRunsOnOneInstanceAtATime() throws Exception {
        secondInstance();
        long scene = api.post("api/v1/game/scenes", "{\"title\":\"s\",\"entry\":\"a\",\"nodes\":[{\"key\":\"a\"}]}")
                .as(user).send().id();
        long session = api.post("api/v1/game/sessions", "{\"scene_id\":" + scene + "}").as(user).send().id();

        try (Connection db = database(); Connection lock = database()) {
            try (PreparedStatement old = db.prepareStatement("INSERT INTO game_session_events (session_id, action, ts)"
                    + " VALUES (?, 'ancient', CURRENT_TIMESTAMP - INTERVAL '40 days')")) {
                for (int i = 0; i < 3; i++) {
                    old.setLong(1, session);
                    old.executeUpdate();
                }
            }
            holdCleanupLock(lock, true);
            // While another holder has the lock, no instance may touch the events (cleanup runs every 2 s).
            Thread.sleep(5_000);
            assertThat(count(db, session, "ancient")).isEqualTo(3);

            holdCleanupLock(lock, false);
            ExternalProcess.awaitTrue("old events removed", Duration.ofSeconds(30), () -> count(db, session, "ancient") == 0);
            assertThat(count(db, session, "session_created")).isEqualTo(1);
        }
        assertThat(removedByAge(api) + removedByAge(secondInstance())).isGreaterThanOrEqualTo(3);
    }

    @Test
    @Order(5)
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
        assertThat(api.counter("storyworld_redis_failures_total\\{[^}]*operation=\"rate_limit\"[^}]*\\}"))
                .isGreaterThanOrEqualTo(1);
    }

    private Api secondInstance() throws Exception {
        if (secondInstance == null) {
            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            new File("target/micro-tmp-2").mkdirs();
            secondInstance = ExternalProcess.start(List.of(System.getProperty("java.home") + "/bin/java", "-Xmx384m",
                            "-Djava.io.tmpdir=target/micro-tmp-2", "-jar", "target/payara-micro.jar",
                            "--deploy", System.getProperty("storyworld.it.war"), "--contextroot", "/",
                            "--port", Integer.toString(port), "--nohazelcast"),
                    System.getenv(), new File("target/second-instance.log"));
            secondBase = "http://127.0.0.1:" + port + "/";
            ExternalProcess.awaitTrue("second instance ready", Duration.ofSeconds(150),
                    () -> ExternalProcess.answers200(secondBase + "health/ready"));
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

    private static long removedByAge(Api on) {
        return on.counter("storyworld_events_removed_total\\{[^}]*reason=\"age\"[^}]*\\}");
    }

}
