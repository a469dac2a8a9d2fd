package dev.storyworld.client;

import dev.storyworld.client.EventStreamParser.ServerSentEvent;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;

/**
 * A live watch of a session or a world ({@link Sessions#watch}, {@link Worlds#watch}): it follows the
 * server's event stream, and when the stream is lost (connection cut, server restart, silence longer
 * than the client's request timeout) or the server ends it, reconnects by itself with
 * {@code Last-Event-ID}, after a backoff with decorrelated jitter whose floor is the server's
 * {@code retry} hint. It holds no thread while it waits: the stream is read as its bytes arrive.
 *
 * <p>It ends normally when the watched session or world is deleted (after telling the listener; also
 * when a reconnection finds it gone, 404); with the {@link StoryworldException} of a refusal that
 * waiting cannot mend (401, 403, 404 before any stream opened, 400, or a 429 whose {@code Retry-After}
 * is past {@link RetryPolicy#maxRetryAfter()}); with what the listener threw; or,
 * after {@link #close()} (or {@link StoryworldClient#close()}), with {@link CallCancelled}. Every
 * reconnection is told to the client's {@link RetryListener}.
 */
public final class Watch implements AutoCloseable {

    /** Reads one kind of stream for one watch: what to tell the listener, and where to resume. */
    interface Reader {
        /** Takes one event of the stream; true when it was the last (the session or world is gone). */
        boolean read(ServerSentEvent event);

        /** The {@code Last-Event-ID} to reconnect with, or null to start anew. */
        String resumeFrom();

        /** The connection ended: what was held back from it will come again in the next one. */
        void disconnected();

        /** The session or world was deleted while the watch was away (its stream is 404 now): tell the listener. */
        void deletedMeanwhile();
    }

    private final Transport transport;
    private final Request request;
    private final Reader reader;
    private final Call<Void> call;
    // Touched by one step at a time: a connection's end schedules the next connection.
    private volatile Duration lastWait;
    private volatile int failures;
    private volatile Duration serverRetry;
    private volatile Connection connection;
    private volatile boolean everOpened;

    Watch(Transport transport, Request request, Reader reader) {
        this.transport = transport;
        this.request = request;
        this.reader = reader;
        this.call = transport.open();
        call.whenComplete((ended, failure) -> {
            Connection current = connection;
            if (current != null) {
                current.cut();
            }
        });
        connect();
    }

    /**
     * Completes when the watch is over: normally after the session or world was deleted, else with what
     * ended it. Cancelling it is {@link #close()}.
     */
    public CompletableFuture<Void> ended() {
        return call;
    }

    /**
     * Stops the watch: closes its connection, or drops its pending reconnection. The listener is told
     * nothing more, except news whose delivery was already under way on a client thread.
     */
    @Override
    public void close() {
        call.cancel(true);
    }

    private void connect() {
        if (call.isDone()) {
            return;
        }
        Connection next = new Connection();
        connection = next;
        call.sending(request);
        try {
            next.exchange = transport.exchange(transport.streamRequest(request, reader.resumeFrom()), next::body);
        } catch (RuntimeException e) {
            call.completeExceptionally(e);
            return;
        }
        next.watchSilence();
        if (call.isDone()) {
            next.cut();
        }
        next.exchange.whenComplete((response, failure) -> ended(next, response, failure));
    }

    private void ended(Connection ended, HttpResponse<String> response, Throwable failure) {
        ended.stopWatchingSilence();
        reader.disconnected();
        if (call.isDone()) {
            return;
        }
        if (ended.opened) {
            // The stream had opened: the next wait starts short again.
            everOpened = true;
            lastWait = null;
            failures = 0;
        }
        Throwable lost = failure == null ? null : Calls.unwrap(failure);
        if (ended.silent) {
            reconnect(StoryworldException.noAnswer(request,
                    new HttpTimeoutException("the stream was silent for " + transport.requestTimeout())));
        } else if (lost instanceof IOException || lost instanceof CancellationException) {
            reconnect(StoryworldException.noAnswer(request, lost));
        } else if (lost != null) {
            call.completeExceptionally(lost);
        } else if (ended.opened) {
            reconnect(StoryworldException.noAnswer(request, new IOException("the server ended the stream")));
        } else {
            refused(response);
        }
    }

    private void refused(HttpResponse<String> response) {
        int status = response.statusCode();
        StoryworldException error = status == 200
                ? new StoryworldException(request, status, "not_an_event_stream",
                "Content-Type " + response.headers().firstValue("Content-Type").orElse("none"), List.of(),
                response.headers().firstValue("X-Request-Id").orElse(null), null, JsonValue.EMPTY_JSON_OBJECT, null)
                : Problems.of(request, response);
        if (status == 404 && everOpened) {
            // It was there when the watch began, with the same credentials: it was deleted meanwhile.
            try {
                reader.deletedMeanwhile();
                call.complete(null);
            } catch (RuntimeException listenerFailed) {
                call.completeExceptionally(listenerFailed);
            }
            return;
        }
        Duration wait = status == 429 || status >= 500 ? transport.serverWait(error, this::backoff) : null;
        if (wait == null) {
            call.completeExceptionally(error);
        } else {
            retryAfter(wait, error);
        }
    }

    private Duration backoff() {
        return transport.retry().reconnectBackoff(lastWait, serverRetry);
    }

    private void reconnect(StoryworldException cause) {
        retryAfter(backoff(), cause);
    }

    private void retryAfter(Duration wait, StoryworldException cause) {
        lastWait = wait;
        failures++;
        transport.schedule(call, wait, this::connect);
        transport.retrying(request, failures, wait, cause);
    }

    private static boolean eventStream(HttpHeaders headers) {
        return headers.firstValue("Content-Type").map(type -> type.toLowerCase(Locale.ROOT).startsWith("text/event-stream"))
                .orElse(false);
    }

    /** One connection of the watch: its exchange, the parser of its body, and the timer of its silence. */
    private final class Connection implements Flow.Subscriber<List<ByteBuffer>>, EventStreamParser.Sink {

        private final EventStreamParser parser = new EventStreamParser(this);
        private volatile CompletableFuture<HttpResponse<String>> exchange;
        private volatile Flow.Subscription subscription;
        private volatile Future<?> silenceTimer;
        private volatile long heardNanos = System.nanoTime();
        private volatile boolean opened;
        private volatile boolean silent;
        private volatile boolean over;
        private boolean last;

        HttpResponse.BodySubscriber<String> body(HttpResponse.ResponseInfo info) {
            if (info.statusCode() == 200 && eventStream(info.headers())) {
                opened = true;
                return HttpResponse.BodySubscribers.fromSubscriber(this, self -> "");
            }
            return HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (call.isDone()) {
                subscription.cancel();
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> chunk) {
            heardNanos = System.nanoTime();
            try {
                chunk.forEach(parser::feed);
            } catch (RuntimeException listenerOrMalformedEvent) {
                call.completeExceptionally(listenerOrMalformedEvent);
                return;
            }
            if (last) {
                call.complete(null);
            } else if (!call.isDone()) {
                // One chunk at a time: a slow listener slows the reading, it never piles chunks up here.
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable failure) {
            // The exchange's future fails with it; ended() decides.
        }

        @Override
        public void onComplete() {
            // The exchange's future completes; ended() decides.
        }

        @Override
        public void event(ServerSentEvent event) {
            // A chunk already under way when the connection was cut is not read: its replay comes next.
            if (!last && !over && !call.isDone()) {
                last = reader.read(event);
            }
        }

        @Override
        public void retry(Duration reconnectionTime) {
            serverRetry = reconnectionTime;
        }

        /** Cuts the connection once nothing came for the request timeout (the server sends heartbeats). */
        void watchSilence() {
            if (over || call.isDone()) {
                return;
            }
            long silenceNanos = transport.requestTimeout().toNanos();
            long quietNanos = System.nanoTime() - heardNanos;
            if (quietNanos >= silenceNanos) {
                silent = true;
                cut();
                return;
            }
            silenceTimer = transport.later(Duration.ofNanos(silenceNanos - quietNanos), this::watchSilence);
        }

        void stopWatchingSilence() {
            over = true;
            Future<?> timer = silenceTimer;
            if (timer != null) {
                timer.cancel(false);
            }
        }

        /** Closes the connection: the subscription's cancel and the exchange's cancel(true) both close it. */
        void cut() {
            stopWatchingSilence();
            Flow.Subscription current = subscription;
            if (current != null) {
                current.cancel();
            }
            CompletableFuture<?> pending = exchange;
            if (pending != null) {
                pending.cancel(true);
            }
        }
    }
}
