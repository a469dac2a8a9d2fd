package dev.storyworld.web;

import dev.storyworld.web.support.Api;
import dev.storyworld.web.support.Api.Reply;
import dev.storyworld.web.support.ServiceIT;
import dev.storyworld.web.support.TestDatabase;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import static dev.storyworld.web.support.JsonValues.array;
import static dev.storyworld.web.support.JsonValues.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every write that can meet the delete of what it writes to, raced hundreds of times against
 * PostgreSQL: the loser answers 404 (or another status the contract allows), never 500, and what
 * the two leave behind is whole.
 */
class RacesIT extends ServiceIT {

    private static final int ROUNDS = 200;
    private static final JsonObject SCENE = object("title", "Race", "entry", "a",
            "nodes", array(object("key", "a"), object("key", "b")),
            "edges", array(object("from", "a", "to", "b", "choice_label", "go")));

    /** What one round sets up: the ids both requests name. */
    private record Target(long world, long scene, long edge, long session) {
    }

    /** Two requests sent at once, and the statuses each may answer (with their error codes). */
    private record Race(String name, IntFunction<Target> setUp, Function<Target, Api.Call> first,
                        Map<Integer, String> firstMay, Function<Target, Api.Call> second, Map<Integer, String> secondMay) {
    }

    /** Rounds run four at a time; each round's two requests on threads of their own. */
    private ExecutorService rounds;
    private ExecutorService requests;

    @BeforeEach
    void startThreads() {
        rounds = Executors.newFixedThreadPool(4);
        requests = Executors.newFixedThreadPool(8);
    }

    @AfterEach
    void stopThreads() {
        rounds.shutdownNow();
        requests.shutdownNow();
    }

    private long world() {
        return api.post(WORLDS, object("name", "race")).as(user).send().id();
    }

    private Target scene(boolean withSession) {
        Reply scene = api.post(SCENES, SCENE).as(user).send();
        long edge = scene.json().getJsonArray("edges").getJsonObject(0).getJsonNumber("id").longValue();
        long world = world();
        long session = withSession ? api.post(SESSIONS, object("scene_id", scene.id(), "world_id", world))
                .as(user).send().id() : 0;
        return new Target(world, scene.id(), edge, session);
    }

    /** Runs the race {@link #ROUNDS} times; answers what went otherwise than allowed. */
    private List<String> run(Race race) {
        Map<String, Integer> outcomes = new ConcurrentSkipListMap<>();
        List<String> wrong = Collections.synchronizedList(new ArrayList<>());
        inRounds(round -> {
            Target target = race.setUp().apply(round);
            List<Reply> replies = atOnce(race.first().apply(target), race.second().apply(target));
            check(race.name(), replies.get(0), race.firstMay(), wrong);
            check(race.name(), replies.get(1), race.secondMay(), wrong);
            outcomes.merge(replies.get(0).status() + "/" + replies.get(1).status(), 1, Integer::sum);
        });
        System.out.printf("Race %s: %s%n", race.name(), outcomes);
        return wrong;
    }

    private void inRounds(IntConsumer round) {
        CompletableFuture.allOf(IntStream.range(0, ROUNDS)
                .mapToObj(i -> CompletableFuture.runAsync(() -> round.accept(i), rounds))
                .toArray(CompletableFuture[]::new)).join();
    }

    /** Sends both calls at the same moment, as far as two threads can. */
    private List<Reply> atOnce(Api.Call first, Api.Call second) {
        CyclicBarrier start = new CyclicBarrier(2);
        CompletableFuture<Reply> a = CompletableFuture.supplyAsync(() -> atOnce(start, first), requests);
        CompletableFuture<Reply> b = CompletableFuture.supplyAsync(() -> atOnce(start, second), requests);
        return List.of(a.join(), b.join());
    }

    private static Reply atOnce(CyclicBarrier start, Api.Call call) {
        try {
            start.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return call.send();
    }

    private static void check(String race, Reply reply, Map<Integer, String> allowed, List<String> wrong) {
        String error = reply.status() >= 400 ? reply.json().getString("error", null) : null;
        if (!allowed.containsKey(reply.status()) || error != null && !error.equals(allowed.get(reply.status()))) {
            wrong.add(race + ": " + reply);
        }
    }

    private Race versus(String name, Function<Target, Api.Call> write, Map<Integer, String> writeMay,
                        Function<Target, Api.Call> delete, boolean withSession) {
        IntFunction<Target> setUp = withSession ? round -> scene(true) : round -> new Target(world(), 0, 0, 0);
        return new Race(name, setUp, write, writeMay, delete, Map.of(204, ""));
    }

    @Test
    void sessionWritesRacingTheSessionsDeleteAnswer404() {
        Function<Target, Api.Call> delete = t -> api.delete(SESSIONS + "/" + t.session()).as(user);
        Map<Integer, String> okOrGone = Map.of(200, "", 404, "session_not_found");
        List<String> wrong = new ArrayList<>();
        wrong.addAll(run(versus("PATCH vs DELETE", t -> api.call("PATCH", SESSIONS + "/" + t.session())
                .json(object("world_time", 5, "flags", object("a", 1))).as(user), okOrGone, delete, true)));
        wrong.addAll(run(versus("PATCH at a version vs DELETE", t -> api.call("PATCH", SESSIONS + "/" + t.session())
                .json(object("world_time", 5, "expected_version", 1)).as(user), okOrGone, delete, true)));
        wrong.addAll(run(versus("advance vs DELETE", t -> api.post(SESSIONS + "/" + t.session() + "/advance",
                object("edge_id", t.edge())).as(user), okOrGone, delete, true)));
        wrong.addAll(run(versus("events vs DELETE", t -> api.get(SESSIONS + "/" + t.session() + "/events").as(user),
                okOrGone, delete, true)));
        assertThat(wrong).isEmpty();
        assertWhole();
    }

    @Test
    void worldWritesRacingTheWorldsDeleteAnswer404() {
        Function<Target, Api.Call> delete = t -> api.delete(WORLDS + "/" + t.world()).as(user);
        Map<Integer, String> okOrGone = Map.of(200, "", 404, "world_not_found");
        String world = WORLDS + "/";
        List<String> wrong = new ArrayList<>();
        wrong.addAll(run(versus("advance vs DELETE", t -> api.post(world + t.world() + "/advance",
                object("delta_seconds", 60)).as(user), okOrGone, delete, false)));
        wrong.addAll(run(versus("keyed advance vs DELETE", t -> api.post(world + t.world() + "/advance",
                object("delta_seconds", 60)).header("Idempotency-Key", "race-" + t.world()).as(user), okOrGone, delete,
                false)));
        wrong.addAll(run(versus("meta vs DELETE", t -> api.put(world + t.world() + "/meta",
                object("meta", object("relationship_schemas", object("default", array(object("id", "a", "min", 0))))))
                .as(user), okOrGone,
                delete, false)));
        wrong.addAll(run(versus("scheduler config vs DELETE", t -> api.put(world + t.world() + "/scheduler/config",
                object("timeScale", 2)).as(user), okOrGone, delete, false)));
        wrong.addAll(run(versus("pause vs DELETE", t -> api.post(world + t.world() + "/scheduler/pause", object())
                .as(user), okOrGone, delete, false)));
        assertThat(wrong).isEmpty();
        assertWhole();
    }

    @Test
    void sessionCreatesRacingTheScenesDeleteAnswer404OrKeepTheScene() {
        List<String> wrong = Collections.synchronizedList(new ArrayList<>());
        List<String> broken = Collections.synchronizedList(new ArrayList<>());
        inRounds(round -> {
            Target target = scene(false);
            List<Reply> replies = atOnce(api.post(SESSIONS, object("scene_id", target.scene())).as(user),
                    api.delete(SCENES + "/" + target.scene()).as(user));
            Reply created = replies.get(0);
            Reply deleted = replies.get(1);
            check("create vs scene DELETE", created, Map.of(201, "", 404, "scene_not_found"), wrong);
            check("scene DELETE vs create", deleted, Map.of(204, "", 409, "scene_in_use"), wrong);
            // Exactly one wins: a session exists and its scene was kept, or the scene went and no session exists.
            if ((created.status() == 201) == (deleted.status() == 204)) {
                broken.add(created + " / " + deleted);
            }
        });
        assertThat(wrong).isEmpty();
        assertThat(broken).as("both or neither of create and delete won").isEmpty();
        assertWhole();
    }

    /** Nothing half-written: every world has its clock, every session its first event and one event per version. */
    private static void assertWhole() {
        assertThat(TestDatabase.value("SELECT count(*) FROM game_worlds w WHERE NOT EXISTS"
                + " (SELECT 1 FROM game_world_states s WHERE s.world_id = w.id)")).isEqualTo(0L);
        // Retention keeps 5 events in these tests, so sessions past version 5 have lost their first ones.
        assertThat(TestDatabase.value("SELECT count(*) FROM game_sessions s WHERE s.version <= 5 AND NOT EXISTS"
                + " (SELECT 1 FROM game_session_events e WHERE e.session_id = s.id AND e.action = 'session_created')"))
                .isEqualTo(0L);
        assertThat(TestDatabase.value("SELECT count(*) FROM game_sessions s WHERE s.version <= 5 AND s.version <>"
                + " (SELECT count(*) FROM game_session_events e WHERE e.session_id = s.id)")).isEqualTo(0L);
    }
}
