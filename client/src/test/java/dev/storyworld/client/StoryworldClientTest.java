package dev.storyworld.client;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.storyworld.client.StubServer.drop;
import static dev.storyworld.client.StubServer.hold;
import static dev.storyworld.client.StubServer.json;
import static dev.storyworld.client.StubServer.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The client's retry, conflict and cancellation rules, against a stub server that answers by script. */
class StoryworldClientTest {

    static final String WORLD = """
            {"id":7,"name":"Harbor Town","meta":{"zKey":1,"aKey":2},"world_time":93784.5,
             "world_clock":{"week":0,"day_of_week":1,"day_name":"Tuesday","hour":2,"minute":3,"second":4,
                            "seconds_into_week":93784.5},
             "last_advanced_at":"2026-11-28T10:00:00Z","created_at":"2026-11-28T09:00:00Z"}""";

    /** Fast backoffs, so that retry tests take milliseconds. */
    static final RetryPolicy QUICK = new RetryPolicy(5, Duration.ofMillis(10), Duration.ofMillis(50),
            Duration.ofSeconds(30), Duration.ofSeconds(10));

    static String session(long version, int counter) {
        return """
                {"id":31,"user_id":4,"scene_id":2,"current_node_id":11,"world_id":7,
                 "flags":{"counter":%d},
                 "relationships":{"npc:12":{"affinity":72,"trust":55,"tierId":"close_friend","intimacyLevelId":null}},
                 "world_time":0.0,"version":%d,"created_at":"2026-11-28T09:00:00Z","updated_at":"2026-11-28T09:00:00Z"}"""
                .formatted(counter, version);
    }

    private static String conflict(long version, int counter) {
        return "{\"status\":409,\"title\":\"Conflict\",\"detail\":\"stale\",\"error\":\"version_conflict\","
                + "\"current_session\":" + session(version, counter) + "}";
    }

    private static StoryworldClient client(StubServer stub, RetryPolicy policy) {
        return StoryworldClient.builder(stub.uri()).token(() -> "t").retryPolicy(policy).build();
    }

    static long clientThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(Transport.THREAD_PREFIX)).count();
    }

    private static SessionChange addOne(Session current) {
        return SessionChange.flags(JsonFields.JSON.createObjectBuilder(current.flags())
                .add("counter", current.flags().getInt("counter") + 1).build());
    }

    @Test
    void rateLimitedWaitsForRetryAfterThenSucceeds() throws Exception {
        try (StubServer stub = new StubServer(problem(429, "rate_limited", "Retry-After", "1"), json(200, WORLD));
             StoryworldClient client = client(stub, QUICK)) {
            long start = System.nanoTime();
            World world = client.worlds().get(7);
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

            assertThat(world.worldTime()).isEqualTo(93784.5);
            assertThat(world.worldClock().dayName()).isEqualTo("Tuesday");
            assertThat(List.copyOf(world.meta().keySet())).containsExactly("zKey", "aKey");
            assertThat(stub.methods()).containsExactly("GET", "GET");
            assertThat(elapsedMillis).as("waited for Retry-After").isGreaterThanOrEqualTo(1000);
        }
    }

    @Test
    void aRetryAfterBeyondTheBoundFailsAtOnceWithTheProblem() throws Exception {
        try (StubServer stub = new StubServer(problem(429, "rate_limited", "Retry-After", "120"), json(200, WORLD));
             StoryworldClient client = client(stub, QUICK)) {
            assertThatThrownBy(() -> client.worlds().get(7)).isInstanceOfSatisfying(StoryworldException.class, e -> {
                assertThat(e.status()).isEqualTo(429);
                assertThat(e.error()).isEqualTo("rate_limited");
                assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
            });
            assertThat(stub.methods()).containsExactly("GET");
        }
    }

    @Test
    void cancellingDuringARetryAfterWaitSendsNothingMore() throws Exception {
        CountDownLatch waiting = new CountDownLatch(1);
        try (StubServer stub = new StubServer(problem(429, "rate_limited", "Retry-After", "20"), json(200, WORLD));
             StoryworldClient client = StoryworldClient.builder(stub.uri())
                     .onRetry((request, attempt, delay, cause) -> waiting.countDown()).build()) {
            CompletableFuture<World> advance = client.worlds().advanceAsync(7, 1);
            assertThat(waiting.await(5, TimeUnit.SECONDS)).isTrue();

            advance.cancel(true);

            assertThat(advance).isCancelled();
            assertThat(client.pendingRetries()).isZero();
            assertThat(stub.methods()).containsExactly("POST");
            // The one POST was refused (429): the cancel knows that nothing was applied.
            assertThat(CallCancelled.in(catchThrowable(advance::join))).hasValueSatisfying(cancelled -> {
                assertThat(cancelled.mayHaveBeenApplied()).isFalse();
                assertThat(cancelled.idempotencyKey()).contains(stub.received().get(0).header("Idempotency-Key"));
                assertThat(cancelled.getMessage()).contains("nothing was applied");
            });
        }
    }

    @Test
    void cancellingAnAdvanceWhoseRequestLeftSaysItMayHaveBeenAppliedAndGivesItsKey() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (StubServer stub = new StubServer(hold(release));
             StoryworldClient client = client(stub, QUICK)) {
            CompletableFuture<World> advance = client.worlds().advanceAsync(7, 60);
            stub.awaitFirstRequest();

            advance.cancel(true);

            assertThat(advance).isCancelled();
            String sentKey = stub.received().get(0).header("Idempotency-Key");
            assertThat(CallCancelled.in(catchThrowable(advance::join))).hasValueSatisfying(cancelled -> {
                assertThat(cancelled.mayHaveBeenApplied()).isTrue();
                assertThat(cancelled.idempotencyKey()).contains(sentKey);
                assertThat(cancelled.request()).isEqualTo("POST api/v1/game/worlds/7/advance");
                assertThat(cancelled.getMessage()).contains("may have been applied").contains(sentKey);
            });
        } finally {
            release.countDown();
        }
    }

    @Test
    void aReadCancelledInFlightAppliedNothing() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (StubServer stub = new StubServer(hold(release));
             StoryworldClient client = client(stub, QUICK)) {
            CompletableFuture<World> read = client.worlds().getAsync(7);
            stub.awaitFirstRequest();

            read.cancel(true);

            assertThat(CallCancelled.in(catchThrowable(read::join))).hasValueSatisfying(
                    cancelled -> assertThat(cancelled.mayHaveBeenApplied()).isFalse());
        } finally {
            release.countDown();
        }
    }

    @Test
    void interruptingASynchronousCallCancelsIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (StubServer stub = new StubServer(hold(release));
             StoryworldClient client = client(stub, QUICK)) {
            CompletableFuture<Throwable> thrown = new CompletableFuture<>();
            Thread caller = new Thread(() -> {
                try {
                    client.worlds().get(7);
                } catch (RuntimeException e) {
                    thrown.complete(e);
                }
            });
            caller.start();
            stub.awaitFirstRequest();

            caller.interrupt();

            assertThat(thrown.get(5, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class)
                    .isInstanceOfSatisfying(CallCancelled.class, c -> assertThat(c.mayHaveBeenApplied()).isFalse());
            caller.join();
        } finally {
            release.countDown();
        }
    }

    @Test
    void aLostAnswerToAnAdvanceIsRetriedWithTheSameIdempotencyKey() throws Exception {
        try (StubServer stub = new StubServer(drop(), json(200, WORLD));
             StoryworldClient client = client(stub, QUICK)) {
            World world = client.worlds().advance(7, 60);

            assertThat(world.id()).isEqualTo(7);
            List<StubServer.Received> sent = stub.received();
            assertThat(sent).hasSize(2).allSatisfy(r -> assertThat(r.path()).isEqualTo("/api/v1/game/worlds/7/advance"));
            assertThat(sent.get(0).header("Idempotency-Key")).isNotBlank()
                    .isEqualTo(sent.get(1).header("Idempotency-Key"));
            assertThat(sent.get(1).body()).isEqualTo("{\"delta_seconds\":60.0}");
        }
    }

    @Test
    void aServiceUnavailableAdvanceIsRetriedWithTheSameKeyAndEachCallHasItsOwnKey() throws Exception {
        try (StubServer stub = new StubServer(problem(503, "service_unavailable"), json(200, WORLD));
             StoryworldClient client = client(stub, QUICK)) {
            client.worlds().advance(7, 1);
            client.worlds().advance(7, 1);

            List<String> keys = stub.received().stream().map(r -> r.header("Idempotency-Key")).toList();
            assertThat(keys).hasSize(3);
            assertThat(keys.get(0)).isEqualTo(keys.get(1));
            assertThat(keys.get(2)).isNotEqualTo(keys.get(0));
        }
    }

    @Test
    void aLostAnswerToACreateIsNotRepeated() throws Exception {
        try (StubServer stub = new StubServer(drop(), json(201, WORLD));
             StoryworldClient client = client(stub, QUICK)) {
            assertThatThrownBy(() -> client.worlds().create("Harbor Town", null))
                    .isInstanceOfSatisfying(StoryworldException.class, e -> {
                        assertThat(e.status()).isZero();
                        assertThat(e.error()).isEqualTo(StoryworldException.NO_ANSWER);
                    });
            assertThat(stub.methods()).containsExactly("POST");
        }
    }

    @Test
    void aConflictReappliesTheChangeToTheCurrentSessionWithoutReadingAgain() throws Exception {
        try (StubServer stub = new StubServer(json(200, session(1, 0)), json(409, conflict(2, 5)), json(200, session(3, 6)));
             StoryworldClient client = client(stub, QUICK)) {
            SessionUpdate update = client.sessions().update(31, StoryworldClientTest::addOne);

            assertThat(stub.methods()).containsExactly("GET", "PATCH", "PATCH");
            JsonObject first = JsonFields.parse(stub.received().get(1).body());
            JsonObject second = JsonFields.parse(stub.received().get(2).body());
            assertThat(first.getInt("expected_version")).isEqualTo(1);
            assertThat(first.getJsonObject("flags").getInt("counter")).isEqualTo(1);
            assertThat(second.getInt("expected_version")).isEqualTo(2);
            assertThat(second.getJsonObject("flags").getInt("counter")).isEqualTo(6);
            assertThat(update.attempts()).isEqualTo(2);
            assertThat(update.session().version()).isEqualTo(3);
            assertThat(update.session().npc(12)).hasValueSatisfying(npc -> {
                assertThat(npc.tierId()).isEqualTo("close_friend");
                assertThat(npc.axis("affinity")).isEqualTo(72);
                assertThat(npc.axis("tension")).isZero();
            });
        }
    }

    @Test
    void anUpdateWithoutBudgetLeftGivesUpWithTheConflict() throws Exception {
        RetryPolicy noBudget = QUICK.withUpdateBudget(Duration.ZERO);
        try (StubServer stub = new StubServer(json(200, session(1, 0)), json(409, conflict(9, 0)));
             StoryworldClient client = client(stub, noBudget)) {
            assertThatThrownBy(() -> client.sessions().update(31, StoryworldClientTest::addOne))
                    .isInstanceOfSatisfying(VersionConflict.class,
                            e -> assertThat(e.currentSession().version()).isEqualTo(9));
            assertThat(stub.methods()).as("the first PATCH is always sent").containsExactly("GET", "PATCH");
        }
    }

    @Test
    void anUpdateRetriesConflictsUntilItsBudgetEndsWithBackoffsThatGrow() throws Exception {
        List<Duration> backoffs = new java.util.concurrent.CopyOnWriteArrayList<>();
        RetryPolicy shortBudget = QUICK.withBackoff(Duration.ofMillis(1), Duration.ofMillis(40))
                .withUpdateBudget(Duration.ofMillis(400));
        try (StubServer stub = new StubServer(json(200, session(1, 0)), json(409, conflict(9, 0)));
             StoryworldClient client = StoryworldClient.builder(stub.uri()).retryPolicy(shortBudget)
                     .onRetry((request, attempt, delay, cause) -> backoffs.add(delay)).build()) {
            assertThatThrownBy(() -> client.sessions().update(31, StoryworldClientTest::addOne))
                    .isInstanceOf(VersionConflict.class);
            List<String> methods = stub.methods();
            assertThat(methods).hasSizeGreaterThan(3).startsWith("GET");
            assertThat(methods.subList(1, methods.size())).containsOnly("PATCH");
            assertThat(backoffs).hasSize(methods.size() - 2);
        }
        // Between firstBackoff and maxBackoff, or twice the floor when a slow round trip raised it.
        assertThat(backoffs).allSatisfy(d -> assertThat(d).isBetween(Duration.ofMillis(1), Duration.ofMillis(80)));
        assertThat(backoffs.stream().mapToLong(Duration::toNanos).sum()).isLessThan(Duration.ofMillis(400).toNanos());
    }

    @Test
    void cancellingDuringAConflictBackoffSendsNothingMoreAndLeavesNoThread() throws Exception {
        long threadsBefore = clientThreads();
        RetryPolicy slow = new RetryPolicy(5, Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(1),
                Duration.ofSeconds(60));
        CountDownLatch backingOff = new CountDownLatch(1);
        try (StubServer stub = new StubServer(json(200, session(1, 0)), json(409, conflict(2, 0)))) {
            StoryworldClient client = StoryworldClient.builder(stub.uri()).retryPolicy(slow)
                    .onRetry((request, attempt, delay, cause) -> backingOff.countDown()).build();
            CompletableFuture<SessionUpdate> update = client.sessions().updateAsync(31, StoryworldClientTest::addOne);
            assertThat(backingOff.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(client.pendingRetries()).isEqualTo(1);

            long start = System.nanoTime();
            assertThat(update.cancel(true)).isTrue();
            long cancelMicros = (System.nanoTime() - start) / 1000;

            assertThat(update).isCancelled();
            assertThat(client.pendingRetries()).as("the backoff left the scheduler").isZero();
            client.close();
            assertThat(stub.methods()).containsExactly("GET", "PATCH");
            assertThat(clientThreads()).isEqualTo(threadsBefore);
            assertThat(cancelMicros).isLessThan(1_000_000);
        }
    }

    @Test
    void closeAbortsASlowRequestInFlightAndItsConnectionPromptly() throws Exception {
        long threadsBefore = clientThreads();
        // A raw server that reads the request, never answers, and notes when the client hangs up.
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CountDownLatch requested = new CountDownLatch(1);
            CompletableFuture<Void> hungUp = CompletableFuture.runAsync(() -> {
                try (Socket connection = silent.accept()) {
                    InputStream in = connection.getInputStream();
                    while (in.read() >= 0) {
                        requested.countDown();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            StoryworldClient client = StoryworldClient.builder(URI.create("http://127.0.0.1:" + silent.getLocalPort()))
                    .retryPolicy(QUICK).build();
            CompletableFuture<World> slow = client.worlds().getAsync(7);
            assertThat(requested.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(slow).isNotDone();

            long start = System.nanoTime();
            client.close();

            assertThatThrownBy(() -> slow.get(2, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
            hungUp.get(2, TimeUnit.SECONDS);
            assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(2));
            assertThat(clientThreads()).isEqualTo(threadsBefore);
            assertThatThrownBy(() -> client.worlds().get(7)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void errorsCarryTheirCodeViolationsAndRequestId() throws Exception {
        String invalid = """
                {"status":400,"title":"Bad Request","detail":"World meta is invalid","error":"invalid_world_schemas",
                 "violations":[{"field":"meta.relationship_schemas.default[1].max","message":"must be at most 100"}]}""";
        String missing = """
                {"status":404,"title":"Not Found","detail":"World not found","error":"world_not_found","request_id":"r-2"}""";
        try (StubServer stub = new StubServer(json(400, invalid, "X-Request-Id", "r-1"), json(404, missing),
                json(409, conflict(4, 1)));
             StoryworldClient client = client(stub, QUICK)) {
            assertThatThrownBy(() -> client.worlds().putMeta(7, JsonObject.EMPTY_JSON_OBJECT))
                    .isInstanceOfSatisfying(StoryworldException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.error()).isEqualTo("invalid_world_schemas");
                        assertThat(e.detail()).isEqualTo("World meta is invalid");
                        assertThat(e.violations()).containsExactly(new StoryworldException.Violation(
                                "meta.relationship_schemas.default[1].max", "must be at most 100"));
                        assertThat(e.requestId()).isEqualTo("r-1");
                        assertThat(e.getMessage()).contains("meta.relationship_schemas.default[1].max must be at most 100");
                    });
            assertThatThrownBy(() -> client.worlds().getAsync(7).join())
                    .cause().isInstanceOfSatisfying(StoryworldException.class, e -> {
                        assertThat(e.error()).isEqualTo("world_not_found");
                        assertThat(e.requestId()).isEqualTo("r-2");
                    });
            assertThatThrownBy(() -> client.sessions().patch(31, SessionChange.worldTime(5), 3L))
                    .isInstanceOfSatisfying(VersionConflict.class, e -> {
                        assertThat(e.status()).isEqualTo(409);
                        assertThat(e.currentSession().version()).isEqualTo(4);
                        assertThat(e.currentSession().flags().getInt("counter")).isEqualTo(1);
                    });
        }
    }

    @Test
    void theTokenIsAskedForOnEveryRequest() throws Exception {
        AtomicInteger issued = new AtomicInteger();
        try (StubServer stub = new StubServer(json(200, WORLD));
             StoryworldClient client = StoryworldClient.builder(stub.uri())
                     .token(() -> "token-" + issued.incrementAndGet()).build()) {
            client.worlds().get(7);
            client.worlds().get(7);

            assertThat(stub.received()).extracting(r -> r.header("Authorization"))
                    .containsExactly("Bearer token-1", "Bearer token-2");
        }
    }
}
