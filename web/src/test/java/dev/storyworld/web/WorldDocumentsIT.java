package dev.storyworld.web;

import dev.storyworld.web.support.Api;
import dev.storyworld.web.support.Api.Reply;
import dev.storyworld.web.support.ServiceIT;
import dev.storyworld.web.support.TestDatabase;
import dev.storyworld.world.control.SchedulerConfig;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A world's documents, black box: the validated meta and its version, the scheduler config at
 * meta.simulation, and the schema report.
 */
class WorldDocumentsIT extends ServiceIT {

    /** The defaults as the service writes them; SchedulerConfigTest pins them to the contract. */
    private static final String DEFAULT_CONFIG = SchedulerConfig.DEFAULTS.toDocument().toJson();

    private static final String TIERS = "{\"relationship_schemas\":{\"default\":["
            + "{\"id\":\"low\",\"min\":0,\"max\":60},{\"id\":\"high\",\"min\":60}]}}";

    private long createWorld(String meta) {
        Reply created = api.post("api/v1/game/worlds", "{\"name\":\"w\",\"meta\":" + meta + "}").as(user).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.id();
    }

    private String path(long world) {
        return "api/v1/game/worlds/" + world;
    }

    private static long metaVersion(long world) {
        return ((Number) TestDatabase.value("SELECT meta_version FROM game_worlds WHERE id = ?", world)).longValue();
    }

    private static List<String> fields(Reply problem) {
        return problem.json().getJsonArray("violations").getValuesAs(JsonObject.class).stream()
                .map(v -> v.getString("field")).toList();
    }

    private static void assertRefused(Reply reply, String error, String... fields) {
        assertProblem(reply, 400, error);
        assertThat(fields(reply)).as(reply.toString()).containsExactly(fields);
    }

    private Reply mergeMeta(long world, String patch) {
        return api.call("PATCH", path(world) + "/meta").body("application/merge-patch+json", patch).as(user).send();
    }

    @Test
    void aMergePatchChangesTheSchemasAndKeepsTheSchedulerConfig() {
        long world = createWorld("{\"lore\":{\"era\":\"bronze\",\"gods\":3},\"simulation\":{\"timeScale\":5}}");
        assertThat(api.post(path(world) + "/scheduler/pause", "{}").as(user).send().status()).isEqualTo(200);
        long version = metaVersion(world);

        Reply merged = mergeMeta(world, "{\"relationship_schemas\":{\"default\":[{\"id\":\"friend\",\"min\":0}]},"
                + "\"lore\":{\"gods\":null,\"sea\":true}}");
        assertThat(merged.status()).as(merged.toString()).isEqualTo(200);
        JsonObject meta = merged.json().getJsonObject("meta");
        assertThat(meta.getJsonObject("lore").toString()).isEqualTo("{\"era\":\"bronze\",\"sea\":true}");
        assertThat(meta.getJsonObject("relationship_schemas").getJsonArray("default")).hasSize(1);
        assertThat(meta.getJsonObject("simulation").getJsonNumber("timeScale").intValue()).isEqualTo(5);
        assertThat(meta.getJsonObject("simulation").getBoolean("pauseSimulation")).isTrue();
        assertThat(metaVersion(world)).isEqualTo(version + 1);

        String stored = api.get(path(world)).as(user).send().json().toString();
        assertRefused(mergeMeta(world, "{\"relationship_schemas\":{\"default\":[{\"id\":\"x\",\"min\":90,\"max\":10}]}}"),
                "invalid_world_schemas", "meta.relationship_schemas.default[0].max");
        assertRefused(mergeMeta(world, "{\"simulation\":{\"timeScale\":0}}"), "invalid_scheduler_config",
                "meta.simulation.timeScale");
        assertProblem(api.call("PATCH", path(world) + "/meta").json("{\"lore\":null}").as(user).send(), 415,
                "unsupported_media_type");
        assertProblem(mergeMeta(world, "[1]"), 400, "malformed_json");
        assertProblem(api.call("PATCH", path(world) + "/meta").body("application/merge-patch+json", "{}")
                .as(Api.newUserId()).send(), 404, "world_not_found");
        assertThat(api.get(path(world)).as(user).send().json().toString()).isEqualTo(stored);
        assertThat(metaVersion(world)).isEqualTo(version + 1);
    }

    @Test
    void createRefusesMetaThatBreaksTheRulesAndStoresNothing() {
        assertRefused(api.post("api/v1/game/worlds", "{\"name\":\"w\",\"meta\":{\"relationship_schemas\":{\"default\":["
                        + "{\"id\":\"a\",\"min\":0,\"max\":50},{\"id\":\"b\",\"min\":60,\"max\":40}]}}}").as(user).send(),
                "invalid_world_schemas", "meta.relationship_schemas.default[1].max");
        assertRefused(api.post("api/v1/game/worlds", "{\"name\":\"w\",\"meta\":{\"intimacy_schema\":{\"levels\":["
                        + "{\"id\":\"crush\"}]}}}").as(user).send(),
                "invalid_world_schemas", "meta.intimacy_schema.levels[0]");
        assertRefused(api.post("api/v1/game/worlds", "{\"name\":\"w\",\"meta\":{\"simulation\":{\"timeScale\":0.05}}}")
                .as(user).send(), "invalid_scheduler_config", "meta.simulation.timeScale");

        assertThat(api.get("api/v1/game/worlds").as(user).send().json().getInt("total")).isZero();
    }

    @Test
    void replacingTheMetaValidatesItAndBumpsTheVersionOnEveryChange() {
        long world = createWorld(TIERS);
        assertThat(metaVersion(world)).isEqualTo(1);

        String replacement = "{\"relationship_schemas\":{\"default\":[{\"id\":\"cold\",\"min\":0,\"max\":40},"
                + "{\"id\":\"warm\",\"min\":40}]},\"gameProfile\":{\"style\":\"hybrid\"}}";
        Reply replaced = api.put(path(world) + "/meta", "{\"meta\":" + replacement + "}").as(user).send();
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        assertThat(replaced.json().getJsonObject("meta").toString()).isEqualTo(replacement);
        assertThat(metaVersion(world)).isEqualTo(2);

        assertThat(api.put(path(world) + "/meta", "{\"meta\":" + replacement + "}").as(user).send().status())
                .isEqualTo(200);
        assertThat(metaVersion(world)).as("an unchanged meta keeps its version").isEqualTo(2);

        assertRefused(api.put(path(world) + "/meta", "{\"meta\":{\"relationship_schemas\":{\"default\":["
                        + "{\"id\":\"a\",\"min\":0,\"max\":60},{\"id\":\"b\",\"min\":50}]}}}").as(user).send(),
                "invalid_world_schemas", "meta.relationship_schemas.default");
        assertRefused(api.put(path(world) + "/meta", "{\"meta\":{\"simulation\":{\"tiers\":{}}}}").as(user).send(),
                "invalid_scheduler_config", "meta.simulation.tiers.detailed", "meta.simulation.tiers.active",
                "meta.simulation.tiers.ambient", "meta.simulation.tiers.dormant");
        for (String body : List.of("{}", "{\"meta\":null}", "{\"meta\":[1]}", "{\"meta\":\"x\"}")) {
            Reply refused = api.put(path(world) + "/meta", body).as(user).send();
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.error()).isEqualTo("invalid_request");
        }

        assertThat(api.get(path(world)).as(user).send().json().getJsonObject("meta").toString()).isEqualTo(replacement);
        assertThat(metaVersion(world)).isEqualTo(2);
    }

    @Test
    void sessionsOfTheWorldSeeItsNewSchemasAtOnce() {
        long world = createWorld(TIERS);
        Reply scene = api.post("api/v1/game/scenes", "{\"title\":\"s\",\"entry\":\"a\",\"nodes\":[{\"key\":\"a\"}]}")
                .as(user).send();
        assertThat(scene.status()).as(scene.toString()).isEqualTo(201);
        Reply session = api.post("api/v1/game/sessions", "{\"scene_id\":" + scene.id() + ",\"world_id\":" + world + "}")
                .as(user).send();
        assertThat(session.status()).as(session.toString()).isEqualTo(201);
        String sessionPath = "api/v1/game/sessions/" + session.id();
        Reply patched = api.call("PATCH", sessionPath).json("{\"relationships\":{\"npc:1\":{\"affinity\":50}}}")
                .as(user).send();
        assertThat(tierOf(patched)).as(patched.toString()).isEqualTo("low");

        api.put(path(world) + "/meta", "{\"meta\":{\"relationship_schemas\":{\"default\":["
                + "{\"id\":\"cold\",\"min\":0,\"max\":40},{\"id\":\"warm\",\"min\":40}]}}}").as(user).send();

        assertThat(tierOf(api.get(sessionPath).as(user).send())).isEqualTo("warm");
    }

    private static String tierOf(Reply session) {
        return session.json().getJsonObject("relationships").getJsonObject("npc:1").getString("tierId");
    }

    @Test
    void schedulerConfigHasTheDefaultsFilledIn() {
        long world = createWorld("{}");
        Reply config = api.get(path(world) + "/scheduler/config").as(user).send();
        assertThat(config.status()).as(config.toString()).isEqualTo(200);
        assertThat(config.body()).isEqualTo(DEFAULT_CONFIG);

        long partial = createWorld("{\"simulation\":{\"timeScale\":2,\"enabled\":true}}");
        assertThat(api.get(path(partial) + "/scheduler/config").as(user).send().body())
                .isEqualTo(DEFAULT_CONFIG.replace("\"timeScale\":60.0", "\"timeScale\":2")
                        .replaceFirst("}$", ",\"enabled\":true}"));
    }

    @Test
    void schedulerConfigPutSetsTheFieldsSentKeepsTheRestAndStoresTheResult() {
        long world = createWorld(TIERS);

        Reply first = api.put(path(world) + "/scheduler/config",
                "{\"timeScale\":2.5,\"enabled\":true,\"tiers\":{\"detailed\":{\"maxNpcs\":3,\"focus\":\"player\"},"
                        + "\"active\":{\"maxNpcs\":4},\"ambient\":{\"maxNpcs\":5},\"dormant\":{\"maxNpcs\":0},"
                        + "\"crowd\":{\"maxNpcs\":9}}}").as(user).send();
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        Reply second = api.put(path(world) + "/scheduler/config", "{\"maxJobOpsPerStep\":0,\"meta\":{\"note\":1}}")
                .as(user).send();
        assertThat(second.status()).as(second.toString()).isEqualTo(200);

        JsonObject config = second.json();
        assertThat(config.getJsonNumber("timeScale").doubleValue()).isEqualTo(2.5);
        assertThat(config.getInt("maxJobOpsPerStep")).isZero();
        assertThat(config.getInt("maxNpcTicksPerStep")).isEqualTo(50);
        assertThat(config.getBoolean("enabled")).isTrue();
        assertThat(config.getJsonObject("tiers").toString()).isEqualTo("{\"detailed\":{\"maxNpcs\":3,\"focus\":\"player\"},"
                + "\"active\":{\"maxNpcs\":4},\"ambient\":{\"maxNpcs\":5},\"dormant\":{\"maxNpcs\":0},\"crowd\":{\"maxNpcs\":9}}");
        assertThat(config.getJsonObject("meta").toString()).isEqualTo("{\"note\":1}");
        assertThat(api.get(path(world) + "/scheduler/config").as(user).send().body()).isEqualTo(second.body());
        JsonObject meta = api.get(path(world)).as(user).send().json().getJsonObject("meta");
        assertThat(meta.getJsonObject("simulation")).isEqualTo(config);
        assertThat(meta.getJsonObject("relationship_schemas")).as("the rest of the meta stays").isNotNull();
        assertThat(metaVersion(world)).isEqualTo(3);
    }

    @Test
    void schedulerConfigPutRefusesEveryBrokenRuleAndChangesNothing() {
        long world = createWorld("{}");
        api.put(path(world) + "/scheduler/config", "{\"timeScale\":5}").as(user).send();
        long version = metaVersion(world);
        String stored = api.get(path(world) + "/scheduler/config").as(user).send().body();

        Map<String, List<String>> refusals = new LinkedHashMap<>();
        refusals.put("{\"timeScale\":null}", List.of("timeScale"));
        refusals.put("{\"timeScale\":\"fast\"}", List.of("timeScale"));
        refusals.put("{\"timeScale\":true}", List.of("timeScale"));
        refusals.put("{\"timeScale\":0.05}", List.of("timeScale"));
        refusals.put("{\"timeScale\":0}", List.of("timeScale"));
        refusals.put("{\"timeScale\":-3}", List.of("timeScale"));
        refusals.put("{\"timeScale\":1000.5}", List.of("timeScale"));
        refusals.put("{\"maxNpcTicksPerStep\":0}", List.of("maxNpcTicksPerStep"));
        refusals.put("{\"maxNpcTicksPerStep\":2.5}", List.of("maxNpcTicksPerStep"));
        refusals.put("{\"maxNpcTicksPerStep\":\"50\"}", List.of("maxNpcTicksPerStep"));
        refusals.put("{\"maxNpcTicksPerStep\":null}", List.of("maxNpcTicksPerStep"));
        refusals.put("{\"maxJobOpsPerStep\":-1}", List.of("maxJobOpsPerStep"));
        refusals.put("{\"maxJobOpsPerStep\":false}", List.of("maxJobOpsPerStep"));
        refusals.put("{\"tickIntervalSeconds\":0.09}", List.of("tickIntervalSeconds"));
        refusals.put("{\"tickIntervalSeconds\":61}", List.of("tickIntervalSeconds"));
        refusals.put("{\"tickIntervalSeconds\":null}", List.of("tickIntervalSeconds"));
        refusals.put("{\"pauseSimulation\":\"yes\"}", List.of("pauseSimulation"));
        refusals.put("{\"pauseSimulation\":null}", List.of("pauseSimulation"));
        refusals.put("{\"meta\":null}", List.of("meta"));
        refusals.put("{\"meta\":[]}", List.of("meta"));
        refusals.put("{\"tiers\":null}", List.of("tiers"));
        refusals.put("{\"tiers\":{\"detailed\":{\"maxNpcs\":1},\"active\":{\"maxNpcs\":1},\"ambient\":{\"maxNpcs\":1}}}",
                List.of("tiers.dormant"));
        refusals.put("{\"tiers\":{\"detailed\":{\"maxNpcs\":1},\"active\":{\"maxNpcs\":1},\"ambient\":{\"maxNpcs\":1},"
                + "\"dormant\":{\"maxNpcs\":-1}}}", List.of("tiers.dormant.maxNpcs"));
        refusals.put("{\"tiers\":{\"detailed\":{\"maxNpcs\":1.5},\"active\":{},\"ambient\":{\"maxNpcs\":null},"
                + "\"dormant\":{\"maxNpcs\":\"many\"}}}", List.of("tiers.detailed.maxNpcs", "tiers.active.maxNpcs",
                "tiers.ambient.maxNpcs", "tiers.dormant.maxNpcs"));
        refusals.put("{\"timeScale\":0,\"maxJobOpsPerStep\":-1,\"enabled\":null}", List.of("timeScale", "maxJobOpsPerStep"));

        refusals.forEach((body, expected) -> assertRefused(
                api.put(path(world) + "/scheduler/config", body).as(user).send(), "invalid_scheduler_config",
                expected.toArray(String[]::new)));
        for (String notAnObject : List.of("[1]", "\"x\"", "{")) {
            Reply refused = api.put(path(world) + "/scheduler/config", notAnObject).as(user).send();
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.error()).isEqualTo("malformed_json");
        }

        assertThat(api.get(path(world) + "/scheduler/config").as(user).send().body()).isEqualTo(stored);
        assertThat(metaVersion(world)).isEqualTo(version);
    }

    @Test
    void pauseAndResumeSetPauseSimulation() {
        long world = createWorld("{}");

        Reply paused = api.post(path(world) + "/scheduler/pause", "{}").as(user).send();
        assertThat(paused.status()).as(paused.toString()).isEqualTo(200);
        assertThat(paused.body()).isEqualTo("{\"status\":\"paused\",\"world_id\":" + world + "}");
        assertThat(api.get(path(world) + "/scheduler/config").as(user).send().json().getBoolean("pauseSimulation"))
                .isTrue();
        Reply withoutBody = api.call("POST", path(world) + "/scheduler/resume").as(user).send();
        assertThat(withoutBody.status()).as(withoutBody.toString()).isEqualTo(200);
        assertThat(withoutBody.body()).isEqualTo("{\"status\":\"resumed\",\"world_id\":" + world + "}");
        assertThat(api.get(path(world) + "/scheduler/config").as(user).send().json().getBoolean("pauseSimulation"))
                .isFalse();
    }

    /** Every change merges into the meta it read; the versioned write makes sure none is lost. */
    @Test
    void concurrentSchedulerChangesAreNeverLost() throws Exception {
        long world = createWorld(TIERS);
        int writers = 24;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            String body = "{\"key" + i + "\":" + i + (i % 2 == 0 ? ",\"pauseSimulation\":true" : "") + "}";
            calls.add(() -> {
                start.await();
                return api.put(path(world) + "/scheduler/config", body).as(user).send().status();
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Integer>> results = calls.stream().map(pool::submit).toList();
            start.countDown();
            for (Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }

        JsonObject config = api.get(path(world) + "/scheduler/config").as(user).send().json();
        IntStream.range(0, writers).forEach(i -> assertThat(config.getInt("key" + i)).isEqualTo(i));
        assertThat(config.getBoolean("pauseSimulation")).isTrue();
        assertThat(metaVersion(world)).isEqualTo(1 + writers);
    }

    @Test
    void schemaReportShowsEverySchemaWithItsWarnings() {
        long world = createWorld("{\"relationship_schemas\":{\"default\":[{\"id\":\"a\",\"min\":0,\"max\":40},"
                + "{\"id\":\"b\",\"min\":50}],\"rivals\":[{\"id\":\"foe\",\"min\":0}]},"
                + "\"intimacy_schema\":{\"levels\":[{\"id\":\"crush\",\"minAffinity\":60}]}}");

        Reply report = api.get(path(world) + "/schema-report").as(user).send();

        assertThat(report.status()).as(report.toString()).isEqualTo(200);
        assertThat(report.body()).isEqualTo("{\"overall_valid\":true,\"schema_health\":["
                + "{\"entry_count\":2,\"errors\":[],\"is_valid\":true,\"schema_type\":\"relationship:default\","
                + "\"suggestions\":[],\"warnings\":[\"Gap between \\\"a\\\" (ends at 40) and \\\"b\\\" (starts at 50)\"]},"
                + "{\"entry_count\":1,\"errors\":[],\"is_valid\":true,\"schema_type\":\"relationship:rivals\","
                + "\"suggestions\":[],\"warnings\":[]},"
                + "{\"entry_count\":1,\"errors\":[],\"is_valid\":true,\"schema_type\":\"intimacy\","
                + "\"suggestions\":[],\"warnings\":[]}],"
                + "\"world_id\":" + world + ",\"world_name\":\"w\"}");
        assertThat(api.get(path(createWorld("{}")) + "/schema-report").as(user).send().json().getJsonArray("schema_health"))
                .isEmpty();
    }
}
