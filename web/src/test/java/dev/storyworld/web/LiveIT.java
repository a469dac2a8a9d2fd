package dev.storyworld.web;

import dev.storyworld.web.support.Api;
import dev.storyworld.web.support.EventStream;
import dev.storyworld.web.support.EventStream.Event;
import dev.storyworld.web.support.ExternalProcess;
import dev.storyworld.web.support.ServiceIT;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;

import static dev.storyworld.web.support.JsonValues.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live updates (issue #23) on two instances sharing one PostgreSQL: A is the server Arquillian starts, B one
 * this test starts (same database, same token key) and stops with SIGTERM last. Changes go through A; most
 * watchers are on B, so what they see came through PostgreSQL's LISTEN/NOTIFY. The "live" execution of
 * web/pom.xml keeps 150 events per session (retention within reach) and beats the heartbeat every 5 s.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveIT extends ServiceIT {

    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final int KEEP_PER_SESSION = 150;
    private static final int HEARTBEAT_SECONDS = 5;
    private static final int DRAIN_SECONDS = 10;

    private static ExternalProcess instanceB;
    private static String baseB;

    @AfterAll
    static void stopB() {
        if (instanceB != null) {
            instanceB.close();
        }
    }

    private Api b() throws Exception {
        synchronized (LiveIT.class) {
            if (instanceB == null) {
                int port = ExternalProcess.freePort();
                // The failsafe environment: the same database and dev-token key as A, so A's tokens pass on B.
                Map<String, String> environment = new HashMap<>(System.getenv());
                environment.put("STORYWORLD_SHUTDOWN_DRAIN_SECONDS", Integer.toString(DRAIN_SECONDS));
                instanceB = ExternalProcess.service(port, environment, "live-b");
                baseB = "http://127.0.0.1:" + port + "/";
            }
        }
        return new Api(new URL(baseB));
    }

    private EventStream watchSession(Api on, long session, String lastEventId) {
        Api.Call call = on.get(SESSIONS + "/" + session + "/stream").as(user);
        if (lastEventId != null) {
            call.header("Last-Event-ID", lastEventId);
        }
        EventStream stream = call.stream();
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
        assertThat(stream.header("X-Request-Id")).isNotBlank();
        return stream;
    }

    private void changeTimes(long session, int count) {
        for (int i = 0; i < count; i++) {
            Api.Reply patched = patch(session, object("world_time", 1.0 + i + Math.random()));
            assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        }
    }

    private static List<Long> ids(List<Event> events, String except) {
        return events.stream().filter(e -> !e.name().equals(except)).map(Event::version).toList();
    }

    private static List<Long> range(long first, long last) {
        return LongStream.rangeClosed(first, last).boxed().toList();
    }

    @Test
    @Order(1)
    void aWatcherOnBSeesEveryChangeMadeThroughAInOrderWithContiguousIds() throws Exception {
        Graph scene = createScene(user);
        long session = newSession(scene);
        try (EventStream watcher = watchSession(b(), session, null)) {
            Event snapshot = watcher.nextData(WITHIN);
            assertThat(snapshot.name()).isEqualTo("snapshot");
            assertThat(snapshot.version()).isEqualTo(1);
            assertThat(snapshot.json().getJsonNumber("version").longValue()).isEqualTo(1);

            changeTimes(session, 30);
            Api.Reply advanced = api.post(SESSIONS + "/" + session + "/advance", object("edge_id", scene.edges().get("a")))
                    .as(user).send();
            assertThat(advanced.status()).as(advanced.toString()).isEqualTo(200);

            List<Event> live = watcher.until(WITHIN, e -> e.version() == 32);
            assertThat(ids(live, "snapshot")).as("every change, in order, one id a version").isEqualTo(range(2, 32));
            assertThat(live).allSatisfy(e -> {
                // Each live event carries the session after it; when the watcher's read caught several
                // changes at once, the earlier ones go as the log shows them and a snapshot is not needed.
                if (e.json().containsKey("session")) {
                    assertThat(e.json().getJsonObject("session").getJsonNumber("version").longValue())
                            .isEqualTo(e.version());
                }
            });
            Event last = live.get(live.size() - 1);
            assertThat(last.name()).isEqualTo("advance");
            assertThat(last.json().getJsonObject("session").getJsonNumber("current_node_id").longValue())
                    .isEqualTo(scene.nodes().get("middle"));
            List<JsonObject> logged = events(session);
            assertThat(logged.get(0).getJsonNumber("id").longValue()).as("data is the event as the log shows it")
                    .isEqualTo(last.json().getJsonNumber("id").longValue());
            assertThat(logged.get(0).getString("action")).isEqualTo(last.json().getString("action"));
        }
        Api onB = b();
        assertThat(onB.counter("storyworld_live_events_sent_total(?:\\{[^}]*\\})?")).isPositive();
    }

    @Test
    @Order(2)
    void aWatcherResumedAfter100ChangesGetsExactlyThemWhileWritesGoOn() throws Exception {
        long session = newSession(createScene(user));
        String lastSeen;
        try (EventStream watcher = watchSession(b(), session, null)) {
            lastSeen = watcher.nextData(WITHIN).id();
        }
        assertThat(lastSeen).isEqualTo("1");
        changeTimes(session, 100);

        // 50 more changes race the replay of the 100.
        CompletableFuture<Void> writes = CompletableFuture.runAsync(() -> changeTimes(session, 50));
        try (EventStream resumed = watchSession(b(), session, lastSeen)) {
            // The last: version 151 as the snapshot or as a live event, whichever the races made it.
            List<Event> received = resumed.until(WITHIN, e -> e.id() != null && e.version() == 151
                    && (e.name().equals("snapshot") || e.json().containsKey("session")));
            writes.get();
            List<Event> snapshots = received.stream().filter(e -> e.name().equals("snapshot")).toList();
            assertThat(snapshots).as("one snapshot, after the replay").hasSize(1);
            long snapshotAt = snapshots.get(0).version();
            int split = received.indexOf(snapshots.get(0));
            List<Event> replayed = received.subList(0, split);
            List<Event> live = received.subList(split + 1, received.size());
            assertThat(ids(replayed, "snapshot")).as("the replay: every missed version once").isEqualTo(range(2, snapshotAt));
            assertThat(snapshotAt).isGreaterThanOrEqualTo(101);
            assertThat(replayed).allSatisfy(e -> assertThat(e.json().containsKey("session")).isFalse());
            assertThat(ids(live, "snapshot")).as("then live, from the snapshot on").isEqualTo(range(snapshotAt + 1, 151));
            assertThat(ids(received, "snapshot")).as("no duplicate, no hole").isEqualTo(range(2, 151));
        }
    }

    @Test
    @Order(3)
    void aResumeFromAVersionRetentionRemovedGetsASnapshotAlone() throws Exception {
        long session = newSession(createScene(user));
        changeTimes(session, KEEP_PER_SESSION + 10);
        long now = session(session).getJsonNumber("version").longValue();
        try (EventStream resumed = watchSession(b(), session, "1")) {
            Event first = resumed.nextData(WITHIN);
            assertThat(first.name()).isEqualTo("snapshot");
            assertThat(first.version()).isEqualTo(now);
            changeTimes(session, 1);
            Event next = resumed.nextData(WITHIN);
            assertThat(next.version()).as("and it continues from there").isEqualTo(now + 1);
            assertThat(next.json().getJsonObject("session").getJsonNumber("version").longValue()).isEqualTo(now + 1);
        }
    }

    @Test
    @Order(4)
    void aDeletedSessionEndsItsStreamsWithSessionDeleted() throws Exception {
        long session = newSession(createScene(user));
        try (EventStream onA = watchSession(api, session, null); EventStream onB = watchSession(b(), session, null)) {
            assertThat(onA.nextData(WITHIN).name()).isEqualTo("snapshot");
            assertThat(onB.nextData(WITHIN).name()).isEqualTo("snapshot");
            assertThat(api.delete(SESSIONS + "/" + session).as(user).send().status()).isEqualTo(204);
            for (EventStream stream : List.of(onA, onB)) {
                Event deleted = stream.nextData(WITHIN);
                assertThat(deleted.name()).isEqualTo("session_deleted");
                assertThat(deleted.json().getJsonNumber("session_id").longValue()).isEqualTo(session);
                assertThat(stream.nextData(WITHIN).ended()).as("the stream ends after it").isTrue();
            }
        }
    }

    @Test
    @Order(5)
    void anotherUsersAnAnonymousOrANonStreamRequestIsRefusedWithAProblem() throws Exception {
        long session = newSession(createScene(user));
        long world = createWorld("Mine");
        for (String path : List.of(SESSIONS + "/" + session + "/stream", WORLDS + "/" + world + "/stream")) {
            EventStream notYours = api.get(path).as(Api.newUserId()).stream();
            assertProblem(notYours.refusal(), 404, path.startsWith(SESSIONS) ? "session_not_found" : "world_not_found");
            assertThat(notYours.header("X-Request-Id")).isNotBlank();
            EventStream anonymous = api.get(path).stream();
            assertProblem(anonymous.refusal(), 401, "unauthorized");
            Api.Reply jsonOnly = api.get(path).as(user).header("Accept", "application/json").send();
            assertProblem(jsonOnly, 406, "not_acceptable");
        }
        EventStream badId = api.get(SESSIONS + "/" + session + "/stream").as(user).header("Last-Event-ID", "x").stream();
        assertProblem(badId.refusal(), 400, "invalid_request");
    }

    @Test
    @Order(6)
    void theSeventeenthOpenStreamOfAUserIs429AndAClosedOneIsReleased() {
        long session = newSession(createScene(user));
        List<EventStream> open = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                EventStream stream = watchSession(api, session, null);
                assertThat(stream.nextData(WITHIN).name()).isEqualTo("snapshot");
                open.add(stream);
            }
            EventStream seventeenth = api.get(SESSIONS + "/" + session + "/stream").as(user).stream();
            assertProblem(seventeenth.refusal(), 429, "rate_limited");
            assertThat(seventeenth.header("Retry-After")).isNotBlank();
            assertThat(api.get(WORLDS).as(user).send().status()).as("other requests pass").isEqualTo(200);

            // The client goes away without a word: a failed heartbeat write releases its stream.
            open.remove(0).close();
            EventStream[] reopened = new EventStream[1];
            ExternalProcess.awaitTrue("a closed stream released within two heartbeats",
                    Duration.ofSeconds(3L * HEARTBEAT_SECONDS + 5), () -> {
                        EventStream attempt = api.get(SESSIONS + "/" + session + "/stream").as(user).stream();
                        if (attempt.status() == 200) {
                            reopened[0] = attempt;
                            return true;
                        }
                        assertProblem(attempt.refusal(), 429, "rate_limited");
                        return false;
                    });
            open.add(reopened[0]);
        } finally {
            open.forEach(EventStream::close);
        }
    }

    @Test
    @Order(7)
    void aWorldStreamIsConflatedAndEndsWithWorldDeleted() throws Exception {
        long world = createWorld("Watched");
        try (EventStream watcher = b().get(WORLDS + "/" + world + "/stream").as(user).stream()) {
            assertThat(watcher.status()).isEqualTo(200);
            Event snapshot = watcher.nextData(WITHIN);
            assertThat(snapshot.name()).isEqualTo("snapshot");
            assertThat(snapshot.json().getJsonNumber("world_time").doubleValue()).isZero();

            long started = System.nanoTime();
            concurrently(8, () -> {
                for (int i = 0; i < 25; i++) {
                    assertThat(api.post(WORLDS + "/" + world + "/advance", object("delta_seconds", 1)).as(user).send()
                            .status()).isEqualTo(200);
                }
                return null;
            });
            List<Event> updates = watcher.until(WITHIN,
                    e -> e.json().getJsonObject("world").getJsonNumber("world_time").doubleValue() == 200);
            double seconds = (System.nanoTime() - started) / 1e9;
            assertThat(updates).allSatisfy(e -> {
                assertThat(e.name()).isEqualTo("world_update");
                assertThat(e.json().getJsonArray("changes").getString(0)).isEqualTo("advance");
            });
            assertThat(updates.size()).as("conflated: at most 20 states a second, never a backlog of 200")
                    .isLessThanOrEqualTo((int) Math.ceil(seconds * 20) + 1).isLessThan(200);

            assertThat(api.post(WORLDS + "/" + world + "/scheduler/pause", "{}").as(user).send().status()).isEqualTo(200);
            Event paused = watcher.nextData(WITHIN);
            assertThat(paused.json().getJsonArray("changes").getValuesAs(jakarta.json.JsonString.class))
                    .extracting(jakarta.json.JsonString::getString).containsExactly("paused");

            assertThat(api.delete(WORLDS + "/" + world).as(user).send().status()).isEqualTo(204);
            assertThat(watcher.nextData(WITHIN).name()).isEqualTo("world_deleted");
            assertThat(watcher.nextData(WITHIN).ended()).isTrue();
        }
    }

    @Test
    @Order(99)
    void sigtermEndsOpenStreamsWithARetryHintAndTheServerStopsWithinItsDrain() throws Exception {
        long session = newSession(createScene(user));
        long world = createWorld("Stopping");
        Api onB = b();
        try (EventStream sessionStream = watchSession(onB, session, null);
             EventStream worldStream = onB.get(WORLDS + "/" + world + "/stream").as(user).stream()) {
            assertThat(sessionStream.nextData(WITHIN).name()).isEqualTo("snapshot");
            assertThat(worldStream.nextData(WITHIN).name()).isEqualTo("snapshot");

            long stopped = System.nanoTime();
            instanceB.terminate();
            for (EventStream stream : List.of(sessionStream, worldStream)) {
                assertThat(stream.nextData(WITHIN).ended()).isTrue();
                Event hint = stream.lastUnnamed();
                assertThat(hint.comment()).as("the last line before the end: " + hint).contains("stopping");
                assertThat(hint.retry()).as("a retry hint: " + hint).isNotNull().isPositive();
            }
            assertThat(Duration.ofNanos(System.nanoTime() - stopped)).as("ended before the drain's bound")
                    .isLessThan(Duration.ofSeconds(DRAIN_SECONDS));
            assertThat(instanceB.exitsWithin(Duration.ofSeconds(DRAIN_SECONDS + 30)))
                    .as("B stops within its drain bound and Payara's stop").isTrue();
        }
    }
}
