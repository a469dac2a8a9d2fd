package dev.storyworld.web;

import dev.storyworld.client.CallCancelled;
import dev.storyworld.client.RetryPolicy;
import dev.storyworld.client.Scene;
import dev.storyworld.client.SceneDraft;
import dev.storyworld.client.Session;
import dev.storyworld.client.SessionChange;
import dev.storyworld.client.SessionNews;
import dev.storyworld.client.SessionUpdate;
import dev.storyworld.client.StoryworldClient;
import dev.storyworld.client.Watch;
import dev.storyworld.client.World;
import dev.storyworld.client.example.UseItFromJava;
import dev.storyworld.web.support.LossyProxy;
import dev.storyworld.web.support.ServiceIT;
import dev.storyworld.web.support.StreamProxy;
import dev.storyworld.web.support.TestKeys;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static dev.storyworld.web.support.JsonValues.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The Java client (module {@code client}) against the real service: contention, cancellation, lost answers. */
class ClientIT extends ServiceIT {

    private static final String VERSION_CONFLICTS = "storyworld_version_conflicts_total(?:\\{[^}]*\\})?";

    private URI serviceUri() {
        return URI.create(base.toString());
    }

    private StoryworldClient client(URI uri, RetryPolicy policy) {
        return StoryworldClient.builder(uri).token(() -> TestKeys.token(user)).retryPolicy(policy).build();
    }

    private static long clientThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("storyworld-client-")).count();
    }

    private static Session newSession(StoryworldClient client) {
        Scene scene = client.scenes().create(SceneDraft.titled("counter").node("start", "Start").build());
        return client.sessions().create(scene.id(), null, Json.createObjectBuilder().add("counter", 0).build());
    }

    private static SessionChange addOne(Session current) {
        JsonObject flags = current.flags();
        return SessionChange.flags(Json.createObjectBuilder(flags).add("counter", flags.getInt("counter") + 1).build());
    }

    @Test
    void theReadmeExampleWalksAnEdgeAndUpdatesRelationships() {
        Session session = UseItFromJava.walk(serviceUri(), user);

        assertThat(session.version()).isEqualTo(3);
        assertThat(session.npc(12)).hasValueSatisfying(npc -> {
            assertThat(npc.axis("affinity")).isEqualTo(72);
            assertThat(npc.tierId()).isNotBlank();
        });
    }

    @Test
    void thirtyTwoConcurrentUpdatesOfOneSessionEachCountOnce() {
        // Every default, the client's and the service's (this execution sets no limit).
        try (StoryworldClient client = client(serviceUri(), RetryPolicy.DEFAULT)) {
            Session session = newSession(client);
            long conflictsBefore = api.counter(VERSION_CONFLICTS);
            long start = System.nanoTime();

            List<CompletableFuture<SessionUpdate>> updates = IntStream.range(0, 32)
                    .mapToObj(i -> client.sessions().updateAsync(session.id(), ClientIT::addOne)).toList();
            CompletableFuture.allOf(updates.toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS).join();

            assertCountedOnceEach(client, session, updates);
            List<Integer> attempts = updates.stream().map(u -> u.join().attempts()).toList();
            assertThat(api.counter(VERSION_CONFLICTS) - conflictsBefore).as("PATCHes refused as stale")
                    .isEqualTo(attempts.stream().mapToInt(Integer::intValue).sum() - 32L);
            report("32 concurrent updates of one session through one client", start, attempts);
        }
    }

    @Test
    void thirtyTwoClientsUpdatingOneSessionAtOnceEachCountOnce() {
        // 32 writers that cannot coordinate (a client each): conflicts are resolved by retries. Every
        // default but the update budget: 32 writers of one row commit one at a time, so how long they take
        // is 32 PATCH round trips at best, and on a loaded CI machine a round trip takes hundreds of ms.
        // The default 10 s bounds an interactive caller's wait; this test measures PATCHes per update.
        RetryPolicy patient = RetryPolicy.DEFAULT.withUpdateBudget(Duration.ofSeconds(60));
        List<StoryworldClient> clients = IntStream.range(0, 32).mapToObj(i -> client(serviceUri(), patient)).toList();
        try {
            Session session = newSession(clients.get(0));
            long conflictsBefore = api.counter(VERSION_CONFLICTS);
            long start = System.nanoTime();

            List<CompletableFuture<SessionUpdate>> updates = clients.stream()
                    .map(c -> c.sessions().updateAsync(session.id(), ClientIT::addOne)).toList();
            CompletableFuture.allOf(updates.toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS).join();

            assertCountedOnceEach(clients.get(0), session, updates);
            List<Integer> attempts = updates.stream().map(u -> u.join().attempts()).toList();
            assertThat(api.counter(VERSION_CONFLICTS) - conflictsBefore).as("PATCHes refused as stale")
                    .isEqualTo(attempts.stream().mapToInt(Integer::intValue).sum() - 32L);
            report("32 clients updating one session at once", start, attempts);
        } finally {
            clients.forEach(StoryworldClient::close);
        }
    }

    private static void assertCountedOnceEach(StoryworldClient client, Session session,
                                              List<CompletableFuture<SessionUpdate>> updates) {
        Session after = client.sessions().get(session.id());
        assertThat(after.flags().getInt("counter")).isEqualTo(32);
        assertThat(after.version()).isEqualTo(session.version() + 32);
        assertThat(updates.stream().map(u -> u.join().session().flags().getInt("counter")))
                .as("each update saw its own committed session").doesNotHaveDuplicates();
    }

    private static void report(String what, long startNanos, List<Integer> attempts) {
        int patches = attempts.stream().mapToInt(Integer::intValue).sum();
        System.out.printf("ClientIT: %s in %d ms: %d PATCHes, %.2f per update (max %d), all %s%n", what,
                (System.nanoTime() - startNanos) / 1_000_000, patches, patches / (double) attempts.size(),
                attempts.stream().mapToInt(Integer::intValue).max().orElseThrow(), attempts.stream().sorted().toList());
    }

    @Test
    void aKeyedAdvanceCancelledAfterItLeftMayHaveBeenAppliedAndItsKeyAppliesItAtMostOnce() throws Exception {
        try (LossyProxy proxy = LossyProxy.holdingTheFirstAnswer(base);
             StoryworldClient direct = client(serviceUri(), RetryPolicy.DEFAULT);
             StoryworldClient throughProxy = client(proxy.uri(), RetryPolicy.DEFAULT)) {
            World world = direct.worlds().create("cancelled");
            CompletableFuture<World> advance = throughProxy.worlds().advanceAsync(world.id(), 60);
            assertThat(proxy.awaitWithheldAnswer(30)).as("the service answered the advance").isTrue();

            assertThat(advance.cancel(true)).isTrue();

            CallCancelled cancelled = cancellation(advance);
            assertThat(cancelled.mayHaveBeenApplied()).isTrue();
            assertThat(cancelled.getMessage()).contains("may have been applied");
            String key = cancelled.idempotencyKey().orElseThrow();
            // Checking with the key: the service answers the first result and advances nothing more.
            assertThat(direct.worlds().advance(world.id(), 60, key).worldTime()).isEqualTo(60);
            assertThat(direct.worlds().advance(world.id(), 60, key).worldTime()).isEqualTo(60);
            assertThat(direct.worlds().get(world.id()).worldTime()).as("applied exactly once").isEqualTo(60);
        }
    }

    @Test
    void anUpdateCancelledDuringItsConflictBackoffSendsNothingMore() throws Exception {
        Session session;
        try (StoryworldClient setup = client(serviceUri(), RetryPolicy.DEFAULT)) {
            session = newSession(setup);
        }
        String path = "api/v1/game/sessions/" + session.id();
        long threadsBefore = clientThreads();
        long conflictsBefore = api.counter(VERSION_CONFLICTS);
        RetryPolicy slowBackoff = RetryPolicy.DEFAULT.withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(2));
        CountDownLatch backingOff = new CountDownLatch(1);
        AtomicLong retryDueNanos = new AtomicLong();
        AtomicBoolean interfered = new AtomicBoolean();
        StoryworldClient client = StoryworldClient.builder(serviceUri()).token(() -> TestKeys.token(user))
                .retryPolicy(slowBackoff)
                .onRetry((request, attempt, delay, cause) -> {
                    retryDueNanos.set(System.nanoTime() + delay.toNanos());
                    backingOff.countDown();
                }).build();
        try {
            CompletableFuture<SessionUpdate> update = client.sessions().updateAsync(session.id(), current -> {
                // Another writer commits between our read and our write: the PATCH will conflict.
                if (!interfered.getAndSet(true)) {
                    assertThat(api.patch(path, object("world_time", 100)).as(user).send().status())
                            .isEqualTo(200);
                }
                return addOne(current);
            });
            assertThat(backingOff.await(30, TimeUnit.SECONDS)).isTrue();

            long start = System.nanoTime();
            update.cancel(true);
            long cancelMicros = (System.nanoTime() - start) / 1000;
            assertThat(update).isCancelled();
            assertThat(cancellation(update).mayHaveBeenApplied())
                    .as("its one PATCH was refused as stale").isFalse();
            assertThat(client.pendingRetries()).isZero();

            // Absence can only be seen over time: watch past the moment the retry was due.
            long watchUntil = retryDueNanos.get() + TimeUnit.SECONDS.toNanos(1);
            while (System.nanoTime() < watchUntil) {
                TimeUnit.NANOSECONDS.sleep(watchUntil - System.nanoTime());
            }
            JsonObject after = api.get(path).as(user).send().json();
            assertThat(after.getJsonNumber("version").longValue()).as("only the rival's PATCH committed")
                    .isEqualTo(session.version() + 1);
            assertThat(after.getJsonObject("flags").getInt("counter")).isZero();
            assertThat(api.get(path + "/events").as(user).send().json().getJsonArray("events")).hasSize(2);
            assertThat(api.counter(VERSION_CONFLICTS) - conflictsBefore).as("PATCHes refused as stale").isEqualTo(1);
            client.close();
            assertThat(clientThreads()).as("client threads after close").isEqualTo(threadsBefore);
            System.out.printf("ClientIT: cancel during a conflict backoff took %d µs%n", cancelMicros);
        } finally {
            client.close();
        }
    }

    @Test
    void anAdvanceWhoseAnswerIsLostMovesTheClockExactlyOnce() throws Exception {
        try (LossyProxy proxy = new LossyProxy(base);
             StoryworldClient direct = client(serviceUri(), RetryPolicy.DEFAULT);
             StoryworldClient throughProxy = client(proxy.uri(), RetryPolicy.DEFAULT)) {
            World world = direct.worlds().create("lossy");

            World advanced = throughProxy.worlds().advance(world.id(), 60);

            assertThat(proxy.connections()).as("the lost attempt and its retry").isEqualTo(2);
            assertThat(advanced.worldTime()).isEqualTo(60);
            assertThat(direct.worlds().get(world.id()).worldTime()).isEqualTo(60);
        }
    }

    @Test
    void aWatchCutFiveTimesDuringFiveHundredChangesGetsEachOnceInOrder() throws Exception {
        List<SessionNews> news = new CopyOnWriteArrayList<>();
        try (StreamProxy proxy = new StreamProxy(base);
             StoryworldClient direct = client(serviceUri(), RetryPolicy.DEFAULT)) {
            StoryworldClient watching = client(proxy.uri(), RetryPolicy.DEFAULT);
            Session session = newSession(direct);
            CompletableFuture<Void> caughtUp = new CompletableFuture<>();
            Watch watch = watching.sessions().watch(session.id(), session.version(), heard -> {
                news.add(heard);
                if (heard.version() == 501) {
                    caughtUp.complete(null);
                }
            });
            int cuts = 0;
            for (int i = 1; i <= 500; i++) {
                // Every default, the service's limits included: past the burst, the client waits out 429s.
                direct.sessions().patch(session.id(), SessionChange.flags(Json.createObjectBuilder().add("counter", i).build()), null);
                if (i % 100 == 50) {
                    cuts += proxy.cut();
                }
            }
            // Deleted only once the watch heard the last change: a deletion that commits while the service
            // reads that change's event removes the event, and the watch then hears a snapshot in its place.
            caughtUp.get(60, TimeUnit.SECONDS);
            direct.sessions().delete(session.id());
            watch.ended().get(60, TimeUnit.SECONDS);

            assertThat(cuts).isEqualTo(5);
            assertThat(news.subList(0, news.size() - 1)).allSatisfy(n -> assertThat(n).isInstanceOf(SessionNews.Happened.class))
                    .extracting(SessionNews::version)
                    .containsExactlyElementsOf(LongStream.rangeClosed(2, 501).boxed().toList());
            assertThat(news.get(news.size() - 1)).isEqualTo(new SessionNews.Deleted(501));
            assertThat(proxy.streamRequests()).as("the first stream and a resume after each cut").hasSizeGreaterThanOrEqualTo(6)
                    .allSatisfy(head -> assertThat(head).contains("Last-Event-ID: "));
            System.out.printf("ClientIT: 500 changes through %d cuts and %d stream requests, each delivered once%n", cuts,
                    proxy.streamRequests().size());
            watching.close();
        }
    }

    /**
     * The {@code CallCancelled} that {@code join} reports: the thrown exception itself on Java 17, its
     * cause from Java 21 on (join and get there wrap a cancellation in a new CancellationException).
     */
    private static CallCancelled cancellation(CompletableFuture<?> call) {
        Throwable thrown = catchThrowable(call::join);
        return CallCancelled.in(thrown).orElseThrow(() -> new AssertionError("what join reported: " + thrown));
    }
}
