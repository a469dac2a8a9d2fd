package dev.storyworld.web;

import dev.storyworld.web.support.Api;
import dev.storyworld.web.support.Api.Reply;
import dev.storyworld.web.support.ServiceIT;
import dev.storyworld.web.support.TestDatabase;
import dev.storyworld.world.control.SchedulerConfig;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static dev.storyworld.web.support.JsonValues.array;
import static dev.storyworld.web.support.JsonValues.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The world meta, black box: validated on every write, versioned, merge-patched; the scheduler config at
 * meta.simulation with its defaults and rules; the schema report.
 */
class WorldMetaIT extends ServiceIT {

    /** The defaults as the service writes them; SchedulerConfigTest pins them to the contract. */
    private static final String DEFAULT_CONFIG = SchedulerConfig.DEFAULTS.toDocument().toJson();

    private static final JsonObject TIERS = object("relationship_schemas", object("default", array(
            object("id", "low", "min", 0, "max", 60), object("id", "high", "min", 60))));

    private static String path(long world) {
        return WORLDS + "/" + world;
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

    private Reply mergeMeta(long world, JsonValue patch) {
        return api.call("PATCH", path(world) + "/meta").body("application/merge-patch+json", patch).as(user).send();
    }

    /** A meta of one schema, {@code default}, of these tiers. */
    private static JsonObject defaultSchema(JsonObject... tiers) {
        return object("relationship_schemas", object("default", array((Object[]) tiers)));
    }

    private static JsonObject tier(String id, int min, int max) {
        return object("id", id, "min", min, "max", max);
    }

    private static JsonObject tier(String id, int min) {
        return object("id", id, "min", min);
    }

    @Test
    void aMergePatchChangesTheSchemasAndKeepsTheSchedulerConfig() {
        long world = worldWithMeta(object("lore", object("era", "bronze", "gods", 3), "simulation", object("timeScale", 5)));
        assertThat(api.post(path(world) + "/scheduler/pause", object()).as(user).send().status()).isEqualTo(200);
        long version = metaVersion(world);

        Reply merged = mergeMeta(world, object("relationship_schemas", object("default", array(tier("friend", 0))),
                "lore", object("gods", null, "sea", true)));
        assertThat(merged.status()).as(merged.toString()).isEqualTo(200);
        JsonObject meta = merged.json().getJsonObject("meta");
        assertThat(meta.getJsonObject("lore").toString()).isEqualTo("{\"era\":\"bronze\",\"sea\":true}");
        assertThat(meta.getJsonObject("relationship_schemas").getJsonArray("default")).hasSize(1);
        assertThat(meta.getJsonObject("simulation").getJsonNumber("timeScale").intValue()).isEqualTo(5);
        assertThat(meta.getJsonObject("simulation").getBoolean("pauseSimulation")).isTrue();
        assertThat(metaVersion(world)).isEqualTo(version + 1);

        String stored = api.get(path(world)).as(user).send().json().toString();
        assertRefused(mergeMeta(world, defaultSchema(tier("x", 90, 10))),
                "invalid_world_schemas", "meta.relationship_schemas.default[0].max");
        assertRefused(mergeMeta(world, object("simulation", object("timeScale", 0))), "invalid_scheduler_config",
                "meta.simulation.timeScale");
        Reply plainJson = api.call("PATCH", path(world) + "/meta").json(object("lore", null)).as(user).send();
        assertProblem(plainJson, 415, "unsupported_media_type");
        assertThat(plainJson.json().getString("detail")).as("names what the endpoint takes and what came")
                .contains("application/merge-patch+json").contains("not application/json");
        // A schema fault and a scheduler fault of one meta come in one answer.
        Reply both = mergeMeta(world, object("relationship_schemas", object("default", array(tier("x", 90, 10))),
                "simulation", object("timeScale", 0)));
        assertRefused(both, "invalid_world_schemas", "meta.relationship_schemas.default[0].max",
                "meta.simulation.timeScale");
        assertProblem(mergeMeta(world, array(1)), 400, "malformed_json");
        assertProblem(api.call("PATCH", path(world) + "/meta").body("application/merge-patch+json", object())
                .as(Api.newUserId()).send(), 404, "world_not_found");
        assertThat(api.get(path(world)).as(user).send().json().toString()).isEqualTo(stored);
        assertThat(metaVersion(world)).isEqualTo(version + 1);
    }

    @Test
    void createRefusesMetaThatBreaksTheRulesAndStoresNothing() {
        assertRefused(api.post(WORLDS, object("name", "w", "meta", defaultSchema(tier("a", 0, 50), tier("b", 60, 40))))
                        .as(user).send(),
                "invalid_world_schemas", "meta.relationship_schemas.default[1].max");
        assertRefused(api.post(WORLDS, object("name", "w", "meta", object("intimacy_schema",
                        object("levels", array(object("id", "crush")))))).as(user).send(),
                "invalid_world_schemas", "meta.intimacy_schema.levels[0]");
        assertRefused(api.post(WORLDS, object("name", "w", "meta", object("simulation", object("timeScale", 0.05))))
                .as(user).send(), "invalid_scheduler_config", "meta.simulation.timeScale");

        assertThat(api.get(WORLDS).as(user).send().json().getInt("total")).isZero();
    }

    @Test
    void replacingTheMetaValidatesItAndBumpsTheVersionOnEveryChange() {
        long world = worldWithMeta(TIERS);
        assertThat(metaVersion(world)).isEqualTo(1);

        JsonObject replacement = object("relationship_schemas", object("default", array(tier("cold", 0, 40),
                tier("warm", 40))), "gameProfile", object("style", "hybrid"));
        Reply replaced = api.put(path(world) + "/meta", object("meta", replacement)).as(user).send();
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        assertThat(replaced.json().getJsonObject("meta").toString()).isEqualTo(replacement.toString());
        assertThat(metaVersion(world)).isEqualTo(2);

        assertThat(api.put(path(world) + "/meta", object("meta", replacement)).as(user).send().status())
                .isEqualTo(200);
        assertThat(metaVersion(world)).as("an unchanged meta keeps its version").isEqualTo(2);

        assertRefused(api.put(path(world) + "/meta", object("meta", defaultSchema(tier("a", 0, 60), tier("b", 50))))
                        .as(user).send(),
                "invalid_world_schemas", "meta.relationship_schemas.default");
        assertRefused(api.put(path(world) + "/meta", object("meta", object("simulation", object("tiers", object()))))
                        .as(user).send(),
                "invalid_scheduler_config", "meta.simulation.tiers.detailed", "meta.simulation.tiers.active",
                "meta.simulation.tiers.ambient", "meta.simulation.tiers.dormant");
        for (JsonObject body : List.of(object(), object("meta", null), object("meta", array(1)), object("meta", "x"))) {
            Reply refused = api.put(path(world) + "/meta", body).as(user).send();
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.error()).isEqualTo("invalid_request");
        }

        assertThat(api.get(path(world)).as(user).send().json().getJsonObject("meta").toString())
                .isEqualTo(replacement.toString());
        assertThat(metaVersion(world)).isEqualTo(2);
    }

    @Test
    void schedulerConfigHasTheDefaultsFilledIn() {
        long world = worldWithMeta(object());
        Reply config = api.get(path(world) + "/scheduler/config").as(user).send();
        assertThat(config.status()).as(config.toString()).isEqualTo(200);
        assertThat(config.body()).isEqualTo(DEFAULT_CONFIG);

        long partial = worldWithMeta(object("simulation", object("timeScale", 2, "enabled", true)));
        assertThat(api.get(path(partial) + "/scheduler/config").as(user).send().body())
                .isEqualTo(DEFAULT_CONFIG.replace("\"timeScale\":60.0", "\"timeScale\":2")
                        .replaceFirst("}$", ",\"enabled\":true}"));
    }

    @Test
    void schedulerConfigPutSetsTheFieldsSentKeepsTheRestAndStoresTheResult() {
        long world = worldWithMeta(TIERS);

        Reply first = api.put(path(world) + "/scheduler/config", object("timeScale", 2.5, "enabled", true,
                "tiers", object("detailed", object("maxNpcs", 3, "focus", "player"), "active", object("maxNpcs", 4),
                        "ambient", object("maxNpcs", 5), "dormant", object("maxNpcs", 0),
                        "crowd", object("maxNpcs", 9)))).as(user).send();
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        Reply second = api.put(path(world) + "/scheduler/config", object("maxJobOpsPerStep", 0, "meta", object("note", 1)))
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
        long world = worldWithMeta(object());
        api.put(path(world) + "/scheduler/config", object("timeScale", 5)).as(user).send();
        long version = metaVersion(world);
        String stored = api.get(path(world) + "/scheduler/config").as(user).send().body();

        JsonObject one = object("maxNpcs", 1);
        Map<JsonObject, List<String>> refusals = new LinkedHashMap<>();
        for (Object timeScale : Arrays.asList(null, "fast", true, 0.05, 0, -3, 1000.5)) {
            refusals.put(object("timeScale", timeScale), List.of("timeScale"));
        }
        for (Object ticks : Arrays.asList(0, 2.5, "50", null)) {
            refusals.put(object("maxNpcTicksPerStep", ticks), List.of("maxNpcTicksPerStep"));
        }
        refusals.put(object("maxJobOpsPerStep", -1), List.of("maxJobOpsPerStep"));
        refusals.put(object("maxJobOpsPerStep", false), List.of("maxJobOpsPerStep"));
        for (Object interval : Arrays.asList(0.09, 61, null)) {
            refusals.put(object("tickIntervalSeconds", interval), List.of("tickIntervalSeconds"));
        }
        refusals.put(object("pauseSimulation", "yes"), List.of("pauseSimulation"));
        refusals.put(object("pauseSimulation", null), List.of("pauseSimulation"));
        refusals.put(object("meta", null), List.of("meta"));
        refusals.put(object("meta", array()), List.of("meta"));
        refusals.put(object("tiers", null), List.of("tiers"));
        refusals.put(object("tiers", object("detailed", one, "active", one, "ambient", one)), List.of("tiers.dormant"));
        refusals.put(object("tiers", object("detailed", one, "active", one, "ambient", one,
                "dormant", object("maxNpcs", -1))), List.of("tiers.dormant.maxNpcs"));
        refusals.put(object("tiers", object("detailed", object("maxNpcs", 1.5), "active", object(),
                "ambient", object("maxNpcs", null), "dormant", object("maxNpcs", "many"))),
                List.of("tiers.detailed.maxNpcs", "tiers.active.maxNpcs", "tiers.ambient.maxNpcs", "tiers.dormant.maxNpcs"));
        refusals.put(object("timeScale", 0, "maxJobOpsPerStep", -1, "enabled", null), List.of("timeScale", "maxJobOpsPerStep"));
        assertThat(refusals).hasSize(25);

        refusals.forEach((body, expected) -> assertRefused(
                api.put(path(world) + "/scheduler/config", body).as(user).send(), "invalid_scheduler_config",
                expected.toArray(String[]::new)));
        // Not an object, and not JSON at all: raw text on purpose.
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
        long world = worldWithMeta(object());

        Reply paused = api.post(path(world) + "/scheduler/pause", object()).as(user).send();
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
        long world = worldWithMeta(TIERS);
        int writers = 24;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            JsonObject body = i % 2 == 0 ? object("key" + i, i, "pauseSimulation", true) : object("key" + i, i);
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
        long world = worldWithMeta(object("relationship_schemas", object("default", array(tier("a", 0, 40), tier("b", 50)),
                        "rivals", array(tier("foe", 0))),
                "intimacy_schema", object("levels", array(object("id", "crush", "minAffinity", 60)))));

        Reply report = api.get(path(world) + "/schema-report").as(user).send();

        assertThat(report.status()).as(report.toString()).isEqualTo(200);
        assertThat(report.body()).isEqualTo("{\"overall_valid\":true,\"schema_health\":["
                + "{\"entry_count\":2,\"errors\":[],\"is_valid\":true,\"schema_type\":\"relationship:default\","
                + "\"suggestions\":[],\"warnings\":[\"Gap between \\\"a\\\" (ends at 40) and \\\"b\\\" (starts at 50)\"]},"
                + "{\"entry_count\":1,\"errors\":[],\"is_valid\":true,\"schema_type\":\"relationship:rivals\","
                + "\"suggestions\":[],\"warnings\":[]},"
                + "{\"entry_count\":1,\"errors\":[],\"is_valid\":true,\"schema_type\":\"intimacy\","
                + "\"suggestions\":[],\"warnings\":[]}],"
                + "\"world_id\":" + world + ",\"world_name\":\"W\"}");
        assertThat(api.get(path(worldWithMeta(object())) + "/schema-report").as(user).send().json()
                .getJsonArray("schema_health")).isEmpty();
    }
}
