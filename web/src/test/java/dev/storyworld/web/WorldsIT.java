package dev.storyworld.web;

import dev.storyworld.web.support.Api;
import dev.storyworld.web.support.Api.Reply;
import dev.storyworld.web.support.ServiceIT;
import dev.storyworld.web.support.TestDatabase;
import dev.storyworld.world.control.SchedulerConfig;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static dev.storyworld.web.support.JsonValues.array;
import static dev.storyworld.web.support.JsonValues.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Worlds, black box: create, read, list (offset and cursor pages), delete; the clock and its
 * advance with idempotency keys; the validated meta and its version, the scheduler config at
 * meta.simulation, and the schema report.
 */
class WorldsIT extends ServiceIT {

    private long createWorld(String name) {
        Reply created = api.post(WORLDS, object("name", name)).as(user).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.id();
    }

    @Test
    void createAnswers201WithLocationAndTheWholeDetail() {
        Reply created = api.post(WORLDS, object("name", "Harbor Town",
                "meta", object("gameProfile", object("style", "hybrid"), "list", array(1, 2.5, null)))).as(user).send();

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

        Reply fetched = api.get(WORLDS + "/" + created.id()).as(user).send();
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.json()).isEqualTo(world);
    }

    @Test
    void createWithoutMetaStoresAnEmptyObject() {
        Reply world = api.get(WORLDS + "/" + createWorld("Plain")).as(user).send();
        assertThat(world.json().getJsonObject("meta")).isEmpty();
    }

    @Test
    void createRefusesABadNameAndStoresNothing() {
        for (JsonObject body : List.of(object(), object("name", ""), object("name", "   "),
                object("name", "x".repeat(129)))) {
            Reply refused = api.post(WORLDS, body).as(user).send();
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.error()).isEqualTo("invalid_request");
            assertThat(refused.json().getJsonArray("violations").getJsonObject(0).getString("field")).isEqualTo("name");
        }
        assertThat(api.get(WORLDS).as(user).send().json().getInt("total")).isZero();
    }

    @Test
    void listPagesTheCallersWorldsByIdWithTotal() {
        List<Long> ids = IntStream.range(0, 5).mapToObj(i -> createWorld("w" + i)).toList();
        createWorldOfAnotherUser();

        JsonObject page = api.get(WORLDS + "?offset=1&limit=2").as(user).send().json();

        assertThat(page.getInt("total")).isEqualTo(5);
        assertThat(page.getInt("offset")).isEqualTo(1);
        assertThat(page.getInt("limit")).isEqualTo(2);
        assertThat(page.getJsonArray("worlds").getValuesAs(JsonObject.class))
                .extracting(w -> w.getJsonNumber("id").longValue(), w -> w.getString("name"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ids.get(1), "w1"),
                        org.assertj.core.groups.Tuple.tuple(ids.get(2), "w2"));
        assertThat(page.isNull("next_cursor")).as("worlds follow this page").isFalse();
        assertThat(api.get(WORLDS + "?offset=3&limit=2").as(user).send().json().isNull("next_cursor"))
                .as("the last page").isTrue();

        JsonObject defaults = api.get(WORLDS).as(user).send().json();
        assertThat(defaults.getInt("offset")).isZero();
        assertThat(defaults.getInt("limit")).isEqualTo(100);
        assertThat(defaults.getJsonArray("worlds")).hasSize(5);
        assertThat(api.get(WORLDS + "?limit=0").as(user).send().json().getInt("limit")).isEqualTo(1);
        assertThat(api.get(WORLDS + "?limit=5000").as(user).send().json().getInt("limit")).isEqualTo(1000);
        assertThat(api.get(WORLDS + "?offset=10").as(user).send().json().getJsonArray("worlds")).isEmpty();
    }

    @Test
    void theTotalCountsEveryConcurrentCreateAndDeleteExactlyOnce() throws Exception {
        List<Long> older = IntStream.range(0, 10).mapToObj(i -> createWorld("older" + i)).toList();
        long newcomer = Api.newUserId();
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            calls.add(() -> api.post(WORLDS, object("name", "new")).as(user).send().status());
            // A user's first worlds, all at once: the first of them creates the user's count.
            calls.add(() -> api.post(WORLDS, object("name", "first")).as(newcomer).send().status());
        }
        for (long id : older.subList(0, 6)) {
            // Deleted twice at once: one 204, one 404, and the total one less.
            calls.add(() -> api.delete(WORLDS + "/" + id).as(user).send().status());
            calls.add(() -> api.delete(WORLDS + "/" + id).as(user).send().status());
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Integer> statuses = new ArrayList<>();
        try {
            for (Future<Integer> status : pool.invokeAll(calls)) {
                statuses.add(status.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(60);
        assertThat(statuses).filteredOn(s -> s == 204).hasSize(6);
        assertThat(statuses).filteredOn(s -> s == 404).hasSize(6);
        JsonObject mine = api.get(WORLDS + "?limit=1000").as(user).send().json();
        assertThat(mine.getJsonArray("worlds")).hasSize(34);
        assertThat(mine.getInt("total")).isEqualTo(34);
        JsonObject theirs = api.get(WORLDS + "?limit=1000").as(newcomer).send().json();
        assertThat(theirs.getJsonArray("worlds")).hasSize(30);
        assertThat(theirs.getInt("total")).isEqualTo(30);
    }

    @Test
    void listRefusesANegativeOrNonNumericOffset() {
        for (String query : List.of("offset=-1", "offset=abc", "limit=1.5")) {
            Reply refused = api.get(WORLDS + "?" + query).as(user).send();
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.error()).isEqualTo("invalid_request");
        }
    }

    @Test
    void deleteAnswers204AndTheWorldIsGone() {
        long id = createWorld("Doomed");

        assertThat(api.delete(WORLDS + "/" + id).as(user).send().status()).isEqualTo(204);

        Reply gone = api.get(WORLDS + "/" + id).as(user).send();
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.error()).isEqualTo("world_not_found");
        assertThat(api.delete(WORLDS + "/" + id).as(user).send().status()).isEqualTo(404);
    }

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

    @Test
    void anotherUsersWorldIsNotFoundOnEveryVerb() {
        long foreign = createWorldOfAnotherUser();

        String path = WORLDS + "/" + foreign;
        List<Reply> replies = List.of(
                api.get(path).as(user).send(),
                api.post(path + "/advance", object("delta_seconds", 5)).as(user).send(),
                api.post(path + "/advance", object("delta_seconds", 5)).header("Idempotency-Key", "k").as(user).send(),
                api.put(path + "/meta", object("meta", object())).as(user).send(),
                api.get(path + "/scheduler/config").as(user).send(),
                api.put(path + "/scheduler/config", object("timeScale", 2)).as(user).send(),
                api.post(path + "/scheduler/pause", object()).as(user).send(),
                api.post(path + "/scheduler/resume", object()).as(user).send(),
                api.get(path + "/schema-report").as(user).send(),
                api.delete(path).as(user).send());

        assertThat(replies).allSatisfy(reply -> {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(404);
            assertThat(reply.error()).isEqualTo("world_not_found");
        });
        assertThat(api.get(WORLDS).as(user).send().json().getInt("total")).isZero();
    }

    @Test
    void pathIdsMustBePositiveIntegers() {
        for (String id : List.of("abc", "0", "-3", "1.5", "99999999999999999999")) {
            Reply refused = api.get(WORLDS + "/" + id).as(user).send();
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
                Reply reply = api.post(WORLDS + "/" + id + "/advance", object("delta_seconds", delta))
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
        double worldTime = api.get(WORLDS + "/" + id).as(user).send().json()
                .getJsonNumber("world_time").doubleValue();
        assertThat(worldTime).isEqualTo(accepted);
    }

    @Test
    void cursorPagesWalkTheWorldsByIdAndTheLastHasNoCursor() {
        List<Long> ids = IntStream.range(0, 7).mapToObj(i -> createWorld("w" + i)).toList();
        createWorldOfAnotherUser();

        JsonObject first = api.get(WORLDS + "?limit=3").as(user).send().json();
        assertThat(first.getInt("offset")).isZero();
        List<JsonObject> pages = new ArrayList<>(List.of(first));
        while (!pages.get(pages.size() - 1).isNull("next_cursor")) {
            Reply next = api.get(WORLDS + "?limit=3&cursor="
                    + pages.get(pages.size() - 1).getString("next_cursor")).as(user).send();
            assertThat(next.status()).as(next.toString()).isEqualTo(200);
            pages.add(next.json());
        }

        assertThat(pages).extracting(page -> page.getJsonArray("worlds").size()).containsExactly(3, 3, 1);
        assertThat(pages).allSatisfy(page -> assertThat(page.getInt("total")).isEqualTo(7));
        assertThat(pages.subList(1, 3)).allSatisfy(page -> assertThat(page.isNull("offset")).isTrue());
        assertThat(pages.stream().flatMap(page -> ids(page).stream()).toList()).isEqualTo(ids);
        // An offset page carries the cursor of what follows it too.
        JsonObject byOffset = api.get(WORLDS + "?offset=3&limit=3").as(user).send().json();
        assertThat(ids(api.get(WORLDS + "?limit=3&cursor=" + byOffset.getString("next_cursor"))
                .as(user).send().json())).containsExactly(ids.get(6));
    }

    @Test
    void aCursorWorksOnlyForItsCallerAndUnaltered() {
        createWorld("a");
        createWorld("b");
        String cursor = api.get(WORLDS + "?limit=1").as(user).send().json().getString("next_cursor");
        String position = cursor.substring(0, cursor.indexOf('.'));
        String signature = cursor.substring(cursor.indexOf('.') + 1);
        String otherPosition = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("1".getBytes(StandardCharsets.US_ASCII));
        String flipped = (signature.charAt(0) == 'A' ? "B" : "A") + signature.substring(1);

        for (String refused : List.of(otherPosition + "." + signature, position + "." + flipped, position,
                "garbage", "%25%25%25", position + ".")) {
            Reply reply = api.get(WORLDS + "?cursor=" + refused).as(user).send();
            assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
            assertThat(reply.error()).isEqualTo("invalid_cursor");
        }
        Reply foreign = api.get(WORLDS + "?cursor=" + cursor).as(Api.newUserId()).send();
        assertThat(foreign.status()).as(foreign.toString()).isEqualTo(400);
        assertThat(foreign.error()).isEqualTo("invalid_cursor");

        Reply both = api.get(WORLDS + "?offset=0&cursor=" + cursor).as(user).send();
        assertThat(both.status()).as(both.toString()).isEqualTo(400);
        assertThat(both.error()).isEqualTo("invalid_request");
        assertThat(api.get(WORLDS + "?cursor=" + cursor).as(user).send().status()).isEqualTo(200);
    }

    /**
     * Two threads create worlds and delete doomed ones (interleaved by id with the stable ones) for
     * as long as the walk lasts, and at least one such change lands between any two pages: offset
     * paging would skip stable worlds here, keyset paging must not.
     */
    @Test
    void aCursorWalkSeesEveryStableWorldExactlyOnceWhileWorldsComeAndGo() throws Exception {
        List<Long> stable = new ArrayList<>();
        List<Long> doomed = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            long id = createWorld("w" + i);
            (i % 5 == 1 || i % 5 == 3 ? doomed : stable).add(id);
        }
        Deque<Long> toDelete = new ConcurrentLinkedDeque<>(doomed);
        Set<Long> created = ConcurrentHashMap.newKeySet();
        Semaphore changes = new Semaphore(0);
        AtomicBoolean walking = new AtomicBoolean(true);
        AtomicInteger deleted = new AtomicInteger();
        Callable<Void> churn = () -> {
            while (walking.get()) {
                created.add(createWorld("churn"));
                changes.release();
                Long victim = toDelete.pollFirst();
                if (victim != null) {
                    assertThat(api.delete(WORLDS + "/" + victim).as(user).send().status()).isEqualTo(204);
                    deleted.incrementAndGet();
                    changes.release();
                }
            }
            return null;
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Long> walked = new ArrayList<>();
        int pages = 0;
        try {
            List<Future<Void>> churners = List.of(pool.submit(churn), pool.submit(churn));
            String cursor = null;
            do {
                assertThat(changes.tryAcquire(30, TimeUnit.SECONDS)).isTrue();
                Reply page = api.get(WORLDS + "?limit=7" + (cursor == null ? "" : "&cursor=" + cursor))
                        .as(user).send();
                assertThat(page.status()).as(page.toString()).isEqualTo(200);
                walked.addAll(ids(page.json()));
                cursor = page.json().isNull("next_cursor") ? null : page.json().getString("next_cursor");
                pages++;
            } while (cursor != null);
            walking.set(false);
            for (Future<Void> churner : churners) {
                churner.get();
            }
        } finally {
            walking.set(false);
            pool.shutdownNow();
        }

        assertThat(pages).isGreaterThan(10);
        assertThat(deleted.get()).isGreaterThan(10);
        assertThat(walked).doesNotHaveDuplicates().isSorted().containsAll(stable);
        Set<Long> everOwned = new HashSet<>(stable);
        everOwned.addAll(doomed);
        everOwned.addAll(created);
        assertThat(everOwned).containsAll(walked);
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

    // ---- the meta, the scheduler config and the schema report

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
        assertProblem(api.call("PATCH", path(world) + "/meta").json(object("lore", null)).as(user).send(), 415,
                "unsupported_media_type");
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

    private static List<Long> ids(JsonObject page) {
        return page.getJsonArray("worlds").getValuesAs(JsonObject.class).stream()
                .map(w -> w.getJsonNumber("id").longValue()).toList();
    }

    private double worldTime(long id) {
        return api.get(WORLDS + "/" + id).as(user).send().json().getJsonNumber("world_time").doubleValue();
    }

    private long createWorldOfAnotherUser() {
        return createWorldOf(Api.newUserId());
    }

    private long createWorldOf(long owner) {
        Reply created = api.post(WORLDS, object("name", "Not yours")).as(owner).send();
        assertThat(created.status()).isEqualTo(201);
        return created.id();
    }
}
