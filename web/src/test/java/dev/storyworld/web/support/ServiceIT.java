package dev.storyworld.web.support;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.storyworld.web.support.JsonValues.array;
import static dev.storyworld.web.support.JsonValues.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A black-box test class against the packaged WAR on Payara Micro, with a fresh user for every test
 * so that tests never see each other's data. Every class of a failsafe execution shares one server
 * ({@link SharedPayaraMicro}): a test must not expect a fresh server (counters at zero, say), only
 * its own user's data; it reads counters before and after.
 */
@ExtendWith(ArquillianExtension.class)
public abstract class ServiceIT {

    protected static final String WORLDS = "api/v1/game/worlds";
    protected static final String SCENES = "api/v1/game/scenes";
    protected static final String SESSIONS = "api/v1/game/sessions";

    /** start -a-> middle -b-> end, and start -c-> end. */
    protected static final JsonObject GRAPH = object("title", "Harbor", "description", "At the docks",
            "meta", object("mood", "calm"), "entry", "start",
            "nodes", array(
                    object("key", "start", "label", "Start", "asset_id", 9, "loopable", true,
                            "reveal_choices_at_sec", 1.5, "meta", object("x", 1)),
                    object("key", "middle"),
                    object("key", "end", "skippable", true)),
            "edges", array(
                    object("from", "start", "to", "middle", "choice_label", "a", "weight", 2.5, "reveal_at_sec", 3,
                            "cooldown_sec", 10, "conditions", array(object("key", "k", "op", "eq", "value", 1)),
                            "effects", object("gold", 5)),
                    object("from", "middle", "to", "end", "choice_label", "b"),
                    object("from", "start", "to", "end", "choice_label", "c")));

    @Deployment(testable = false)
    public static WebArchive service() {
        return Deployments.service();
    }

    @ArquillianResource
    protected URL base;

    protected Api api;
    protected long user;

    /** /metrics as the shared server answered it before the first test of this JVM sent it anything. */
    private static String metricsAtStart;

    @BeforeEach
    void newUser() {
        api = new Api(base);
        user = Api.newUserId();
        synchronized (ServiceIT.class) {
            if (metricsAtStart == null) {
                metricsAtStart = api.get("metrics").send().body();
            }
        }
    }

    /** What /metrics said before any test's request: the server's state at its start, whichever class runs first. */
    protected static synchronized String metricsAtStart() {
        return metricsAtStart;
    }

    protected static void assertProblem(Api.Reply reply, int status, String error) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.json().getInt("status")).isEqualTo(status);
        assertThat(reply.json().getString("title")).isNotBlank();
        assertThat(reply.json().getString("detail")).isNotBlank();
        assertThat(reply.error()).as(reply.toString()).isEqualTo(error);
        assertThat(reply.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    /** A scene's node ids by key and edge ids by choice label. */
    protected record Graph(long id, Map<String, Long> nodes, Map<String, Long> edges) {
    }

    /** The scene {@link #GRAPH}, created by {@code owner}. */
    /** A world of the test's user; answers its id. */
    protected long createWorld(String name) {
        return createWorldOf(user, name);
    }

    /** A world of a user no test knows; answers its id. */
    protected long createWorldOfAnotherUser() {
        return createWorldOf(Api.newUserId(), "Not yours");
    }

    protected long createWorldOf(long owner) {
        return createWorldOf(owner, "Not yours");
    }

    private long createWorldOf(long owner, String name) {
        Api.Reply created = api.post(WORLDS, object("name", name)).as(owner).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.id();
    }

    protected Graph createScene(long owner) {
        Api.Reply created = api.post(SCENES, GRAPH).as(owner).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonObject scene = created.json();
        Map<String, Long> nodes = new HashMap<>();
        scene.getJsonArray("nodes").getValuesAs(JsonObject.class)
                .forEach(n -> nodes.put(n.getString("key"), n.getJsonNumber("id").longValue()));
        Map<String, Long> edges = new HashMap<>();
        scene.getJsonArray("edges").getValuesAs(JsonObject.class)
                .forEach(e -> edges.put(e.getString("choice_label"), e.getJsonNumber("id").longValue()));
        return new Graph(created.id(), nodes, edges);
    }

    /** A world of the test's user named W. */
    protected long worldWithMeta(JsonObject meta) {
        Api.Reply world = api.post(WORLDS, object("name", "W", "meta", meta)).as(user).send();
        assertThat(world.status()).as(world.toString()).isEqualTo(201);
        return world.id();
    }

    /** Creates a session of the test's user on {@code scene}, with further fields as names and values. */
    protected Api.Reply createSession(Graph scene, Object... fields) {
        List<Object> body = new ArrayList<>(List.of("scene_id", scene.id()));
        body.addAll(List.of(fields));
        return api.post(SESSIONS, object(body.toArray())).as(user).send();
    }

    protected long newSession(Graph scene, Object... fields) {
        Api.Reply created = createSession(scene, fields);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.id();
    }

    protected Api.Reply patch(long session, JsonValue body) {
        return api.patch(SESSIONS + "/" + session, body).as(user).send();
    }

    protected JsonObject session(long id) {
        return api.get(SESSIONS + "/" + id).as(user).send().json();
    }

    protected List<JsonObject> events(long session) {
        return api.get(SESSIONS + "/" + session + "/events").as(user).send().json()
                .getJsonArray("events").getValuesAs(JsonObject.class);
    }

    protected static <T> List<T> concurrently(int count, Callable<T> call) throws Exception {
        return concurrently(count, call, null);
    }

    /** Runs {@code count} calls on as many threads; a latch, when given, is opened once all are queued. */
    protected static <T> List<T> concurrently(int count, Callable<T> call, CountDownLatch start) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(call));
            }
            if (start != null) {
                start.countDown();
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
