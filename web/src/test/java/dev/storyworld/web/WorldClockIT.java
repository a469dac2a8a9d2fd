package dev.storyworld.web;

import dev.storyworld.web.support.Api;
import dev.storyworld.web.support.Api.Reply;
import dev.storyworld.web.support.ServiceIT;
import dev.storyworld.web.support.TestDatabase;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.storyworld.web.support.JsonValues.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The world clock, black box: advances add up and derive the clock, none is lost under concurrency, and
 * an idempotency key makes a repeat answer the first advance again without advancing.
 */
class WorldClockIT extends ServiceIT {

    private static final String ADVANCE_BATCHES = "storyworld_world_advance_batches_total(?:\\{[^}]*\\})?";

    @Test
    void advanceAddsTheDeltaAndDerivesTheClock() {
        long id = createWorld("Clockwork");

        Reply advanced = api.post(WORLDS + "/" + id + "/advance", object("delta_seconds", 93784.5)).as(user).send();
        assertThat(advanced.status()).as(advanced.toString()).isEqualTo(200);
        assertThat(advanced.json().getJsonNumber("world_time").doubleValue()).isEqualTo(93784.5);
        assertThat(advanced.json().getJsonObject("world_clock").toString()).isEqualTo(
                "{\"day_name\":\"Tuesday\",\"day_of_week\":1,\"hour\":2,\"minute\":3,\"second\":4,"
                        + "\"seconds_into_week\":93784.5,\"week\":0}");

        Reply again = api.post(WORLDS + "/" + id + "/advance", object("delta_seconds", 604800)).as(user).send();
        assertThat(again.json().getJsonNumber("world_time").doubleValue()).isEqualTo(698584.5);
        assertThat(again.json().getJsonObject("world_clock").getInt("week")).isEqualTo(1);
        assertThat(Instant.parse(again.json().getString("last_advanced_at")))
                .isAfterOrEqualTo(Instant.parse(advanced.json().getString("last_advanced_at")));

        Reply zero = api.post(WORLDS + "/" + id + "/advance", object("delta_seconds", 0)).as(user).send();
        assertThat(zero.json().getJsonNumber("world_time").doubleValue()).isEqualTo(698584.5);
        Reply max = api.post(WORLDS + "/" + id + "/advance", object("delta_seconds", 31536000)).as(user).send();
        assertThat(max.status()).isEqualTo(200);
    }

    @Test
    void advanceRefusesBadDeltasAndChangesNothing() {
        long id = createWorld("Strict");
        // 1e999 and -1e999: numbers no double holds.
        for (JsonObject body : List.of(object("delta_seconds", -1), object("delta_seconds", -0.001),
                object("delta_seconds", 31536000.5), object("delta_seconds", new BigDecimal("1e999")),
                object("delta_seconds", new BigDecimal("-1e999")), object(), object("delta_seconds", null))) {
            Reply refused = api.post(WORLDS + "/" + id + "/advance", body).as(user).send();
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.error()).isEqualTo("invalid_request");
            assertThat(refused.json().getJsonArray("violations").getJsonObject(0).getString("field"))
                    .isEqualTo("delta_seconds");
        }
        for (Object wrongType : List.of("ten", "1", true)) {
            Reply refused = api.post(WORLDS + "/" + id + "/advance", object("delta_seconds", wrongType)).as(user).send();
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.error()).isEqualTo("invalid_request");
        }

        assertThat(api.get(WORLDS + "/" + id).as(user).send().json().getJsonNumber("world_time").doubleValue())
                .isZero();
    }

    /**
     * Concurrent advances of one world are applied together in batches: none may be lost, and each
     * caller's answer must be the clock right after its own delta, in one order (sorted by the
     * answered clock, each answer is the one before plus that request's delta).
     */
    @Test
    void concurrentAdvancesNeverLoseAnUpdateAndEachGetsItsOwnClock() throws Exception {
        long id = createWorld("Busy");
        int threads = 16;
        int advances = 240;
        // Multiples of 1/4 add up exactly in binary floating point, so the expected sums are exact.
        List<Callable<double[]>> calls = new ArrayList<>();
        for (int i = 0; i < advances; i++) {
            double delta = (i % 8 + 1) * 0.25;
            calls.add(() -> {
                Reply reply = api.post(WORLDS + "/" + id + "/advance", object("delta_seconds", delta))
                        .as(user).send();
                assertThat(reply.status()).as(reply.body()).isEqualTo(200);
                return new double[] {reply.json().getJsonNumber("world_time").doubleValue(), delta};
            });
        }
        long batchesBefore = api.counter(ADVANCE_BATCHES);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<double[]> answers = new ArrayList<>();
        try {
            for (Future<double[]> result : pool.invokeAll(calls)) {
                answers.add(result.get());
            }
        } finally {
            pool.shutdownNow();
        }

        answers.sort(Comparator.comparingDouble(answer -> answer[0]));
        double clock = 0;
        for (double[] answer : answers) {
            clock += answer[1];
            assertThat(answer[0]).as("the clock right after this request's delta").isEqualTo(clock);
        }
        double worldTime = api.get(WORLDS + "/" + id).as(user).send().json()
                .getJsonNumber("world_time").doubleValue();
        assertThat(worldTime).isEqualTo(clock);
        assertThat(api.counter(ADVANCE_BATCHES) - batchesBefore).as("transactions for the advances")
                .isBetween(1L, advances - 1L);
    }

    @Test
    void aRepeatedIdempotencyKeyGivesTheFirstAnswerAndDoesNotAdvanceAgain() {
        long id = createWorld("Once");
        String path = WORLDS + "/" + id + "/advance";

        Reply first = api.post(path, object("delta_seconds", 10)).header("Idempotency-Key", "k-1").as(user).send();
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(api.post(path, object("delta_seconds", 1)).as(user).send().status()).isEqualTo(200);
        api.put(WORLDS + "/" + id + "/meta", object("meta", object("changed", true))).as(user).send();

        // The same body, and the same body as other text: white space and another number scale.
        for (String sameBody : List.of(object("delta_seconds", 10).toString(), "{ \"delta_seconds\" : 10.0 }")) {
            Reply repeat = api.post(path, sameBody).header("Idempotency-Key", "k-1").as(user).send();
            assertThat(repeat.status()).as(repeat.toString()).isEqualTo(200);
            assertThat(repeat.body()).isEqualTo(first.body());
        }
        assertThat(worldTime(id)).isEqualTo(11);

        Reply reused = api.post(path, object("delta_seconds", 20)).header("Idempotency-Key", "k-1").as(user).send();
        assertThat(reused.status()).as(reused.toString()).isEqualTo(409);
        assertThat(reused.error()).isEqualTo("idempotency_key_reused");
        long otherWorld = createWorld("Other");
        Reply elsewhere = api.post(WORLDS + "/" + otherWorld + "/advance", object("delta_seconds", 10))
                .header("Idempotency-Key", "k-1").as(user).send();
        assertThat(elsewhere.status()).as(elsewhere.toString()).isEqualTo(409);
        assertThat(worldTime(id)).isEqualTo(11);
        assertThat(worldTime(otherWorld)).isZero();

        Reply otherKey = api.post(path, object("delta_seconds", 10)).header("Idempotency-Key", "k-2").as(user).send();
        assertThat(otherKey.json().getJsonNumber("world_time").doubleValue()).isEqualTo(21);
    }

    @Test
    void idempotencyKeysBelongToTheirUser() {
        long other = Api.newUserId();
        long mine = createWorld("Mine");
        long theirs = createWorldOf(other);

        Reply myAnswer = api.post(WORLDS + "/" + mine + "/advance", object("delta_seconds", 3))
                .header("Idempotency-Key", "shared").as(user).send();
        Reply theirAnswer = api.post(WORLDS + "/" + theirs + "/advance", object("delta_seconds", 4))
                .header("Idempotency-Key", "shared").as(other).send();

        assertThat(myAnswer.status()).isEqualTo(200);
        assertThat(theirAnswer.status()).as(theirAnswer.toString()).isEqualTo(200);
        assertThat(theirAnswer.json().getJsonNumber("world_time").doubleValue()).isEqualTo(4);

        // My key on their world, or on no world: 404 like any other request, never 409.
        for (long notMine : List.of(theirs, 999_999_999L)) {
            Reply refused = api.post(WORLDS + "/" + notMine + "/advance", object("delta_seconds", 5))
                    .header("Idempotency-Key", "shared").as(user).send();
            assertThat(refused.status()).as(refused.toString()).isEqualTo(404);
            assertThat(refused.error()).isEqualTo("world_not_found");
        }
        assertThat(api.get(WORLDS + "/" + theirs).as(other).send().json().getJsonNumber("world_time")
                .doubleValue()).isEqualTo(4);
    }

    @Test
    void fiftyConcurrentRequestsWithOneKeyAdvanceOnceAndAllGetTheSameAnswer() throws Exception {
        long id = createWorld("Crowd");
        int requests = 50;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Reply>> calls = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            calls.add(() -> {
                start.await();
                return api.post(WORLDS + "/" + id + "/advance", object("delta_seconds", 2.5))
                        .header("Idempotency-Key", "crowd").as(user).send();
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        List<Reply> replies = new ArrayList<>();
        try {
            List<Future<Reply>> futures = calls.stream().map(pool::submit).toList();
            start.countDown();
            for (Future<Reply> future : futures) {
                replies.add(future.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(replies).allSatisfy(reply -> assertThat(reply.status()).as(reply.toString()).isEqualTo(200));
        assertThat(replies.stream().map(Reply::body).distinct()).hasSize(1);
        assertThat(replies.get(0).json().getJsonNumber("world_time").doubleValue()).isEqualTo(2.5);
        assertThat(worldTime(id)).isEqualTo(2.5);
    }

    @Test
    void onlyASuccessfulRequestUsesUpAKey() {
        long id = createWorld("Patient");
        String path = WORLDS + "/" + id + "/advance";

        assertThat(api.post(path, object("delta_seconds", -1)).header("Idempotency-Key", "k").as(user).send().status())
                .isEqualTo(400);
        assertThat(api.post(WORLDS + "/" + createWorldOfAnotherUser() + "/advance", object("delta_seconds", 1))
                .header("Idempotency-Key", "k").as(user).send().status()).isEqualTo(404);
        Reply accepted = api.post(path, object("delta_seconds", 6)).header("Idempotency-Key", "k").as(user).send();

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(worldTime(id)).isEqualTo(6);
    }

    @Test
    void anIdempotencyKeyHasOneTo255Characters() {
        long id = createWorld("Keys");
        String path = WORLDS + "/" + id + "/advance";

        for (String key : List.of("", "k".repeat(256))) {
            Reply refused = api.post(path, object("delta_seconds", 1)).header("Idempotency-Key", key).as(user).send();
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.error()).isEqualTo("invalid_request");
            assertThat(refused.json().getJsonArray("violations").getJsonObject(0).getString("field"))
                    .isEqualTo("Idempotency-Key");
        }
        assertThat(api.post(path, object("delta_seconds", 1)).header("Idempotency-Key", "k".repeat(255)).as(user).send()
                .status()).isEqualTo(200);
        assertThat(worldTime(id)).isEqualTo(1);
    }

    @Test
    void anExpiredKeyIsForgottenAndServesAFreshRequest() {
        long id = createWorld("Yesterday");
        String path = WORLDS + "/" + id + "/advance";
        api.post(path, object("delta_seconds", 5)).header("Idempotency-Key", "old").as(user).send();
        assertThat(TestDatabase.value("SELECT expires_at BETWEEN CURRENT_TIMESTAMP + INTERVAL '23 hours'"
                + " AND CURRENT_TIMESTAMP + INTERVAL '24 hours' FROM idempotency_keys"
                + " WHERE user_id = ? AND idempotency_key = 'old'", user)).isEqualTo(true);

        TestDatabase.update("UPDATE idempotency_keys SET expires_at = CURRENT_TIMESTAMP - INTERVAL '1 minute'"
                + " WHERE user_id = ? AND idempotency_key = 'old'", user);
        Reply fresh = api.post(path, object("delta_seconds", 7)).header("Idempotency-Key", "old").as(user).send();

        assertThat(fresh.status()).as(fresh.toString()).isEqualTo(200);
        assertThat(worldTime(id)).isEqualTo(12);
        assertThat(api.post(path, object("delta_seconds", 7)).header("Idempotency-Key", "old").as(user).send().body())
                .isEqualTo(fresh.body());
    }

    private double worldTime(long id) {
        return api.get(WORLDS + "/" + id).as(user).send().json().getJsonNumber("world_time").doubleValue();
    }
}
