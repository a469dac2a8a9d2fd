package dev.storyworld.web;

import dev.storyworld.web.support.Api;
import dev.storyworld.web.support.Api.Reply;
import dev.storyworld.web.support.ExternalProcess;
import dev.storyworld.web.support.ServiceIT;
import dev.storyworld.web.support.TestDatabase;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static dev.storyworld.web.support.JsonValues.array;
import static dev.storyworld.web.support.JsonValues.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions, black box: create, read, list and delete; advance along the scene's edges; PATCH with
 * versions, normalization of relationships by the default rules or the linked world's schemas, and
 * the turn rule.
 */
class SessionsIT extends ServiceIT {

    private static final String VERSION_CONFLICTS = "storyworld_version_conflicts_total(?:\\{[^}]*\\})?";

    private static JsonObject relationships(String npc, Object... axes) {
        return object("relationships", object(npc, object(axes)));
    }

    private static JsonObject worldKind(Object... world) {
        return object("sessionKind", "world", "world", object(world));
    }

    // ---- create, read, list, delete

    @Test
    void aSessionStartsAtTheEntryNodeWithItsCreatedEvent() {
        Graph graph = createScene(user);
        long world = worldWithMeta(object());

        Reply created = createSession(graph, "world_id", world, "flags", object("sessionKind", "scene"));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith("/" + SESSIONS + "/" + created.id());
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        JsonObject session = created.json();
        assertThat(session.getJsonNumber("user_id").longValue()).isEqualTo(user);
        assertThat(session.getJsonNumber("scene_id").longValue()).isEqualTo(graph.id());
        assertThat(session.getJsonNumber("current_node_id").longValue()).isEqualTo(graph.nodes().get("start"));
        assertThat(session.getJsonNumber("world_id").longValue()).isEqualTo(world);
        assertThat(session.getJsonObject("flags").toString()).isEqualTo("{\"sessionKind\":\"scene\"}");
        assertThat(session.getJsonObject("relationships")).isEmpty();
        assertThat(session.getInt("version")).isEqualTo(1);
        assertThat(session.getJsonNumber("world_time").doubleValue()).isZero();

        Reply read = api.get(SESSIONS + "/" + created.id()).as(user).send();
        assertThat(read.json()).isEqualTo(session);
        assertThat(read.header("ETag")).isEqualTo("\"1\"");

        List<JsonObject> events = events(created.id());
        assertThat(events).hasSize(1);
        assertThat(events.get(0).getString("action")).isEqualTo("session_created");
        assertThat(events.get(0).getJsonNumber("node_id").longValue()).isEqualTo(graph.nodes().get("start"));
        assertThat(events.get(0).getJsonObject("diff").getJsonNumber("scene_id").longValue()).isEqualTo(graph.id());
    }

    @Test
    void creatingASessionChecksTheSceneAndTheWorld() {
        Graph graph = createScene(user);
        long foreignWorld = api.post(WORLDS, object("name", "theirs")).as(Api.newUserId()).send().id();

        assertProblem(api.post(SESSIONS, object("scene_id", 999999999)).as(user).send(), 404, "scene_not_found");
        assertProblem(createSession(graph, "world_id", 999999999), 404, "world_not_found");
        assertProblem(createSession(graph, "world_id", foreignWorld), 403, "world_access_denied");
        assertProblem(api.post(SESSIONS, object()).as(user).send(), 400, "invalid_request");
        assertProblem(api.post(SESSIONS, object("scene_id", 0)).as(user).send(), 400, "invalid_id");
        assertProblem(createSession(graph, "flags", array(1)), 400, "invalid_request");
        // Not positive integers, though a lax binding reads them as 1, 7, a wrapped-around long, -3.
        for (Object id : List.of(1.5, "7", new java.math.BigDecimal("1e30"), -3, true, object())) {
            assertProblem(api.post(SESSIONS, object("scene_id", id)).as(user).send(), 400, "invalid_id");
            assertProblem(createSession(graph, "world_id", id), 400, "invalid_id");
        }

        assertThat(api.get(SESSIONS).as(user).send().json().getJsonArray("sessions")).isEmpty();
    }

    @Test
    void numberFieldsTakeNumbersOnlyAndIdsPositiveIntegersOnly() {
        Graph graph = createScene(user);
        long session = newSession(graph);
        long edge = graph.edges().values().iterator().next();

        for (JsonObject body : List.of(object("world_time", "5"), object("expected_version", 1.5),
                object("expected_version", "1"), object("expected_version", new java.math.BigDecimal("1e30")))) {
            assertProblem(patch(session, body), 400, "invalid_request");
        }
        for (Object id : List.of(new java.math.BigDecimal(edge + ".5"), String.valueOf(edge),
                new java.math.BigDecimal("1e30"))) {
            assertProblem(api.post(SESSIONS + "/" + session + "/advance", object("edge_id", id)).as(user).send(),
                    400, "invalid_id");
        }
        assertProblem(api.post(SCENES, object("title", "x", "entry", "a", "nodes", array(object("key", "a")),
                "edges", array(object("from", "a", "to", "a", "choice_label", "go", "cooldown_sec", 1.5))))
                .as(user).send(), 400, "invalid_request");

        JsonObject unchanged = session(session);
        assertThat(unchanged.getJsonNumber("version").longValue()).isEqualTo(1);
        assertThat(unchanged.getJsonNumber("world_time").doubleValue()).isZero();
        assertThat(events(session)).hasSize(1);
    }

    @Test
    void pathIdsOfScenesAndSessionsMustBePositiveIntegers() {
        for (String id : List.of("0", "-1", "abc", "1.5", "99999999999999999999")) {
            List<Reply> replies = List.of(
                    api.get(SCENES + "/" + id).as(user).send(),
                    api.delete(SCENES + "/" + id).as(user).send(),
                    api.get(SESSIONS + "/" + id).as(user).send(),
                    api.patch(SESSIONS + "/" + id, object()).as(user).send(),
                    api.post(SESSIONS + "/" + id + "/advance", object("edge_id", 1)).as(user).send(),
                    api.get(SESSIONS + "/" + id + "/events").as(user).send(),
                    api.delete(SESSIONS + "/" + id).as(user).send());
            replies.forEach(reply -> assertProblem(reply, 400, "invalid_id"));
        }
    }

    @Test
    void aWorldDeletedWhileASessionIsCreatedOnItIsNotFoundAndNothingIsStored() throws Exception {
        Graph graph = createScene(user);
        long world = worldWithMeta(object());
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            // The create checks the world, then its insert waits for the uncommitted delete of it.
            String deleteWorld = "DELETE FROM game_worlds WHERE id = ?";
            Future<Reply> create = TestDatabase.holding(deleteWorld, new Object[] {world}, () -> {
                Future<Reply> started = pool.submit(() -> createSession(graph, "world_id", world));
                ExternalProcess.awaitTrue("the create waiting for the deleted world's row", Duration.ofSeconds(30),
                        TestDatabase::someoneWaitsForALock);
                return started;
            });
            assertProblem(create.get(30, TimeUnit.SECONDS), 404, "world_not_found");
        } finally {
            pool.shutdownNow();
        }
        assertThat(api.get(SESSIONS).as(user).send().json().getJsonArray("sessions")).isEmpty();
    }

    @Test
    void sessionsAreListedNewestFirstByCursor() {
        Graph graph = createScene(user);
        List<Long> ids = IntStream.range(0, 5).mapToObj(i -> newSession(graph)).toList();

        List<Long> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Reply page = api.get(SESSIONS + "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor)).as(user).send();
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().getJsonArray("sessions").getValuesAs(JsonObject.class)
                    .forEach(s -> seen.add(s.getJsonNumber("id").longValue()));
            cursor = page.json().isNull("next_cursor") ? null : page.json().getString("next_cursor");
            pages++;
        } while (cursor != null);

        List<Long> newestFirst = new ArrayList<>(ids);
        Collections.reverse(newestFirst);
        assertThat(seen).containsExactlyElementsOf(newestFirst);
        assertThat(pages).isEqualTo(3);
        String foreignCursor = api.get(SESSIONS + "?limit=1").as(user).send().json().getString("next_cursor");
        assertProblem(api.get(SESSIONS + "?cursor=" + foreignCursor).as(Api.newUserId()).send(), 400, "invalid_cursor");
        assertProblem(api.get(SESSIONS + "?cursor=" + foreignCursor + "x").as(user).send(), 400, "invalid_cursor");
    }

    @Test
    void anotherUsersSessionIsNotFoundOnEveryVerb() {
        Graph graph = createScene(user);
        long session = newSession(graph);
        long stranger = Api.newUserId();

        List<Reply> replies = List.of(
                api.get(SESSIONS + "/" + session).as(stranger).send(),
                api.patch(SESSIONS + "/" + session, object("world_time", 5)).as(stranger).send(),
                api.post(SESSIONS + "/" + session + "/advance", object("edge_id", graph.edges().get("a")))
                        .as(stranger).send(),
                api.get(SESSIONS + "/" + session + "/events").as(stranger).send(),
                api.delete(SESSIONS + "/" + session).as(stranger).send());

        assertThat(replies).allSatisfy(reply -> assertProblem(reply, 404, "session_not_found"));
        JsonObject untouched = session(session);
        assertThat(untouched.getInt("version")).isEqualTo(1);
        assertThat(untouched.getJsonNumber("current_node_id").longValue()).isEqualTo(graph.nodes().get("start"));
    }

    // ---- advance

    @Test
    void advanceFollowsAnEdgeOfTheCurrentNode() {
        Graph graph = createScene(user);
        long session = newSession(graph);

        Reply moved = api.post(SESSIONS + "/" + session + "/advance", object("edge_id", graph.edges().get("a")))
                .as(user).send();

        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.json().getJsonNumber("current_node_id").longValue()).isEqualTo(graph.nodes().get("middle"));
        assertThat(moved.json().getInt("version")).isEqualTo(2);
        assertThat(moved.header("ETag")).isEqualTo("\"2\"");
        JsonObject event = events(session).get(0);
        assertThat(event.getString("action")).isEqualTo("advance");
        assertThat(event.getJsonNumber("edge_id").longValue()).isEqualTo(graph.edges().get("a"));
        assertThat(event.getJsonNumber("node_id").longValue()).isEqualTo(graph.nodes().get("middle"));
        assertThat(event.getJsonObject("diff").toString()).isEqualTo("{\"from_node_id\":" + graph.nodes().get("start")
                + ",\"to_node_id\":" + graph.nodes().get("middle") + "}");
    }

    /** A step waits for the session's row at most the contract's 3 s, then answers 409 session_busy. */
    @Test
    void anAdvanceKeptWaitingForTheSessionsRowIsBusyAndChangesNothing() throws Exception {
        Graph graph = createScene(user);
        long session = newSession(graph);

        long started = System.nanoTime();
        Reply busy = TestDatabase.holding("UPDATE game_sessions SET updated_at = updated_at WHERE id = ?",
                new Object[] {session},
                () -> api.post(SESSIONS + "/" + session + "/advance", object("edge_id", graph.edges().get("a")))
                        .as(user).send());
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertProblem(busy, 409, "session_busy");
        assertThat(waitedMillis).as("how long the step waited for the row, ms").isBetween(2_900L, 15_000L);
        JsonObject untouched = session(session);
        assertThat(untouched.getInt("version")).isEqualTo(1);
        assertThat(untouched.getJsonNumber("current_node_id").longValue()).isEqualTo(graph.nodes().get("start"));
        assertThat(events(session)).hasSize(1);
    }

    @Test
    void advanceRefusesEdgesThatDoNotLeaveTheCurrentNode() {
        Graph graph = createScene(user);
        Graph other = createScene(user);
        long session = newSession(graph);

        for (long edge : List.of(graph.edges().get("b"), other.edges().get("a"), 999_999_999L)) {
            assertProblem(api.post(SESSIONS + "/" + session + "/advance", object("edge_id", edge)).as(user).send(),
                    400, "invalid_edge_for_current_node");
        }
        Reply fromElsewhere = api.post(SESSIONS + "/" + session + "/advance", object("edge_id", graph.edges().get("b")))
                .as(user).send();
        assertThat(fromElsewhere.json().getString("detail")).isEqualTo("Edge " + graph.edges().get("b")
                + " leaves node " + graph.nodes().get("middle") + ", not the current node; the session is at node "
                + graph.nodes().get("start"));
        assertProblem(api.post(SESSIONS + "/" + session + "/advance", object()).as(user).send(), 400, "invalid_request");
        assertThat(session(session).getInt("version")).isEqualTo(1);
        assertThat(events(session)).hasSize(1);
    }

    @Test
    void twelveConcurrentAdvancesAlongOneEdgeLetExactlyOneThrough() throws Exception {
        Graph graph = createScene(user);
        long session = newSession(graph);
        JsonObject body = object("edge_id", graph.edges().get("a"));

        List<Integer> statuses = concurrently(12,
                () -> api.post(SESSIONS + "/" + session + "/advance", body).as(user).send().status());

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 400).hasSize(11);
        assertThat(session(session).getInt("version")).isEqualTo(2);
        assertThat(events(session)).extracting(e -> e.getString("action")).containsExactly("advance", "session_created");
    }

    // ---- patch

    @Test
    void patchNormalizesRelationshipsWithTheDefaultRules() {
        long session = newSession(createScene(user));

        Reply patched = patch(session, object("relationships", object(
                "npc:12", object("affinity", 72, "trust", 55, "chemistry", 40, "tension", 10,
                        "flags", object("met", true)),
                "npc:13", object("affinity", 150, "chemistry", 90, "trust", 70),
                "player", object("mood", "x")), "expected_version", 1));

        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        JsonObject relationships = patched.json().getJsonObject("relationships");
        assertThat(relationships.getJsonObject("npc:12").getString("tierId")).isEqualTo("close_friend");
        assertThat(relationships.getJsonObject("npc:12").getString("intimacyLevelId")).isEqualTo("deep_flirt");
        assertThat(relationships.getJsonObject("npc:12").getJsonObject("flags").getBoolean("met")).isTrue();
        assertThat(relationships.getJsonObject("npc:13").getString("tierId")).isEqualTo("lover");
        assertThat(relationships.getJsonObject("npc:13").getString("intimacyLevelId")).isEqualTo("very_intimate");
        assertThat(relationships.getJsonObject("player").toString()).isEqualTo("{\"mood\":\"x\"}");
        assertThat(patched.json().getInt("version")).isEqualTo(2);
        assertThat(patched.header("ETag")).isEqualTo("\"2\"");
        assertThat(session(session).getJsonObject("relationships")).isEqualTo(relationships);
        assertThat(events(session).get(0).getJsonObject("diff").toString()).isEqualTo("{\"relationships_updated\":true}");
    }

    /** The default tiers (docs/origin.md), as a client would compute them. */
    private static String defaultTier(int affinity) {
        return affinity >= 80 ? "lover" : affinity >= 60 ? "close_friend" : affinity >= 30 ? "friend"
                : affinity >= 10 ? "acquaintance" : "stranger";
    }

    @Test
    void concurrentReadersAndWritersNeverSeeTiersThatDisagreeWithTheAxes() throws Exception {
        long session = newSession(createScene(user));
        long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        List<String> mismatches = Collections.synchronizedList(new ArrayList<>());

        List<Integer> answers = concurrently(8, () -> {
            int checked = 0;
            Random random = new Random();
            while (System.nanoTime() < until) {
                Reply reply = random.nextBoolean()
                        ? patch(session, relationships("npc:1", "affinity", random.nextInt(101)))
                        : api.get(SESSIONS + "/" + session).as(user).send();
                JsonObject npc = reply.json().getJsonObject("relationships").getJsonObject("npc:1");
                if (npc != null) {
                    int affinity = npc.getInt("affinity");
                    if (!defaultTier(affinity).equals(npc.getString("tierId"))) {
                        mismatches.add(reply.toString());
                    }
                    checked++;
                }
            }
            return checked;
        });

        assertThat(mismatches).isEmpty();
        assertThat(answers.stream().mapToInt(Integer::intValue).sum()).isGreaterThan(20);
    }

    @Test
    void relationshipsFollowTheLinkedWorldsSchemas() {
        long world = worldWithMeta(object(
                "relationship_schemas", object("default", array(object("id", "cold", "min", 0, "max", 50),
                        object("id", "warm", "min", 50, "max", null))),
                "intimacy_schema", object("levels", array(object("id", "spark", "minChemistry", 30)))));
        long session = newSession(createScene(user), "world_id", world);

        Reply patched = patch(session, object("relationships", object("npc:1", object("affinity", 50, "chemistry", 31),
                "npc:2", object("affinity", 51))));

        JsonObject relationships = patched.json().getJsonObject("relationships");
        assertThat(relationships.getJsonObject("npc:1").getString("tierId")).isEqualTo("cold");
        assertThat(relationships.getJsonObject("npc:1").getString("intimacyLevelId")).isEqualTo("spark");
        assertThat(relationships.getJsonObject("npc:2").getString("tierId")).isEqualTo("warm");
        assertThat(relationships.getJsonObject("npc:2").isNull("intimacyLevelId")).isTrue();
        assertThat(session(session).getJsonObject("relationships")).isEqualTo(relationships);
    }

    @Test
    void sessionsOfTheWorldSeeItsNewSchemasAtOnce() {
        long world = worldWithMeta(object("relationship_schemas", object("default", array(
                object("id", "low", "min", 0, "max", 60), object("id", "high", "min", 60)))));
        Reply scene = api.post(SCENES, object("title", "s", "entry", "a", "nodes", array(object("key", "a"))))
                .as(user).send();
        assertThat(scene.status()).as(scene.toString()).isEqualTo(201);
        Reply session = api.post(SESSIONS, object("scene_id", scene.id(), "world_id", world)).as(user).send();
        assertThat(session.status()).as(session.toString()).isEqualTo(201);
        String sessionPath = SESSIONS + "/" + session.id();
        Reply patched = api.patch(sessionPath, relationships("npc:1", "affinity", 50)).as(user).send();
        assertThat(tierOf(patched)).as(patched.toString()).isEqualTo("low");

        api.put(WORLDS + "/" + world + "/meta", object("meta", object("relationship_schemas", object("default", array(
                object("id", "cold", "min", 0, "max", 40), object("id", "warm", "min", 40)))))).as(user).send();

        assertThat(tierOf(api.get(sessionPath).as(user).send())).isEqualTo("warm");
    }

    private static String tierOf(Reply session) {
        return session.json().getJsonObject("relationships").getJsonObject("npc:1").getString("tierId");
    }

    @Test
    void aDeletedWorldLeavesItsSessionsRunningOnTheDefaultRules() {
        long world = worldWithMeta(object("relationship_schemas",
                object("default", array(object("id", "only", "min", 0)))));
        long session = newSession(createScene(user), "world_id", world);
        patch(session, relationships("npc:1", "affinity", 85));
        assertThat(session(session).getJsonObject("relationships").getJsonObject("npc:1").getString("tierId"))
                .isEqualTo("only");

        assertThat(api.delete(WORLDS + "/" + world).as(user).send().status()).isEqualTo(204);

        JsonObject orphan = session(session);
        assertThat(orphan.isNull("world_id")).isTrue();
        assertThat(orphan.getJsonObject("relationships").getJsonObject("npc:1").getString("tierId")).isEqualTo("lover");
        assertThat(patch(session, object("world_time", 5)).status()).isEqualTo(200);
    }

    @Test
    void aPatchThatChangesNothingKeepsTheVersionAndWritesNoEvent() {
        long session = newSession(createScene(user), "flags", object("a", 1, "b", array(true, null)));
        Reply first = patch(session, relationships("npc:1", "affinity", 20));
        JsonObject normalized = first.json().getJsonObject("relationships");

        // The same flags in another key order and number scale.
        Reply same = patch(session, object("flags", object("b", array(true, null), "a", 1.0), "world_time", 0,
                "relationships", normalized));

        assertThat(same.status()).as(same.toString()).isEqualTo(200);
        assertThat(same.json().getInt("version")).isEqualTo(2);
        assertThat(events(session)).hasSize(2);
    }

    @Test
    void aStaleVersionIsAConflictCarryingTheCurrentSession() {
        long session = newSession(createScene(user));
        patch(session, relationships("npc:7", "affinity", 85));

        for (Reply stale : List.of(patch(session, object("world_time", 10, "expected_version", 1)),
                api.patch(SESSIONS + "/" + session, object("world_time", 10)).header("If-Match", "\"1\"")
                        .as(user).send())) {
            assertProblem(stale, 409, "version_conflict");
            JsonObject current = stale.json().getJsonObject("current_session");
            assertThat(current.getInt("version")).isEqualTo(2);
            assertThat(current.getJsonObject("relationships").getJsonObject("npc:7").getString("tierId")).isEqualTo("lover");
        }
        Reply matching = api.patch(SESSIONS + "/" + session, object("world_time", 10))
                .header("If-Match", "\"2\"").as(user).send();
        assertThat(matching.status()).isEqualTo(200);
        assertThat(matching.json().getInt("version")).isEqualTo(3);
        assertProblem(api.patch(SESSIONS + "/" + session, object("world_time", 11, "expected_version", 3))
                .header("If-Match", "\"2\"").as(user).send(), 400, "invalid_request");
        // A weak tag never matches (strong comparison): the answer says so rather than blaming another writer.
        Reply weak = api.patch(SESSIONS + "/" + session, object("world_time", 11)).header("If-Match", "W/\"3\"")
                .as(user).send();
        assertProblem(weak, 409, "version_conflict");
        assertThat(weak.json().getString("detail")).contains("weak").contains("\"3\"")
                .doesNotContain("another request");
    }

    @Test
    void twentyConcurrentPatchesWithOneVersionLetExactlyOneThrough() throws Exception {
        long session = newSession(createScene(user));
        long conflictsBefore = api.counter(VERSION_CONFLICTS);
        CountDownLatch ready = new CountDownLatch(1);

        List<Integer> statuses = concurrently(20, () -> {
            ready.await();
            long me = Thread.currentThread().getId();
            return patch(session, object("flags", object("writer", me), "expected_version", 1)).status();
        }, ready);

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(19);
        assertThat(session(session).getInt("version")).isEqualTo(2);
        assertThat(api.counter(VERSION_CONFLICTS) - conflictsBefore).isEqualTo(19);
    }

    @Test
    void invalidRelationshipsAreRefusedBeforeAnythingIsStored() {
        long session = newSession(createScene(user));
        Map<JsonObject, String> refusals = Map.of(
                object("relationships", object("npc:1", 5)), "relationships.npc:1",
                relationships("npc:1", "affinity", "high"), "relationships.npc:1.affinity",
                relationships("npc:1", "trust", true), "relationships.npc:1.trust");
        refusals.forEach((body, field) -> {
            Reply refused = patch(session, body);
            assertProblem(refused, 400, "invalid_relationships");
            assertThat(refused.json().getJsonArray("violations").getJsonObject(0).getString("field")).isEqualTo(field);
        });
        // A number no double holds: number text JSON-P does not write.
        assertProblem(api.call("PATCH", SESSIONS + "/" + session).json("{\"world_time\":1e999}").as(user).send(),
                400, "invalid_request");
        assertProblem(patch(session, object("flags", 5)), 400, "invalid_request");
        assertThat(session(session).getInt("version")).isEqualTo(1);
    }

    @Test
    void turnBasedSessionsMoveByNothingOrExactlyOneTurn() {
        long session = newSession(createScene(user), "flags", worldKind("mode", "turn_based"));

        Reply halfTurn = patch(session, object("world_time", 1800));
        assertProblem(halfTurn, 400, "turn_based_validation_failed");
        assertThat(halfTurn.json().getString("detail")).isEqualTo("expected delta of 3600s, got 1800.0s");
        assertProblem(patch(session, object("world_time", 7200)), 400, "turn_based_validation_failed");
        assertProblem(patch(session, object("world_time", -3600)), 400, "turn_based_validation_failed");

        assertThat(patch(session, object("world_time", 0)).status()).isEqualTo(200);
        assertThat(patch(session, object("world_time", 3600.0005)).json().getJsonNumber("world_time").doubleValue())
                .isEqualTo(3600.0005);
        assertThat(patch(session, object("world_time", 7200.0005)).status()).isEqualTo(200);
        assertProblem(patch(session, object("world_time", 10800.002)), 400, "turn_based_validation_failed");

        long custom = newSession(createScene(user), "flags", worldKind("mode", "turn_based", "turnDeltaSeconds", 600));
        assertThat(patch(custom, object("world_time", 600)).status()).isEqualTo(200);
        assertThat(patch(custom, object("world_time", 900)).json().getString("detail"))
                .isEqualTo("expected delta of 600s, got 300.0s");

        long realTime = newSession(createScene(user), "flags", worldKind("mode", "real_time"));
        assertThat(patch(realTime, object("world_time", 1234.5)).status()).isEqualTo(200);
        assertThat(patch(realTime, object("world_time", 5)).status()).isEqualTo(200);

        // The flags sent with the change are the ones that decide.
        assertThat(patch(realTime, object("world_time", 905, "flags", worldKind("mode", "turn_based"))).error())
                .isEqualTo("turn_based_validation_failed");
        assertThat(patch(session, object("world_time", 100, "flags", object("sessionKind", "scene"))).status())
                .isEqualTo(200);
    }
}
