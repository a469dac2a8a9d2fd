package dev.storyworld.web;

import dev.storyworld.web.support.Api;
import dev.storyworld.web.support.Api.Reply;
import dev.storyworld.web.support.ServiceIT;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The worlds endpoints, black box, against the packaged WAR on Payara Micro and real PostgreSQL. */
class WorldsApiIT extends ServiceIT {


    private long createWorld(String name) {
        Reply created = api.post("api/v1/game/worlds", "{\"name\":\"" + name + "\"}").as(user).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.id();
    }

    @Test
    void createAnswers201WithLocationAndTheWholeDetail() {
        Reply created = api.post("api/v1/game/worlds",
                "{\"name\":\"Harbor Town\",\"meta\":{\"gameProfile\":{\"style\":\"hybrid\"},\"list\":[1,2.5,null]}}")
                .as(user).send();

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonObject world = created.json();
        assertThat(created.header("Location")).endsWith("/api/v1/game/worlds/" + created.id());
        assertThat(world.getString("name")).isEqualTo("Harbor Town");
        assertThat(world.getJsonObject("meta").toString())
                .isEqualTo("{\"gameProfile\":{\"style\":\"hybrid\"},\"list\":[1,2.5,null]}");
        assertThat(world.getJsonNumber("world_time").doubleValue()).isZero();
        assertThat(world.getJsonObject("world_clock").getString("day_name")).isEqualTo("Monday");
        assertThat(Instant.parse(world.getString("created_at"))).isBefore(Instant.now().plusSeconds(1));
        assertThat(world.getString("last_advanced_at")).isEqualTo(world.getString("created_at"));

        Reply fetched = api.get("api/v1/game/worlds/" + created.id()).as(user).send();
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.json()).isEqualTo(world);
    }

    @Test
    void createWithoutMetaStoresAnEmptyObject() {
        Reply world = api.get("api/v1/game/worlds/" + createWorld("Plain")).as(user).send();
        assertThat(world.json().getJsonObject("meta")).isEmpty();
    }

    @Test
    void createRefusesABadNameAndStoresNothing() {
        for (String body : List.of("{}", "{\"name\":\"\"}", "{\"name\":\"   \"}",
                "{\"name\":\"" + "x".repeat(129) + "\"}")) {
            Reply refused = api.post("api/v1/game/worlds", body).as(user).send();
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.error()).isEqualTo("invalid_request");
            assertThat(refused.json().getJsonArray("violations").getJsonObject(0).getString("field")).isEqualTo("name");
        }
        assertThat(api.get("api/v1/game/worlds").as(user).send().json().getInt("total")).isZero();
    }

    @Test
    void listPagesTheCallersWorldsByIdWithTotal() {
        List<Long> ids = IntStream.range(0, 5).mapToObj(i -> createWorld("w" + i)).toList();
        createWorldOfAnotherUser();

        JsonObject page = api.get("api/v1/game/worlds?offset=1&limit=2").as(user).send().json();

        assertThat(page.getInt("total")).isEqualTo(5);
        assertThat(page.getInt("offset")).isEqualTo(1);
        assertThat(page.getInt("limit")).isEqualTo(2);
        assertThat(page.getJsonArray("worlds").getValuesAs(JsonObject.class))
                .extracting(w -> w.getJsonNumber("id").longValue(), w -> w.getString("name"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ids.get(1), "w1"),
                        org.assertj.core.groups.Tuple.tuple(ids.get(2), "w2"));
        assertThat(page.isNull("next_cursor")).isTrue();

        JsonObject defaults = api.get("api/v1/game/worlds").as(user).send().json();
        assertThat(defaults.getInt("offset")).isZero();
        assertThat(defaults.getInt("limit")).isEqualTo(100);
        assertThat(defaults.getJsonArray("worlds")).hasSize(5);
        assertThat(api.get("api/v1/game/worlds?limit=0").as(user).send().json().getInt("limit")).isEqualTo(1);
        assertThat(api.get("api/v1/game/worlds?limit=5000").as(user).send().json().getInt("limit")).isEqualTo(1000);
        assertThat(api.get("api/v1/game/worlds?offset=10").as(user).send().json().getJsonArray("worlds")).isEmpty();
    }

    @Test
    void listRefusesANegativeOrNonNumericOffset() {
        for (String query : List.of("offset=-1", "offset=abc", "limit=1.5")) {
            Reply refused = api.get("api/v1/game/worlds?" + query).as(user).send();
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.error()).isEqualTo("invalid_request");
        }
    }

    @Test
    void deleteAnswers204AndTheWorldIsGone() {
        long id = createWorld("Doomed");

        assertThat(api.delete("api/v1/game/worlds/" + id).as(user).send().status()).isEqualTo(204);

        Reply gone = api.get("api/v1/game/worlds/" + id).as(user).send();
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.error()).isEqualTo("world_not_found");
        assertThat(api.delete("api/v1/game/worlds/" + id).as(user).send().status()).isEqualTo(404);
    }

    @Test
    void advanceAddsTheDeltaAndDerivesTheClock() {
        long id = createWorld("Clockwork");

        Reply advanced = api.post("api/v1/game/worlds/" + id + "/advance", "{\"delta_seconds\":93784.5}").as(user).send();
        assertThat(advanced.status()).as(advanced.toString()).isEqualTo(200);
        assertThat(advanced.json().getJsonNumber("world_time").doubleValue()).isEqualTo(93784.5);
        assertThat(advanced.json().getJsonObject("world_clock").toString()).isEqualTo(
                "{\"day_name\":\"Tuesday\",\"day_of_week\":1,\"hour\":2,\"minute\":3,\"second\":4,"
                        + "\"seconds_into_week\":93784.5,\"week\":0}");

        Reply again = api.post("api/v1/game/worlds/" + id + "/advance", "{\"delta_seconds\":604800}").as(user).send();
        assertThat(again.json().getJsonNumber("world_time").doubleValue()).isEqualTo(698584.5);
        assertThat(again.json().getJsonObject("world_clock").getInt("week")).isEqualTo(1);
        assertThat(Instant.parse(again.json().getString("last_advanced_at")))
                .isAfterOrEqualTo(Instant.parse(advanced.json().getString("last_advanced_at")));

        Reply zero = api.post("api/v1/game/worlds/" + id + "/advance", "{\"delta_seconds\":0}").as(user).send();
        assertThat(zero.json().getJsonNumber("world_time").doubleValue()).isEqualTo(698584.5);
        Reply max = api.post("api/v1/game/worlds/" + id + "/advance", "{\"delta_seconds\":31536000}").as(user).send();
        assertThat(max.status()).isEqualTo(200);
    }

    @Test
    void advanceRefusesBadDeltasAndChangesNothing() {
        long id = createWorld("Strict");
        for (String body : List.of("{\"delta_seconds\":-1}", "{\"delta_seconds\":-0.001}",
                "{\"delta_seconds\":31536000.5}", "{\"delta_seconds\":1e999}", "{\"delta_seconds\":-1e999}",
                "{}", "{\"delta_seconds\":null}")) {
            Reply refused = api.post("api/v1/game/worlds/" + id + "/advance", body).as(user).send();
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.error()).isEqualTo("invalid_request");
            assertThat(refused.json().getJsonArray("violations").getJsonObject(0).getString("field"))
                    .isEqualTo("delta_seconds");
        }
        Reply wrongType = api.post("api/v1/game/worlds/" + id + "/advance", "{\"delta_seconds\":\"ten\"}").as(user).send();
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.error()).isEqualTo("invalid_request");

        assertThat(api.get("api/v1/game/worlds/" + id).as(user).send().json().getJsonNumber("world_time").doubleValue())
                .isZero();
    }

    @Test
    void anotherUsersWorldIsNotFoundOnEveryVerb() {
        long foreign = createWorldOfAnotherUser();

        List<Reply> replies = List.of(
                api.get("api/v1/game/worlds/" + foreign).as(user).send(),
                api.post("api/v1/game/worlds/" + foreign + "/advance", "{\"delta_seconds\":5}").as(user).send(),
                api.delete("api/v1/game/worlds/" + foreign).as(user).send());

        assertThat(replies).allSatisfy(reply -> {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(404);
            assertThat(reply.error()).isEqualTo("world_not_found");
        });
        assertThat(api.get("api/v1/game/worlds").as(user).send().json().getInt("total")).isZero();
    }

    @Test
    void pathIdsMustBePositiveIntegers() {
        for (String id : List.of("abc", "0", "-3", "1.5", "99999999999999999999")) {
            Reply refused = api.get("api/v1/game/worlds/" + id).as(user).send();
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.error()).isEqualTo("invalid_id");
        }
    }

    @Test
    void concurrentAdvancesNeverLoseAnUpdate() throws Exception {
        long id = createWorld("Busy");
        int threads = 16;
        int advances = 240;
        // Multiples of 1/4 add up exactly in binary floating point, so the expected sum is exact.
        List<Callable<Double>> calls = new ArrayList<>();
        for (int i = 0; i < advances; i++) {
            double delta = (i % 8 + 1) * 0.25;
            calls.add(() -> {
                Reply reply = api.post("api/v1/game/worlds/" + id + "/advance", "{\"delta_seconds\":" + delta + "}")
                        .as(user).send();
                return reply.status() == 200 ? delta : 0.0;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        double accepted = 0;
        int acceptedCount = 0;
        try {
            for (Future<Double> result : pool.invokeAll(calls)) {
                double delta = result.get();
                accepted += delta;
                acceptedCount += delta > 0 ? 1 : 0;
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(acceptedCount).isEqualTo(advances);
        double worldTime = api.get("api/v1/game/worlds/" + id).as(user).send().json()
                .getJsonNumber("world_time").doubleValue();
        assertThat(worldTime).isEqualTo(accepted);
    }

    private long createWorldOfAnotherUser() {
        Reply created = api.post("api/v1/game/worlds", "{\"name\":\"Not yours\"}").as(Api.newUserId()).send();
        assertThat(created.status()).isEqualTo(201);
        return created.id();
    }
}
