package dev.storyworld.client;

import com.sun.net.httpserver.HttpExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static dev.storyworld.client.StoryworldClientTest.QUICK;
import static dev.storyworld.client.StoryworldClientTest.WORLD;
import static dev.storyworld.client.StoryworldClientTest.clientThreads;
import static dev.storyworld.client.StubServer.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Watches of sessions and worlds against a stub server that serves event streams and cuts them. */
class WatchTest {

    /** Events the stub replays after the client's Last-Event-ID, as if they committed while it was away. */
    private static final int MISSED = 3;

    private static String session(long version) {
        return StoryworldClientTest.session(version, (int) version).replace("\n", "");
    }

    /** An event as the log shows it, with the session after it when live, in data lines split at its commas. */
    private static String event(long version, boolean live, String lineEnd) {
        String json = "{\"id\":" + (1000 + version) + ",\"ts\":\"2026-11-28T09:00:00Z\",\"action\":\"advance\","
                + "\"node_id\":11,\"edge_id\":5,\"diff\":{\"counter\":" + version + "}"
                + (live ? ",\"session\":" + session(version) : "") + "}";
        return "id: " + version + lineEnd + "event: advance" + lineEnd
                + "data: " + json.replace(",\"", "," + lineEnd + "data: \"") + lineEnd + lineEnd;
    }

    private static String snapshot(long version, String lineEnd) {
        return "id: " + version + lineEnd + "event: snapshot" + lineEnd + "data: " + session(version) + lineEnd + lineEnd;
    }

    /** As the server ends a deleted session's stream: no id, the session's id in the data. */
    private static String deleted(String lineEnd) {
        return "event: session_deleted" + lineEnd + "data: {\"action\":\"session_deleted\",\"session_id\":31}" + lineEnd + lineEnd;
    }

    /** Opens the answer's stream as the server does: with a retry hint, which its SSE library writes with empty data. */
    private static OutputStream openStream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        send(out, ": open\nretry: 20\ndata: \n\n");
        return out;
    }

    /** Writes {@code text} in three flushed pieces, so that lines and line ends fall across chunks. */
    private static void send(OutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int third = bytes.length / 3;
        for (int at = 0; at < bytes.length; at += Math.max(1, third)) {
            out.write(bytes, at, Math.min(Math.max(1, third), bytes.length - at));
            out.flush();
        }
    }

    private static long lastEventId(HttpExchange exchange) {
        return Long.parseLong(exchange.getRequestHeaders().getFirst("Last-Event-ID"));
    }

    /**
     * One connection of a session's stream, as the server serves a resume: the events missed since the
     * client's Last-Event-ID without the session, the snapshot, then live events up to {@code until}; then,
     * to try the client, one live event again (a duplicate), and the stream ends: {@code cut} with half
     * an event and no end of the chunked body, or cleanly with a retry hint. At 500 the session is deleted.
     */
    private static StubServer.Answer connection(long until, boolean cut, String lineEnd) {
        return exchange -> {
            long from = lastEventId(exchange);
            OutputStream out = openStream(exchange);
            send(out, ": connected" + lineEnd);
            for (long v = from + 1; v <= from + MISSED; v++) {
                send(out, event(v, false, lineEnd));
            }
            send(out, snapshot(from + MISSED, lineEnd));
            for (long v = from + MISSED + 1; v <= until; v++) {
                send(out, event(v, true, lineEnd) + (v == from + MISSED + 1 ? event(v, true, lineEnd) : ""));
            }
            if (until == 500) {
                send(out, deleted(lineEnd));
            } else if (cut) {
                String next = event(until + 1, true, lineEnd);
                send(out, next.substring(0, next.length() / 2));
                throw new IOException("connection cut on purpose");
            } else {
                send(out, "retry: 15" + lineEnd + lineEnd);
            }
            out.close();
        };
    }

    private static StoryworldClient client(URI uri, RetryPolicy policy, RetryListener retries) {
        return StoryworldClient.builder(uri).token(() -> "t").retryPolicy(policy).onRetry(retries).build();
    }

    @Test
    void fiveHundredChangesThroughFiveCutsAreDeliveredExactlyOnceInOrder() throws Exception {
        List<SessionNews> news = new CopyOnWriteArrayList<>();
        try (StubServer stub = new StubServer(connection(100, true, "\n"), connection(200, false, "\r\n"),
                connection(300, true, "\r"), connection(400, false, "\n"), connection(450, true, "\r\n"),
                connection(500, false, "\n"));
             StoryworldClient client = client(stub.uri(), QUICK, RetryListener.NONE)) {
            Watch watch = client.sessions().watch(31, 0L, news::add);

            watch.ended().get(30, TimeUnit.SECONDS);

            assertThat(news.subList(0, news.size() - 1)).allSatisfy(n -> assertThat(n).isInstanceOf(SessionNews.Happened.class))
                    .extracting(SessionNews::version).containsExactlyElementsOf(LongStream.rangeClosed(1, 500).boxed().toList());
            assertThat(news.get(news.size() - 1)).isEqualTo(new SessionNews.Deleted(500));
            List<SessionNews.Happened> happened = news.stream().filter(SessionNews.Happened.class::isInstance)
                    .map(SessionNews.Happened.class::cast).toList();
            assertThat(happened).allSatisfy(h -> {
                assertThat(h.event().diff().getInt("counter")).isEqualTo(h.version());
                h.session().ifPresent(after -> assertThat(after.version()).isEqualTo(h.version()));
            });
            assertThat(happened.stream().filter(h -> h.session().isEmpty()).count())
                    .as("replayed events but the last of each replay, which gets the snapshot's session")
                    .isEqualTo(6 * (MISSED - 1));
            assertThat(stub.received()).extracting(r -> r.header("Last-Event-ID"))
                    .containsExactly("0", "100", "200", "300", "400", "450");
            assertThat(stub.received()).allSatisfy(r -> {
                assertThat(r.path()).isEqualTo("/api/v1/game/sessions/31/stream");
                assertThat(r.header("Accept")).isEqualTo("text/event-stream");
                assertThat(r.header("Authorization")).isEqualTo("Bearer t");
            });
        }
    }

    @Test
    void aNewWatchStartsWithASnapshotAndRetentionPastTheResumeGivesOneToo() throws Exception {
        List<SessionNews> news = new CopyOnWriteArrayList<>();
        try (StubServer stub = new StubServer(
                exchange -> {
                    OutputStream out = openStream(exchange);
                    send(out, snapshot(4, "\n") + event(5, true, "\n"));
                    out.close();
                },
                // The events after 5 were removed by retention: the resume gets the snapshot alone.
                exchange -> {
                    OutputStream out = openStream(exchange);
                    send(out, snapshot(9, "\n") + deleted("\n"));
                    out.close();
                });
             StoryworldClient client = client(stub.uri(), QUICK, RetryListener.NONE)) {
            client.sessions().watch(31, null, news::add).ended().get(10, TimeUnit.SECONDS);

            assertThat(news).extracting(n -> n.getClass().getSimpleName() + " " + n.version())
                    .containsExactly("Snapshot 4", "Happened 5", "Snapshot 9", "Deleted 9");
            assertThat(stub.received()).extracting(r -> r.header("Last-Event-ID")).containsExactly(null, "5");
        }
    }

    @ParameterizedTest
    @CsvSource({"404, session_not_found", "401, unauthorized", "403, forbidden"})
    void aRefusalEndsTheWatchWithItsTypedError(int status, String error) throws Exception {
        List<SessionNews> news = new CopyOnWriteArrayList<>();
        try (StubServer stub = new StubServer(problem(status, error, "X-Request-Id", "req-9"));
             StoryworldClient client = client(stub.uri(), QUICK, RetryListener.NONE)) {
            Watch watch = client.sessions().watch(31, null, news::add);

            assertThatThrownBy(() -> watch.ended().get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOfSatisfying(StoryworldException.class, refused -> {
                        assertThat(refused.status()).isEqualTo(status);
                        assertThat(refused.error()).isEqualTo(error);
                        assertThat(refused.requestId()).isEqualTo("req-9");
                    });
            assertThat(news).isEmpty();
            assertThat(stub.received()).hasSize(1);
            assertThat(client.pendingRetries()).isZero();
        }
    }

    @Test
    void aSessionDeletedWhileTheWatchWasAwayEndsItWithDeleted() throws Exception {
        List<SessionNews> news = new CopyOnWriteArrayList<>();
        try (StubServer stub = new StubServer(
                exchange -> {
                    OutputStream out = openStream(exchange);
                    send(out, snapshot(6, "\n"));
                    throw new IOException("connection cut on purpose");
                },
                problem(404, "session_not_found"));
             StoryworldClient client = client(stub.uri(), QUICK, RetryListener.NONE)) {
            client.sessions().watch(31, null, news::add).ended().get(10, TimeUnit.SECONDS);

            assertThat(news).containsExactly(new SessionNews.Snapshot(Session.of(JsonFields.parse(session(6)))),
                    new SessionNews.Deleted(6));
            assertThat(stub.received()).extracting(r -> r.header("Last-Event-ID")).containsExactly(null, "6");
        }
    }

    @Test
    void tooManyStreamsWaitsForRetryAfterThenConnects() throws Exception {
        List<Duration> waits = new CopyOnWriteArrayList<>();
        List<Integer> statuses = new CopyOnWriteArrayList<>();
        List<Long> requestNanos = new CopyOnWriteArrayList<>();
        try (StubServer stub = new StubServer(
                exchange -> {
                    requestNanos.add(System.nanoTime());
                    problem(429, "rate_limited", "Retry-After", "1").answer(exchange);
                },
                exchange -> {
                    requestNanos.add(System.nanoTime());
                    OutputStream out = openStream(exchange);
                    send(out, snapshot(3, "\n") + deleted("\n"));
                    out.close();
                });
             StoryworldClient client = client(stub.uri(), QUICK, (request, attempt, delay, cause) -> {
                 statuses.add(cause.status());
                 waits.add(delay);
             })) {
            List<SessionNews> news = new CopyOnWriteArrayList<>();
            client.sessions().watch(31, null, news::add).ended().get(10, TimeUnit.SECONDS);

            assertThat(waits).containsExactly(Duration.ofSeconds(1));
            assertThat(statuses).containsExactly(429);
            assertThat(requestNanos.get(1) - requestNanos.get(0)).isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(1));
            assertThat(news).extracting(SessionNews::version).containsExactly(3L, 3L);
        }
    }

    @Test
    void aRetryAfterPastTheBoundEndsTheWatch() throws Exception {
        try (StubServer stub = new StubServer(problem(429, "rate_limited", "Retry-After", "60"));
             StoryworldClient client = client(stub.uri(), QUICK, RetryListener.NONE)) {
            Watch watch = client.worlds().watch(7, news -> { });

            assertThatThrownBy(() -> watch.ended().get(10, TimeUnit.SECONDS)).cause()
                    .isInstanceOfSatisfying(StoryworldException.class, e -> assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(60)));
            assertThat(stub.received()).hasSize(1);
        }
    }

    @Test
    void aSilentStreamIsCutAndResumed() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<StoryworldException> causes = new CopyOnWriteArrayList<>();
        List<SessionNews> news = new CopyOnWriteArrayList<>();
        try (StubServer stub = new StubServer(
                exchange -> {
                    OutputStream out = openStream(exchange);
                    send(out, snapshot(2, "\n"));
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                exchange -> {
                    OutputStream out = openStream(exchange);
                    send(out, snapshot(2, "\n") + deleted("\n"));
                    out.close();
                });
             StoryworldClient client = StoryworldClient.builder(stub.uri()).retryPolicy(QUICK)
                     .requestTimeout(Duration.ofMillis(300))
                     .onRetry((request, attempt, delay, cause) -> causes.add(cause)).build()) {
            client.sessions().watch(31, null, news::add).ended().get(10, TimeUnit.SECONDS);
        } finally {
            release.countDown();
        }
        assertThat(causes).singleElement().satisfies(cause -> {
            assertThat(cause.error()).isEqualTo(StoryworldException.NO_ANSWER);
            assertThat(cause.getCause()).isInstanceOf(HttpTimeoutException.class);
        });
        assertThat(news).extracting(SessionNews::version).as("the snapshot once, then the deletion").containsExactly(2L, 2L);
    }

    @Test
    void closeHangsUpAtOnceEndsTheWatchAndLeavesNoThread() throws Exception {
        long threadsBefore = clientThreads();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> hungUp = CompletableFuture.runAsync(() -> {
                try (Socket connection = server.accept()) {
                    InputStream in = connection.getInputStream();
                    String head = "";
                    while (!head.endsWith("\r\n\r\n")) {
                        head += (char) in.read();
                    }
                    connection.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                            + "Transfer-Encoding: chunked\r\n\r\n" + chunk("event: snapshot\ndata: " + WORLD.replace("\n", "") + "\n\n")).getBytes(StandardCharsets.UTF_8));
                    while (in.read() >= 0) {
                        // Reads until the client hangs up.
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            StoryworldClient client = client(URI.create("http://127.0.0.1:" + server.getLocalPort()), QUICK, RetryListener.NONE);
            CountDownLatch snapshotSeen = new CountDownLatch(1);
            Watch watch = client.worlds().watch(7, news -> snapshotSeen.countDown());
            assertThat(snapshotSeen.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(client.pendingRetries()).as("the silence timer of the open stream").isEqualTo(1);

            long start = System.nanoTime();
            watch.close();

            hungUp.get(2, TimeUnit.SECONDS);
            assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(2));
            assertThat(watch.ended()).isCancelled();
            assertThatThrownBy(() -> watch.ended().join()).isInstanceOf(CancellationException.class);
            assertThat(client.pendingRetries()).isZero();
            client.close();
            assertThat(clientThreadsLeft()).isEqualTo(threadsBefore);
        }
    }

    /**
     * The client threads still alive once those on their way out have ended: an executor's
     * awaitTermination returns while its last worker is still leaving its run loop.
     */
    private static long clientThreadsLeft() throws InterruptedException {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith(Transport.THREAD_PREFIX)) {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            }
        }
        return clientThreads();
    }

    private static String chunk(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return Integer.toHexString(bytes.length) + "\r\n" + text + "\r\n";
    }

    @Test
    void closeDuringAReconnectionWaitSendsNothingMore() throws Exception {
        CountDownLatch waiting = new CountDownLatch(1);
        try (StubServer stub = new StubServer(problem(503, "service_unavailable", "Retry-After", "30"));
             StoryworldClient client = client(stub.uri(), QUICK, (request, attempt, delay, cause) -> waiting.countDown())) {
            Watch watch = client.sessions().watch(31, 4L, news -> { });
            assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(client.pendingRetries()).isEqualTo(1);

            watch.close();

            assertThat(watch.ended()).isCancelled();
            assertThat(client.pendingRetries()).isZero();
            assertThat(stub.received()).singleElement().satisfies(r -> assertThat(r.header("Last-Event-ID")).isEqualTo("4"));
        }
    }

    @Test
    void whatTheListenerThrowsEndsTheWatch() throws Exception {
        IllegalStateException thrown = new IllegalStateException("listener failed");
        try (StubServer stub = new StubServer(exchange -> {
            OutputStream out = openStream(exchange);
            send(out, snapshot(1, "\n") + event(2, true, "\n"));
        }); StoryworldClient client = client(stub.uri(), QUICK, RetryListener.NONE)) {
            List<SessionNews> news = new CopyOnWriteArrayList<>();
            Watch watch = client.sessions().watch(31, null, n -> {
                news.add(n);
                if (n instanceof SessionNews.Happened) {
                    throw thrown;
                }
            });
            assertThatThrownBy(() -> watch.ended().get(10, TimeUnit.SECONDS)).cause().isSameAs(thrown);
            assertThat(news).hasSize(2);
            assertThat(stub.received()).hasSize(1);
        }
    }

    @Test
    void aWorldWatchGetsEachStateAndStartsAgainFromTheStateAfterACut() throws Exception {
        String advanced = WORLD.replace("93784.5", "93844.5").replace("\n", "");
        try (StubServer stub = new StubServer(
                exchange -> {
                    OutputStream out = openStream(exchange);
                    send(out, "event: snapshot\ndata: " + WORLD.replace("\n", "") + "\n\n: heartbeat\n\n"
                            + "event: world_update\ndata: {\"changes\":[\"advance\"],\"world\":" + advanced + "}\n\n");
                    throw new IOException("connection cut on purpose");
                },
                exchange -> {
                    OutputStream out = openStream(exchange);
                    send(out, "event: snapshot\ndata: " + advanced + "\n\nevent: world_deleted\n"
                            + "data: {\"action\":\"world_deleted\",\"world_id\":7}\n\n");
                    out.close();
                });
             StoryworldClient client = client(stub.uri(), QUICK, RetryListener.NONE)) {
            List<WorldNews> news = new CopyOnWriteArrayList<>();
            client.worlds().watch(7, news::add).ended().get(10, TimeUnit.SECONDS);

            assertThat(news).extracting(n -> n instanceof WorldNews.State state ? state.world().worldTime() : null)
                    .containsExactly(93784.5, 93844.5, 93844.5, null);
            assertThat(news).extracting(n -> n instanceof WorldNews.State state ? state.changes() : null)
                    .containsExactly(List.of(), List.of("advance"), List.of(), null);
            assertThat(news.get(3)).isEqualTo(new WorldNews.Deleted(7));
            assertThat(stub.received()).extracting(r -> r.path()).containsOnly("/api/v1/game/worlds/7/stream");
            assertThat(stub.received()).extracting(r -> r.header("Last-Event-ID")).containsExactly(null, null);
        }
    }

    @Test
    void theLastEventOfAReplayGetsTheSnapshotsSession() {
        List<SessionNews> news = new CopyOnWriteArrayList<>();
        SessionNewsReader reader = new SessionNewsReader(5L, news::add);
        EventStreamParser parser = new EventStreamParser(new EventStreamParser.Sink() {
            @Override
            public void event(EventStreamParser.ServerSentEvent event) {
                reader.read(event);
            }

            @Override
            public void retry(Duration reconnectionTime) {
                // Not what this test reads.
            }
        });
        parser.feed(ByteBuffer.wrap((event(5, false, "\n") + event(6, false, "\n") + event(7, false, "\n")
                + snapshot(7, "\n") + event(8, true, "\n")).getBytes(StandardCharsets.UTF_8)));

        assertThat(news).extracting(SessionNews::version).containsExactly(6L, 7L, 8L);
        assertThat(((SessionNews.Happened) news.get(0)).session()).isEmpty();
        assertThat(((SessionNews.Happened) news.get(1)).session()).map(Session::version).isEqualTo(Optional.of(7L));
        assertThat(reader.resumeFrom()).isEqualTo("8");
    }
}
