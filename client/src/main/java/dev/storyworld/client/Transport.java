package dev.storyworld.client;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Sends requests with the client's retry rules, on an {@link HttpClient} and executors owned by one
 * client, so that {@link #close()} can end every exchange, every pending retry and every thread.
 */
final class Transport implements AutoCloseable {

    static final String THREAD_PREFIX = "storyworld-client-";
    private static final long CLOSE_WAIT_MILLIS = 5_000;
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private final URI base;
    private final Supplier<String> token;
    private final Duration requestTimeout;
    private final RetryPolicy retry;
    private final RetryListener listener;
    private final ExecutorService httpExecutor;
    private final ScheduledThreadPoolExecutor scheduler;
    private final HttpClient http;
    private final Set<Call<?>> calls = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    Transport(URI base, Supplier<String> token, Duration connectTimeout, Duration requestTimeout, RetryPolicy retry,
              RetryListener listener) {
        String base0 = base.toString();
        this.base = URI.create(base0.endsWith("/") ? base0 : base0 + "/");
        this.token = token;
        this.requestTimeout = requestTimeout;
        this.retry = retry;
        this.listener = listener;
        String prefix = THREAD_PREFIX + CLIENTS.incrementAndGet() + "-";
        this.httpExecutor = Executors.newCachedThreadPool(daemon(prefix + "http-"));
        this.scheduler = new ScheduledThreadPoolExecutor(1, daemon(prefix + "retry-"));
        // A cancelled backoff leaves the queue at once instead of waiting there for its time.
        scheduler.setRemoveOnCancelPolicy(true);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .executor(httpExecutor)
                .build();
    }

    /** Threads of this client's pools, each kept until it has ended, so that {@link #close()} can wait for them. */
    private ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            threads.removeIf(ended -> !ended.isAlive());
            threads.add(thread);
            return thread;
        };
    }

    RetryPolicy retry() {
        return retry;
    }

    /** A new logical call, registered so that {@link #close()} can cancel it. */
    <T> Call<T> open() {
        if (closed) {
            throw new IllegalStateException("the Storyworld client is closed");
        }
        Call<T> call = new Call<>();
        calls.add(call);
        call.whenComplete((value, failure) -> calls.remove(call));
        if (closed) {
            call.cancel(true);
        }
        return call;
    }

    /** A call of one request whose answer {@code decode} reads. */
    <T> Call<T> call(Request request, Function<JsonObject, T> decode) {
        Call<T> call = open();
        send(call, request).thenApply(decode).whenComplete(call::settle);
        return call;
    }

    /** Sends {@code request} for {@code call}, retrying by the policy; the answer's JSON (empty for 204). */
    CompletableFuture<JsonObject> send(Call<?> call, Request request) {
        CompletableFuture<JsonObject> answer = new CompletableFuture<>();
        attempt(call, request, 1, answer);
        return answer;
    }

    /** Runs {@code step} after {@code delay}, unless {@code call} is done by then. */
    void schedule(Call<?> call, Duration delay, Runnable step) {
        try {
            call.track(scheduler.schedule(() -> {
                if (!call.isDone()) {
                    step.run();
                }
            }, delay.toNanos(), TimeUnit.NANOSECONDS));
        } catch (RejectedExecutionException closing) {
            call.cancel(true);
        }
    }

    /** Tells the listener of a retry just scheduled. */
    void retrying(Request request, int attempt, Duration delay, StoryworldException cause) {
        listener.retrying(request.toString(), attempt, delay, cause);
    }

    private void attempt(Call<?> call, Request request, int attempt, CompletableFuture<JsonObject> answer) {
        if (call.isDone()) {
            answer.completeExceptionally(new CancellationException());
            return;
        }
        CompletableFuture<HttpResponse<String>> exchange;
        call.sending(request);
        try {
            exchange = http.sendAsync(httpRequest(request), HttpResponse.BodyHandlers.ofString());
        } catch (RuntimeException e) {
            answer.completeExceptionally(e);
            return;
        }
        call.track(exchange);
        exchange.whenComplete((response, failure) -> {
            call.answered(request, failure == null && response.statusCode() < 500);
            if (call.isDone()) {
                answer.completeExceptionally(new CancellationException());
                return;
            }
            if (failure == null && response.statusCode() < 300) {
                answer.complete(response.body().isBlank() ? JsonValue.EMPTY_JSON_OBJECT : JsonFields.parse(response.body()));
                return;
            }
            Throwable lost = failure == null ? null : Calls.unwrap(failure);
            StoryworldException error = lost == null ? Problems.of(request, response)
                    : StoryworldException.noAnswer(request, lost);
            Duration wait = attempt < retry.attempts() ? retryWait(request, attempt, error, lost) : null;
            if (wait == null) {
                answer.completeExceptionally(error);
                return;
            }
            schedule(call, wait, () -> attempt(call, request, attempt + 1, answer));
            retrying(request, attempt, wait, error);
        });
    }

    /** How long to wait before repeating after {@code error}; null when it must not be repeated. */
    private Duration retryWait(Request request, int attempt, StoryworldException error, Throwable lost) {
        if (lost != null) {
            return lost instanceof IOException && request.repeatable() ? retry.backoff(attempt) : null;
        }
        return switch (error.status()) {
            case 429 -> serverWait(error, () -> retry.backoff(attempt));
            case 503 -> request.repeatable() ? serverWait(error, () -> retry.backoff(attempt)) : null;
            case 409 -> "session_busy".equals(error.error()) ? retry.backoff(attempt) : null;
            default -> null;
        };
    }

    /**
     * The server's {@code Retry-After} when within the bound, else null: waiting less than it asks would
     * only be refused again. Without one, the {@code backoff}.
     */
    Duration serverWait(StoryworldException error, Supplier<Duration> backoff) {
        Duration asked = error.retryAfter().orElse(null);
        if (asked == null) {
            return backoff.get();
        }
        return asked.compareTo(retry.maxRetryAfter()) <= 0 ? asked : null;
    }

    private HttpRequest httpRequest(Request request) {
        HttpRequest.Builder http = authorized(request, "application/json").timeout(requestTimeout);
        if (request.body() == null) {
            request.headers().forEach(http::setHeader);
            return http.method(request.method(), HttpRequest.BodyPublishers.noBody()).build();
        }
        // The request's own headers come last, so that one may name another media type (a merge patch).
        http.setHeader("Content-Type", "application/json");
        request.headers().forEach(http::setHeader);
        return http.method(request.method(), HttpRequest.BodyPublishers.ofString(request.body().toString())).build();
    }

    /**
     * The request of an event stream, resuming after {@code lastEventId} (null for none). It has no
     * timeout, as a stream has no end: {@link Watch} times the silence between its bytes instead.
     */
    HttpRequest streamRequest(Request request, String lastEventId) {
        HttpRequest.Builder http = authorized(request, "text/event-stream").header("Cache-Control", "no-cache");
        if (lastEventId != null) {
            http.header("Last-Event-ID", lastEventId);
        }
        return http.GET().build();
    }

    private HttpRequest.Builder authorized(Request request, String accept) {
        HttpRequest.Builder http = HttpRequest.newBuilder(base.resolve(request.path())).header("Accept", accept);
        String bearer = token.get();
        if (bearer != null) {
            http.header("Authorization", "Bearer " + bearer);
        }
        return http;
    }

    <T> CompletableFuture<HttpResponse<T>> exchange(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        return http.sendAsync(request, body);
    }

    Duration requestTimeout() {
        return requestTimeout;
    }

    /** Runs {@code step} after {@code delay}, for no call in particular; null once the client is closed. */
    Future<?> later(Duration delay, Runnable step) {
        try {
            return scheduler.schedule(step, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            return null;
        }
    }

    /** Backoffs and the silence timers of open watches waiting in the scheduler (a cancelled one leaves at once). */
    int pendingRetries() {
        return scheduler.getQueue().size();
    }

    /**
     * Cancels every call (aborting its exchange: on JDK 17 a sendAsync future's cancel(true) closes
     * the connection), then ends the executors' threads. The JDK 17 HttpClient has no close(); its
     * selector thread ends once the client is unreachable and has no exchange left. On JDK 21+ it is
     * closed too.
     */
    @Override
    public void close() {
        closed = true;
        List.copyOf(calls).forEach(call -> call.cancel(true));
        scheduler.shutdownNow();
        httpExecutor.shutdownNow();
        try {
            scheduler.awaitTermination(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            httpExecutor.awaitTermination(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            // A pool counts as terminated a moment before its last thread has ended: wait for that too.
            for (Thread thread : threads) {
                if (thread != Thread.currentThread()) {
                    thread.join(CLOSE_WAIT_MILLIS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (http instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
