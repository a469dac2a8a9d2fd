package dev.storyworld.web;

import dev.storyworld.web.support.Api;
import dev.storyworld.web.support.Api.Reply;
import dev.storyworld.web.support.ServiceIT;
import dev.storyworld.web.support.TestDatabase;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
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
        assertThat(page.isNull("next_cursor")).as("worlds follow this page").isFalse();
        assertThat(api.get("api/v1/game/worlds?offset=3&limit=2").as(user).send().json().isNull("next_cursor"))
                .as("the last page").isTrue();

        JsonObject defaults = api.get("api/v1/game/worlds").as(user).send().json();
        assertThat(defaults.getInt("offset")).isZero();
        assertThat(defaults.getInt("limit")).isEqualTo(100);
        assertThat(defaults.getJsonArray("worlds")).hasSize(5);
        assertThat(api.get("api/v1/game/worlds?limit=0").as(user).send().json().getInt("limit")).isEqualTo(1);
        assertThat(api.get("api/v1/game/worlds?limit=5000").as(user).send().json().getInt("limit")).isEqualTo(1000);
        assertThat(api.get("api/v1/game/worlds?offset=10").as(user).send().json().getJsonArray("worlds")).isEmpty();
    }

    @Test
    void theTotalCountsEveryConcurrentCreateAndDeleteExactlyOnce() throws Exception {
        List<Long> older = IntStream.range(0, 10).mapToObj(i -> createWorld("older" + i)).toList();
        long newcomer = Api.newUserId();
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            calls.add(() -> api.post("api/v1/game/worlds", "{\"name\":\"new\"}").as(user).send().status());
            // A user's first worlds, all at once: the first of them creates the user's count.
            calls.add(() -> api.post("api/v1/game/worlds", "{\"name\":\"first\"}").as(newcomer).send().status());
        }
        for (long id : older.subList(0, 6)) {
            // Deleted twice at once: one 204, one 404, and the total one less.
            calls.add(() -> api.delete("api/v1/game/worlds/" + id).as(user).send().status());
            calls.add(() -> api.delete("api/v1/game/worlds/" + id).as(user).send().status());
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
        JsonObject mine = api.get("api/v1/game/worlds?limit=1000").as(user).send().json();
        assertThat(mine.getJsonArray("worlds")).hasSize(34);
        assertThat(mine.getInt("total")).isEqualTo(34);
        JsonObject theirs = api.get("api/v1/game/worlds?limit=1000").as(newcomer).send().json();
        assertThat(theirs.getJsonArray("worlds")).hasSize(30);
        assertThat(theirs.getInt("total")).isEqualTo(30);
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
        for (String wrongType : List.of("\"ten\"", "\"1\"", "true")) {
            Reply refused = api.post("api/v1/game/worlds/" + id + "/advance", "{\"delta_seconds\":" + wrongType + "}")
                    .as(user).send();
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.error()).isEqualTo("invalid_request");
        }

        assertThat(api.get("api/v1/game/worlds/" + id).as(user).send().json().getJsonNumber("world_time").doubleValue())
                .isZero();
    }

    @Test
    void anotherUsersWorldIsNotFoundOnEveryVerb() {
        long foreign = createWorldOfAnotherUser();

        String path = "api/v1/game/worlds/" + foreign;
        List<Reply> replies = List.of(
                api.get(path).as(user).send(),
                api.post(path + "/advance", "{\"delta_seconds\":5}").as(user).send(),
                api.post(path + "/advance", "{\"delta_seconds\":5}").header("Idempotency-Key", "k").as(user).send(),
                api.put(path + "/meta", "{\"meta\":{}}").as(user).send(),
                api.get(path + "/scheduler/config").as(user).send(),
                api.put(path + "/scheduler/config", "{\"timeScale\":2}").as(user).send(),
                api.post(path + "/scheduler/pause", "{}").as(user).send(),
                api.post(path + "/scheduler/resume", "{}").as(user).send(),
                api.get(path + "/schema-report").as(user).send(),
                api.delete(path).as(user).send());

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

    @Test
    void cursorPagesWalkTheWorldsByIdAndTheLastHasNoCursor() {
        List<Long> ids = IntStream.range(0, 7).mapToObj(i -> createWorld("w" + i)).toList();
        createWorldOfAnotherUser();

        JsonObject first = api.get("api/v1/game/worlds?limit=3").as(user).send().json();
        assertThat(first.getInt("offset")).isZero();
        List<JsonObject> pages = new ArrayList<>(List.of(first));
        while (!pages.get(pages.size() - 1).isNull("next_cursor")) {
            Reply next = api.get("api/v1/game/worlds?limit=3&cursor="
                    + pages.get(pages.size() - 1).getString("next_cursor")).as(user).send();
            assertThat(next.status()).as(next.toString()).isEqualTo(200);
            pages.add(next.json());
        }

        assertThat(pages).extracting(page -> page.getJsonArray("worlds").size()).containsExactly(3, 3, 1);
        assertThat(pages).allSatisfy(page -> assertThat(page.getInt("total")).isEqualTo(7));
        assertThat(pages.subList(1, 3)).allSatisfy(page -> assertThat(page.isNull("offset")).isTrue());
        assertThat(pages.stream().flatMap(page -> ids(page).stream()).toList()).isEqualTo(ids);
        // An offset page carries the cursor of what follows it too.
        JsonObject byOffset = api.get("api/v1/game/worlds?offset=3&limit=3").as(user).send().json();
        assertThat(ids(api.get("api/v1/game/worlds?limit=3&cursor=" + byOffset.getString("next_cursor"))
                .as(user).send().json())).containsExactly(ids.get(6));
    }

    @Test
    void aCursorWorksOnlyForItsCallerAndUnaltered() {
        createWorld("a");
        createWorld("b");
        String cursor = api.get("api/v1/game/worlds?limit=1").as(user).send().json().getString("next_cursor");
        String position = cursor.substring(0, cursor.indexOf('.'));
        String signature = cursor.substring(cursor.indexOf('.') + 1);
        String otherPosition = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("1".getBytes(StandardCharsets.US_ASCII));
        String flipped = (signature.charAt(0) == 'A' ? "B" : "A") + signature.substring(1);

        for (String refused : List.of(otherPosition + "." + signature, position + "." + flipped, position,
                "garbage", "%25%25%25", position + ".")) {
            Reply reply = api.get("api/v1/game/worlds?cursor=" + refused).as(user).send();
            assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
            assertThat(reply.error()).isEqualTo("invalid_cursor");
        }
        Reply foreign = api.get("api/v1/game/worlds?cursor=" + cursor).as(Api.newUserId()).send();
        assertThat(foreign.status()).as(foreign.toString()).isEqualTo(400);
        assertThat(foreign.error()).isEqualTo("invalid_cursor");

        Reply both = api.get("api/v1/game/worlds?offset=0&cursor=" + cursor).as(user).send();
        assertThat(both.status()).as(both.toString()).isEqualTo(400);
        assertThat(both.error()).isEqualTo("invalid_request");
        assertThat(api.get("api/v1/game/worlds?cursor=" + cursor).as(user).send().status()).isEqualTo(200);
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
                    assertThat(api.delete("api/v1/game/worlds/" + victim).as(user).send().status()).isEqualTo(204);
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
                Reply page = api.get("api/v1/game/worlds?limit=7" + (cursor == null ? "" : "&cursor=" + cursor))
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
        String path = "api/v1/game/worlds/" + id + "/advance";

        Reply first = api.post(path, "{\"delta_seconds\":10}").header("Idempotency-Key", "k-1").as(user).send();
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(api.post(path, "{\"delta_seconds\":1}").as(user).send().status()).isEqualTo(200);
        api.put("api/v1/game/worlds/" + id + "/meta", "{\"meta\":{\"changed\":true}}").as(user).send();

        for (String sameBody : List.of("{\"delta_seconds\":10}", "{ \"delta_seconds\" : 10.0 }")) {
            Reply repeat = api.post(path, sameBody).header("Idempotency-Key", "k-1").as(user).send();
            assertThat(repeat.status()).as(repeat.toString()).isEqualTo(200);
            assertThat(repeat.body()).isEqualTo(first.body());
        }
        assertThat(worldTime(id)).isEqualTo(11);

        Reply reused = api.post(path, "{\"delta_seconds\":20}").header("Idempotency-Key", "k-1").as(user).send();
        assertThat(reused.status()).as(reused.toString()).isEqualTo(409);
        assertThat(reused.error()).isEqualTo("idempotency_key_reused");
        long otherWorld = createWorld("Other");
        Reply elsewhere = api.post("api/v1/game/worlds/" + otherWorld + "/advance", "{\"delta_seconds\":10}")
                .header("Idempotency-Key", "k-1").as(user).send();
        assertThat(elsewhere.status()).as(elsewhere.toString()).isEqualTo(409);
        assertThat(worldTime(id)).isEqualTo(11);
        assertThat(worldTime(otherWorld)).isZero();

        Reply otherKey = api.post(path, "{\"delta_seconds\":10}").header("Idempotency-Key", "k-2").as(user).send();
        assertThat(otherKey.json().getJsonNumber("world_time").doubleValue()).isEqualTo(21);
    }

    @Test
    void idempotencyKeysBelongToTheirUser() {
        long other = Api.newUserId();
        long mine = createWorld("Mine");
        long theirs = createWorldOf(other);

        Reply myAnswer = api.post("api/v1/game/worlds/" + mine + "/advance", "{\"delta_seconds\":3}")
                .header("Idempotency-Key", "shared").as(user).send();
        Reply theirAnswer = api.post("api/v1/game/worlds/" + theirs + "/advance", "{\"delta_seconds\":4}")
                .header("Idempotency-Key", "shared").as(other).send();

        assertThat(myAnswer.status()).isEqualTo(200);
        assertThat(theirAnswer.status()).as(theirAnswer.toString()).isEqualTo(200);
        assertThat(theirAnswer.json().getJsonNumber("world_time").doubleValue()).isEqualTo(4);

        // My key on their world, or on no world: 404 like any other request, never 409.
        for (long notMine : List.of(theirs, 999_999_999L)) {
            Reply refused = api.post("api/v1/game/worlds/" + notMine + "/advance", "{\"delta_seconds\":5}")
                    .header("Idempotency-Key", "shared").as(user).send();
            assertThat(refused.status()).as(refused.toString()).isEqualTo(404);
            assertThat(refused.error()).isEqualTo("world_not_found");
        }
        assertThat(api.get("api/v1/game/worlds/" + theirs).as(other).send().json().getJsonNumber("world_time")
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
                return api.post("api/v1/game/worlds/" + id + "/advance", "{\"delta_seconds\":2.5}")
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
        String path = "api/v1/game/worlds/" + id + "/advance";

        assertThat(api.post(path, "{\"delta_seconds\":-1}").header("Idempotency-Key", "k").as(user).send().status())
                .isEqualTo(400);
        assertThat(api.post("api/v1/game/worlds/" + createWorldOfAnotherUser() + "/advance", "{\"delta_seconds\":1}")
                .header("Idempotency-Key", "k").as(user).send().status()).isEqualTo(404);
        Reply accepted = api.post(path, "{\"delta_seconds\":6}").header("Idempotency-Key", "k").as(user).send();

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(worldTime(id)).isEqualTo(6);
    }

    @Test
    void anIdempotencyKeyHasOneTo255Characters() {
        long id = createWorld("Keys");
        String path = "api/v1/game/worlds/" + id + "/advance";

        for (String key : List.of("", "k".repeat(256))) {
            Reply refused = api.post(path, "{\"delta_seconds\":1}").header("Idempotency-Key", key).as(user).send();
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.error()).isEqualTo("invalid_request");
            assertThat(refused.json().getJsonArray("violations").getJsonObject(0).getString("field"))
                    .isEqualTo("Idempotency-Key");
        }
        assertThat(api.post(path, "{\"delta_seconds\":1}").header("Idempotency-Key", "k".repeat(255)).as(user).send()
                .status()).isEqualTo(200);
        assertThat(worldTime(id)).isEqualTo(1);
    }

    @Test
    void anExpiredKeyIsForgottenAndServesAFreshRequest() {
        long id = createWorld("Yesterday");
        String path = "api/v1/game/worlds/" + id + "/advance";
        api.post(path, "{\"delta_seconds\":5}").header("Idempotency-Key", "old").as(user).send();
        assertThat(TestDatabase.value("SELECT expires_at BETWEEN CURRENT_TIMESTAMP + INTERVAL '23 hours'"
                + " AND CURRENT_TIMESTAMP + INTERVAL '24 hours' FROM idempotency_keys"
                + " WHERE user_id = ? AND idempotency_key = 'old'", user)).isEqualTo(true);

        TestDatabase.update("UPDATE idempotency_keys SET expires_at = CURRENT_TIMESTAMP - INTERVAL '1 minute'"
                + " WHERE user_id = ? AND idempotency_key = 'old'", user);
        Reply fresh = api.post(path, "{\"delta_seconds\":7}").header("Idempotency-Key", "old").as(user).send();

        assertThat(fresh.status()).as(fresh.toString()).isEqualTo(200);
        assertThat(worldTime(id)).isEqualTo(12);
        assertThat(api.post(path, "{\"delta_seconds\":7}").header("Idempotency-Key", "old").as(user).send().body())
                .isEqualTo(fresh.body());
    }

    private static List<Long> ids(JsonObject page) {
        return page.getJsonArray("worlds").getValuesAs(JsonObject.class).stream()
                .map(w -> w.getJsonNumber("id").longValue()).toList();
    }

    private double worldTime(long id) {
        return api.get("api/v1/game/worlds/" + id).as(user).send().json().getJsonNumber("world_time").doubleValue();
    }

    private long createWorldOfAnotherUser() {
        return createWorldOf(Api.newUserId());
    }

    private long createWorldOf(long owner) {
        Reply created = api.post("api/v1/game/worlds", "{\"name\":\"Not yours\"}").as(owner).send();
        assertThat(created.status()).isEqualTo(201);
        return created.id();
    }
}
