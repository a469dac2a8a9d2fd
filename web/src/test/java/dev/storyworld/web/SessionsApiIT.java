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
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenes and sessions, black box, on the packaged WAR against real PostgreSQL. This deployment
 * keeps 5 events per session (STORYWORLD_EVENTS_KEEP_PER_SESSION in web/pom.xml).
 */
class SessionsApiIT extends ServiceIT {

    private static final String SCENES = "api/v1/game/scenes";
    private static final String SESSIONS = "api/v1/game/sessions";
    private static final int KEEP_PER_SESSION = 5;
    private static final String VERSION_CONFLICTS = "storyworld_version_conflicts_total(?:\\{[^}]*\\})?";
    private static final String REMOVED_BY_RETENTION = "storyworld_events_removed_total\\{[^}]*reason=\"retention\"[^}]*\\}";

    /** start -a-> middle -b-> end, and start -c-> end. */
    private static final String GRAPH = """
            {"title":"Harbor","description":"At the docks","meta":{"mood":"calm"},"entry":"start",
             "nodes":[{"key":"start","label":"Start","asset_id":9,"loopable":true,"reveal_choices_at_sec":1.5,"meta":{"x":1}},
                      {"key":"middle"},{"key":"end","skippable":true}],
             "edges":[{"from":"start","to":"middle","choice_label":"a","weight":2.5,"reveal_at_sec":3,"cooldown_sec":10,
                       "conditions":[{"key":"k","op":"eq","value":1}],"effects":{"gold":5}},
                      {"from":"middle","to":"end","choice_label":"b"},
                      {"from":"start","to":"end","choice_label":"c"}]}""";


    /** A scene's node ids by key and edge ids by choice label. */
    private record Graph(long id, Map<String, Long> nodes, Map<String, Long> edges) {
    }

    private Graph createScene(long owner) {
        Reply created = api.post(SCENES, GRAPH).as(owner).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonObject scene = created.json();
        Map<String, Long> nodes = new java.util.HashMap<>();
        scene.getJsonArray("nodes").getValuesAs(JsonObject.class)
                .forEach(n -> nodes.put(n.getString("key"), n.getJsonNumber("id").longValue()));
        Map<String, Long> edges = new java.util.HashMap<>();
        scene.getJsonArray("edges").getValuesAs(JsonObject.class)
                .forEach(e -> edges.put(e.getString("choice_label"), e.getJsonNumber("id").longValue()));
        return new Graph(created.id(), nodes, edges);
    }

    private Reply createSession(Graph scene, String extra) {
        return api.post(SESSIONS, "{\"scene_id\":" + scene.id() + extra + "}").as(user).send();
    }

    private long newSession(Graph scene, String extra) {
        Reply created = createSession(scene, extra);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.id();
    }

    private Reply patch(long session, String body) {
        return api.call("PATCH", SESSIONS + "/" + session).json(body).as(user).send();
    }

    private JsonObject session(long id) {
        return api.get(SESSIONS + "/" + id).as(user).send().json();
    }

    private List<JsonObject> events(long session) {
        return api.get(SESSIONS + "/" + session + "/events").as(user).send().json()
                .getJsonArray("events").getValuesAs(JsonObject.class);
    }

    private long worldWithMeta(String meta) {
        Reply world = api.post("api/v1/game/worlds", "{\"name\":\"W\",\"meta\":" + meta + "}").as(user).send();
        assertThat(world.status()).as(world.toString()).isEqualTo(201);
        return world.id();
    }

    // ---- scenes

    @Test
    void aSceneIsCreatedWholeAndReadBackWithIds() {
        Graph graph = createScene(user);

        Reply read = api.get(SCENES + "/" + graph.id()).as(Api.newUserId()).send();

        assertThat(read.status()).isEqualTo(200);
        JsonObject scene = read.json();
        assertThat(scene.getString("title")).isEqualTo("Harbor");
        assertThat(scene.getString("description")).isEqualTo("At the docks");
        assertThat(scene.getJsonObject("meta").getString("mood")).isEqualTo("calm");
        assertThat(scene.getJsonNumber("entry_node_id").longValue()).isEqualTo(graph.nodes().get("start"));
        JsonObject start = scene.getJsonArray("nodes").getJsonObject(0);
        assertThat(start.getString("label")).isEqualTo("Start");
        assertThat(start.getJsonNumber("asset_id").longValue()).isEqualTo(9);
        assertThat(start.getBoolean("loopable")).isTrue();
        assertThat(start.getBoolean("skippable")).isFalse();
        assertThat(start.getJsonNumber("reveal_choices_at_sec").doubleValue()).isEqualTo(1.5);
        JsonObject a = scene.getJsonArray("edges").getJsonObject(0);
        assertThat(a.getJsonNumber("from_node_id").longValue()).isEqualTo(graph.nodes().get("start"));
        assertThat(a.getJsonNumber("to_node_id").longValue()).isEqualTo(graph.nodes().get("middle"));
        assertThat(a.getJsonNumber("weight").doubleValue()).isEqualTo(2.5);
        assertThat(a.getInt("cooldown_sec")).isEqualTo(10);
        assertThat(a.getJsonArray("conditions").toString()).isEqualTo("[{\"key\":\"k\",\"op\":\"eq\",\"value\":1}]");
        assertThat(a.getJsonObject("effects").getInt("gold")).isEqualTo(5);
        assertThat(scene.getJsonArray("edges").getJsonObject(1).getJsonNumber("weight").doubleValue()).isEqualTo(1.0);
    }

    @Test
    void inconsistentGraphsAreRefusedAndNothingIsStored() {
        Map<String, String> refusals = Map.of(
                "{\"title\":\"x\",\"entry\":\"a\",\"nodes\":[{\"key\":\"a\"},{\"key\":\"a\"}]}", "nodes[1].key",
                "{\"title\":\"x\",\"entry\":\"z\",\"nodes\":[{\"key\":\"a\"}]}", "entry",
                "{\"title\":\"x\",\"entry\":\"a\",\"nodes\":[{\"key\":\"a\"}],\"edges\":[{\"from\":\"a\",\"to\":\"q\",\"choice_label\":\"go\"}]}", "edges[0].to",
                "{\"title\":\"x\",\"entry\":\"a\",\"nodes\":[]}", "nodes",
                "{\"title\":\"\",\"entry\":\"a\",\"nodes\":[{\"key\":\"a\"}]}", "title",
                "{\"title\":\"x\",\"entry\":\"a\",\"nodes\":[{\"key\":\"a\"}],\"edges\":[{\"from\":\"a\",\"to\":\"a\",\"choice_label\":\"go\",\"weight\":1e999}]}", "edges[0].weight",
                "{\"title\":\"x\",\"entry\":\"a\",\"nodes\":[{\"key\":\"a\"}],\"edges\":[{\"from\":\"a\",\"to\":\"a\"}]}", "edges[0].choice_label");
        refusals.forEach((body, field) -> {
            Reply refused = api.post(SCENES, body).as(user).send();
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.error()).isEqualTo("invalid_request");
            assertThat(refused.json().getJsonArray("violations").getValuesAs(JsonObject.class))
                    .extracting(v -> v.getString("field")).as(body).contains(field);
        });
    }

    @Test
    void scenesAreBoundedInSize() {
        StringBuilder nodes = new StringBuilder();
        for (int i = 0; i <= 10_000; i++) {
            nodes.append(i == 0 ? "" : ",").append("{\"key\":\"n").append(i).append("\"}");
        }
        Reply refused = api.post(SCENES, "{\"title\":\"big\",\"entry\":\"n1\",\"nodes\":[" + nodes + "]}").as(user).send();
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.json().getJsonArray("violations").getJsonObject(0).getString("field")).isEqualTo("nodes");
    }

    @Test
    void onlyTheCreatorDeletesASceneAndOnlyWhenNoSessionPlaysIt() {
        Graph graph = createScene(user);
        long session = newSession(graph, "");

        Reply foreign = api.delete(SCENES + "/" + graph.id()).as(Api.newUserId()).send();
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.error()).isEqualTo("scene_not_found");
        Reply inUse = api.delete(SCENES + "/" + graph.id()).as(user).send();
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.error()).isEqualTo("scene_in_use");

        assertThat(api.delete(SESSIONS + "/" + session).as(user).send().status()).isEqualTo(204);
        assertThat(api.delete(SCENES + "/" + graph.id()).as(user).send().status()).isEqualTo(204);
        assertThat(api.get(SCENES + "/" + graph.id()).as(user).send().error()).isEqualTo("scene_not_found");
    }

    // ---- sessions: create, read, list, delete

    @Test
    void aSessionStartsAtTheEntryNodeWithItsCreatedEvent() {
        Graph graph = createScene(user);
        long world = worldWithMeta("{}");

        Reply created = createSession(graph, ",\"world_id\":" + world + ",\"flags\":{\"sessionKind\":\"scene\"}");

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
        long foreignWorld = api.post("api/v1/game/worlds", "{\"name\":\"theirs\"}").as(Api.newUserId()).send().id();

        assertProblem(api.post(SESSIONS, "{\"scene_id\":999999999}").as(user).send(), 404, "scene_not_found");
        assertProblem(createSession(graph, ",\"world_id\":999999999"), 404, "world_not_found");
        assertProblem(createSession(graph, ",\"world_id\":" + foreignWorld), 403, "world_access_denied");
        assertProblem(api.post(SESSIONS, "{}").as(user).send(), 400, "invalid_request");
        assertProblem(api.post(SESSIONS, "{\"scene_id\":0}").as(user).send(), 400, "invalid_id");
        assertProblem(createSession(graph, ",\"flags\":[1]"), 400, "invalid_request");
        // Not positive integers, though a lax binding reads them as 1, 7, a wrapped-around long, -3.
        for (String id : List.of("1.5", "\"7\"", "1e30", "-3", "true", "{}")) {
            assertProblem(api.post(SESSIONS, "{\"scene_id\":" + id + "}").as(user).send(), 400, "invalid_id");
            assertProblem(createSession(graph, ",\"world_id\":" + id), 400, "invalid_id");
        }

        assertThat(api.get(SESSIONS).as(user).send().json().getJsonArray("sessions")).isEmpty();
    }

    @Test
    void numberFieldsTakeNumbersOnlyAndIdsPositiveIntegersOnly() {
        Graph graph = createScene(user);
        long session = newSession(graph, "");
        long edge = graph.edges().values().iterator().next();

        for (String body : List.of("{\"world_time\":\"5\"}", "{\"expected_version\":1.5}",
                "{\"expected_version\":\"1\"}", "{\"expected_version\":1e30}")) {
            assertProblem(patch(session, body), 400, "invalid_request");
        }
        for (String id : List.of(edge + ".5", "\"" + edge + "\"", "1e30")) {
            assertProblem(api.post(SESSIONS + "/" + session + "/advance", "{\"edge_id\":" + id + "}").as(user).send(),
                    400, "invalid_id");
        }
        assertProblem(api.post(SCENES, "{\"title\":\"x\",\"entry\":\"a\",\"nodes\":[{\"key\":\"a\"}],"
                + "\"edges\":[{\"from\":\"a\",\"to\":\"a\",\"choice_label\":\"go\",\"cooldown_sec\":1.5}]}")
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
                    api.call("PATCH", SESSIONS + "/" + id).json("{}").as(user).send(),
                    api.post(SESSIONS + "/" + id + "/advance", "{\"edge_id\":1}").as(user).send(),
                    api.get(SESSIONS + "/" + id + "/events").as(user).send(),
                    api.delete(SESSIONS + "/" + id).as(user).send());
            replies.forEach(reply -> assertProblem(reply, 400, "invalid_id"));
        }
    }

    @Test
    void theSessionListPagesTwentyByDefaultAndAtMostAHundred() {
        Graph graph = createScene(user);
        IntStream.range(0, 101).forEach(i -> newSession(graph, ""));

        assertThat(sessionPage("").getJsonArray("sessions")).hasSize(20);
        assertThat(sessionPage("?limit=1000").getJsonArray("sessions")).hasSize(100);
        assertThat(sessionPage("?limit=0").getJsonArray("sessions")).hasSize(1);
        assertProblem(api.get(SESSIONS + "?limit=abc").as(user).send(), 400, "invalid_request");
        assertThat(api.get(SESSIONS + "/" + newSession(graph, "") + "/events?limit=0").as(user).send().json()
                .getJsonArray("events")).hasSize(1);
    }

    private JsonObject sessionPage(String query) {
        Reply page = api.get(SESSIONS + query).as(user).send();
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        return page.json();
    }

    @Test
    void aWorldDeletedWhileASessionIsCreatedOnItIsNotFoundAndNothingIsStored() throws Exception {
        Graph graph = createScene(user);
        long world = worldWithMeta("{}");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            // The create checks the world, then its insert waits for the uncommitted delete of it.
            String deleteWorld = "DELETE FROM game_worlds WHERE id = ?";
            Future<Reply> create = TestDatabase.holding(deleteWorld, new Object[] {world}, () -> {
                Future<Reply> started = pool.submit(() -> createSession(graph, ",\"world_id\":" + world));
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
        List<Long> ids = IntStream.range(0, 5).mapToObj(i -> newSession(graph, "")).toList();

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
        java.util.Collections.reverse(newestFirst);
        assertThat(seen).containsExactlyElementsOf(newestFirst);
        assertThat(pages).isEqualTo(3);
        String foreignCursor = api.get(SESSIONS + "?limit=1").as(user).send().json().getString("next_cursor");
        assertProblem(api.get(SESSIONS + "?cursor=" + foreignCursor).as(Api.newUserId()).send(), 400, "invalid_cursor");
        assertProblem(api.get(SESSIONS + "?cursor=" + foreignCursor + "x").as(user).send(), 400, "invalid_cursor");
    }

    @Test
    void anotherUsersSessionIsNotFoundOnEveryVerb() {
        Graph graph = createScene(user);
        long session = newSession(graph, "");
        long stranger = Api.newUserId();

        List<Reply> replies = List.of(
                api.get(SESSIONS + "/" + session).as(stranger).send(),
                api.call("PATCH", SESSIONS + "/" + session).json("{\"world_time\":5}").as(stranger).send(),
                api.post(SESSIONS + "/" + session + "/advance", "{\"edge_id\":" + graph.edges().get("a") + "}")
                        .as(stranger).send(),
                api.get(SESSIONS + "/" + session + "/events").as(stranger).send(),
                api.delete(SESSIONS + "/" + session).as(stranger).send());

        assertThat(replies).allSatisfy(reply -> assertProblem(reply, 404, "session_not_found"));
        JsonObject untouched = session(session);
        assertThat(untouched.getInt("version")).isEqualTo(1);
        assertThat(untouched.getJsonNumber("current_node_id").longValue()).isEqualTo(graph.nodes().get("start"));
    }

    @Test
    void deletingASessionRemovesItsEvents() {
        long session = newSession(createScene(user), "");

        assertThat(api.delete(SESSIONS + "/" + session).as(user).send().status()).isEqualTo(204);

        assertProblem(api.get(SESSIONS + "/" + session).as(user).send(), 404, "session_not_found");
        assertProblem(api.get(SESSIONS + "/" + session + "/events").as(user).send(), 404, "session_not_found");
    }

    // ---- advance

    @Test
    void advanceFollowsAnEdgeOfTheCurrentNode() {
        Graph graph = createScene(user);
        long session = newSession(graph, "");

        Reply moved = api.post(SESSIONS + "/" + session + "/advance", "{\"edge_id\":" + graph.edges().get("a") + "}")
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

    @Test
    void advanceRefusesEdgesThatDoNotLeaveTheCurrentNode() {
        Graph graph = createScene(user);
        Graph other = createScene(user);
        long session = newSession(graph, "");

        for (long edge : List.of(graph.edges().get("b"), other.edges().get("a"), 999_999_999L)) {
            assertProblem(api.post(SESSIONS + "/" + session + "/advance", "{\"edge_id\":" + edge + "}").as(user).send(),
                    400, "invalid_edge_for_current_node");
        }
        Reply fromElsewhere = api.post(SESSIONS + "/" + session + "/advance", "{\"edge_id\":" + graph.edges().get("b")
                + "}").as(user).send();
        assertThat(fromElsewhere.json().getString("detail")).isEqualTo("Edge " + graph.edges().get("b")
                + " leaves node " + graph.nodes().get("middle") + ", not the current node; the session is at node "
                + graph.nodes().get("start"));
        assertProblem(api.post(SESSIONS + "/" + session + "/advance", "{}").as(user).send(), 400, "invalid_request");
        assertThat(session(session).getInt("version")).isEqualTo(1);
        assertThat(events(session)).hasSize(1);
    }

    @Test
    void twelveConcurrentAdvancesAlongOneEdgeLetExactlyOneThrough() throws Exception {
        Graph graph = createScene(user);
        long session = newSession(graph, "");
        String body = "{\"edge_id\":" + graph.edges().get("a") + "}";

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
        long session = newSession(createScene(user), "");

        Reply patched = patch(session, """
                {"relationships":{"npc:12":{"affinity":72,"trust":55,"chemistry":40,"tension":10,"flags":{"met":true}},
                                  "npc:13":{"affinity":150,"chemistry":90,"trust":70},
                                  "player":{"mood":"x"}},"expected_version":1}""");

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

    /** The default tiers of ORIGIN.md 3.2, as a client would compute them. */
    private static String defaultTier(int affinity) {
        return affinity >= 80 ? "lover" : affinity >= 60 ? "close_friend" : affinity >= 30 ? "friend"
                : affinity >= 10 ? "acquaintance" : "stranger";
    }

    @Test
    void concurrentReadersAndWritersNeverSeeTiersThatDisagreeWithTheAxes() throws Exception {
        long session = newSession(createScene(user), "");
        long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        List<String> mismatches = java.util.Collections.synchronizedList(new ArrayList<>());

        List<Integer> answers = concurrently(8, () -> {
            int checked = 0;
            java.util.Random random = new java.util.Random();
            while (System.nanoTime() < until) {
                Reply reply = random.nextBoolean()
                        ? patch(session, "{\"relationships\":{\"npc:1\":{\"affinity\":" + random.nextInt(101) + "}}}")
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
        long world = worldWithMeta("""
                {"relationship_schemas":{"default":[{"id":"cold","min":0,"max":50},{"id":"warm","min":50,"max":null}]},
                 "intimacy_schema":{"levels":[{"id":"spark","minChemistry":30}]}}""");
        long session = newSession(createScene(user), ",\"world_id\":" + world);

        Reply patched = patch(session, "{\"relationships\":{\"npc:1\":{\"affinity\":50,\"chemistry\":31},"
                + "\"npc:2\":{\"affinity\":51}}}");

        JsonObject relationships = patched.json().getJsonObject("relationships");
        assertThat(relationships.getJsonObject("npc:1").getString("tierId")).isEqualTo("cold");
        assertThat(relationships.getJsonObject("npc:1").getString("intimacyLevelId")).isEqualTo("spark");
        assertThat(relationships.getJsonObject("npc:2").getString("tierId")).isEqualTo("warm");
        assertThat(relationships.getJsonObject("npc:2").isNull("intimacyLevelId")).isTrue();
        assertThat(session(session).getJsonObject("relationships")).isEqualTo(relationships);
    }

    @Test
    void aDeletedWorldLeavesItsSessionsRunningOnTheDefaultRules() {
        long world = worldWithMeta("{\"relationship_schemas\":{\"default\":[{\"id\":\"only\",\"min\":0}]}}");
        long session = newSession(createScene(user), ",\"world_id\":" + world);
        patch(session, "{\"relationships\":{\"npc:1\":{\"affinity\":85}}}");
        assertThat(session(session).getJsonObject("relationships").getJsonObject("npc:1").getString("tierId"))
                .isEqualTo("only");

        assertThat(api.delete("api/v1/game/worlds/" + world).as(user).send().status()).isEqualTo(204);

        JsonObject orphan = session(session);
        assertThat(orphan.isNull("world_id")).isTrue();
        assertThat(orphan.getJsonObject("relationships").getJsonObject("npc:1").getString("tierId")).isEqualTo("lover");
        assertThat(patch(session, "{\"world_time\":5}").status()).isEqualTo(200);
    }

    @Test
    void aPatchThatChangesNothingKeepsTheVersionAndWritesNoEvent() {
        long session = newSession(createScene(user), ",\"flags\":{\"a\":1,\"b\":[true,null]}");
        Reply first = patch(session, "{\"relationships\":{\"npc:1\":{\"affinity\":20}}}");
        JsonObject normalized = first.json().getJsonObject("relationships");

        Reply same = patch(session, "{\"flags\":{\"b\":[true,null],\"a\":1.0},\"world_time\":0,\"relationships\":"
                + normalized + "}");

        assertThat(same.status()).as(same.toString()).isEqualTo(200);
        assertThat(same.json().getInt("version")).isEqualTo(2);
        assertThat(events(session)).hasSize(2);
    }

    @Test
    void aStaleVersionIsAConflictCarryingTheCurrentSession() {
        long session = newSession(createScene(user), "");
        patch(session, "{\"relationships\":{\"npc:7\":{\"affinity\":85}}}");

        for (Reply stale : List.of(patch(session, "{\"world_time\":10,\"expected_version\":1}"),
                api.call("PATCH", SESSIONS + "/" + session).json("{\"world_time\":10}").header("If-Match", "\"1\"")
                        .as(user).send())) {
            assertProblem(stale, 409, "version_conflict");
            JsonObject current = stale.json().getJsonObject("current_session");
            assertThat(current.getInt("version")).isEqualTo(2);
            assertThat(current.getJsonObject("relationships").getJsonObject("npc:7").getString("tierId")).isEqualTo("lover");
        }
        Reply matching = api.call("PATCH", SESSIONS + "/" + session).json("{\"world_time\":10}")
                .header("If-Match", "\"2\"").as(user).send();
        assertThat(matching.status()).isEqualTo(200);
        assertThat(matching.json().getInt("version")).isEqualTo(3);
        assertProblem(api.call("PATCH", SESSIONS + "/" + session).json("{\"world_time\":11,\"expected_version\":3}")
                .header("If-Match", "\"2\"").as(user).send(), 400, "invalid_request");
    }

    @Test
    void twentyConcurrentPatchesWithOneVersionLetExactlyOneThrough() throws Exception {
        long session = newSession(createScene(user), "");
        long conflictsBefore = api.counter(VERSION_CONFLICTS);
        CountDownLatch ready = new CountDownLatch(1);

        List<Integer> statuses = concurrently(20, () -> {
            ready.await();
            long me = Thread.currentThread().getId();
            return patch(session, "{\"flags\":{\"writer\":" + me + "},\"expected_version\":1}").status();
        }, ready);

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(19);
        assertThat(session(session).getInt("version")).isEqualTo(2);
        assertThat(api.counter(VERSION_CONFLICTS) - conflictsBefore).isEqualTo(19);
    }

    @Test
    void invalidRelationshipsAreRefusedBeforeAnythingIsStored() {
        long session = newSession(createScene(user), "");
        Map<String, String> refusals = Map.of(
                "{\"relationships\":{\"npc:1\":5}}", "relationships.npc:1",
                "{\"relationships\":{\"npc:1\":{\"affinity\":\"high\"}}}", "relationships.npc:1.affinity",
                "{\"relationships\":{\"npc:1\":{\"trust\":true}}}", "relationships.npc:1.trust");
        refusals.forEach((body, field) -> {
            Reply refused = patch(session, body);
            assertProblem(refused, 400, "invalid_relationships");
            assertThat(refused.json().getJsonArray("violations").getJsonObject(0).getString("field")).isEqualTo(field);
        });
        assertProblem(patch(session, "{\"world_time\":1e999}"), 400, "invalid_request");
        assertProblem(patch(session, "{\"flags\":5}"), 400, "invalid_request");
        assertThat(session(session).getInt("version")).isEqualTo(1);
    }

    @Test
    void turnBasedSessionsMoveByNothingOrExactlyOneTurn() {
        String turnBased = ",\"flags\":{\"sessionKind\":\"world\",\"world\":{\"mode\":\"turn_based\"}}";
        long session = newSession(createScene(user), turnBased);

        Reply halfTurn = patch(session, "{\"world_time\":1800}");
        assertProblem(halfTurn, 400, "turn_based_validation_failed");
        assertThat(halfTurn.json().getString("detail")).isEqualTo("expected delta of 3600s, got 1800.0s");
        assertProblem(patch(session, "{\"world_time\":7200}"), 400, "turn_based_validation_failed");
        assertProblem(patch(session, "{\"world_time\":-3600}"), 400, "turn_based_validation_failed");

        assertThat(patch(session, "{\"world_time\":0}").status()).isEqualTo(200);
        assertThat(patch(session, "{\"world_time\":3600.0005}").json().getJsonNumber("world_time").doubleValue())
                .isEqualTo(3600.0005);
        assertThat(patch(session, "{\"world_time\":7200.0005}").status()).isEqualTo(200);
        assertProblem(patch(session, "{\"world_time\":10800.002}"), 400, "turn_based_validation_failed");

        long custom = newSession(createScene(user),
                ",\"flags\":{\"sessionKind\":\"world\",\"world\":{\"mode\":\"turn_based\",\"turnDeltaSeconds\":600}}");
        assertThat(patch(custom, "{\"world_time\":600}").status()).isEqualTo(200);
        assertThat(patch(custom, "{\"world_time\":900}").json().getString("detail"))
                .isEqualTo("expected delta of 600s, got 300.0s");

        long realTime = newSession(createScene(user), ",\"flags\":{\"sessionKind\":\"world\",\"world\":{\"mode\":\"real_time\"}}");
        assertThat(patch(realTime, "{\"world_time\":1234.5}").status()).isEqualTo(200);
        assertThat(patch(realTime, "{\"world_time\":5}").status()).isEqualTo(200);

        // The flags sent with the change are the ones that decide.
        assertThat(patch(realTime, "{\"world_time\":905,\"flags\":{\"sessionKind\":\"world\",\"world\":{\"mode\":\"turn_based\"}}}")
                .error()).isEqualTo("turn_based_validation_failed");
        assertThat(patch(session, "{\"world_time\":100,\"flags\":{\"sessionKind\":\"scene\"}}").status()).isEqualTo(200);
    }

    // ---- events

    @Test
    void eventsAreListedNewestFirstAndOnlyTheNewestAreKept() {
        long session = newSession(createScene(user), "");
        long removedBefore = api.counter(REMOVED_BY_RETENTION);
        for (int t = 1; t <= 7; t++) {
            assertThat(patch(session, "{\"world_time\":" + t + "}").status()).isEqualTo(200);
        }

        List<JsonObject> kept = events(session);
        assertThat(kept).hasSize(KEEP_PER_SESSION);
        // Eight events written (session_created and seven updates), the oldest three trimmed.
        assertThat(api.counter(REMOVED_BY_RETENTION) - removedBefore).isEqualTo(3);
        assertThat(kept).extracting(e -> e.getJsonObject("diff").getJsonObject("world_time").getJsonNumber("new").intValue())
                .containsExactly(7, 6, 5, 4, 3);
        assertThat(kept).extracting(e -> e.getJsonNumber("id").longValue()).isSortedAccordingTo((a, b) -> Long.compare(b, a));

        Reply first = api.get(SESSIONS + "/" + session + "/events?limit=2").as(user).send();
        String cursor = first.json().getString("next_cursor");
        Reply second = api.get(SESSIONS + "/" + session + "/events?limit=2&cursor=" + cursor).as(user).send();
        assertThat(second.json().getJsonArray("events").getValuesAs(JsonObject.class))
                .extracting(e -> e.getJsonNumber("id").longValue())
                .containsExactly(kept.get(2).getJsonNumber("id").longValue(), kept.get(3).getJsonNumber("id").longValue());
        long otherSession = newSession(createScene(user), "");
        assertProblem(api.get(SESSIONS + "/" + otherSession + "/events?cursor=" + cursor).as(user).send(),
                400, "invalid_cursor");
    }


    private static <T> List<T> concurrently(int count, Callable<T> call) throws Exception {
        return concurrently(count, call, null);
    }

    /** Runs {@code count} calls on as many threads; a latch, when given, is opened once all are queued. */
    private static <T> List<T> concurrently(int count, Callable<T> call, CountDownLatch start) throws Exception {
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
