package dev.storyworld.web;

import dev.storyworld.web.support.Api;
import dev.storyworld.web.support.Api.Reply;
import dev.storyworld.web.support.ServiceIT;
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
 * Worlds, black box: create, read, list (offset and cursor pages), delete, and that another user's world
 * is never there.
 */
class WorldsIT extends ServiceIT {

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

    private static List<Long> ids(JsonObject page) {
        return page.getJsonArray("worlds").getValuesAs(JsonObject.class).stream()
                .map(w -> w.getJsonNumber("id").longValue()).toList();
    }
}
