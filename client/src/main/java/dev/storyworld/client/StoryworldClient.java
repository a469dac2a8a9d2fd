package dev.storyworld.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A client of the Storyworld HTTP API. Thread-safe; one per service and credentials, closed when done:
 * {@link #close()} cancels every call in flight (aborting its request) and every pending retry, and
 * ends the client's threads.
 *
 * <pre>{@code
 * try (StoryworldClient storyworld = StoryworldClient.builder(URI.create("http://localhost:8080"))
 *         .token(() -> tokens.current())
 *         .build()) {
 *     World world = storyworld.worlds().create("Harbor Town", null);
 * }
 * }</pre>
 *
 * Every call has a synchronous form, which throws {@link StoryworldException}, and an {@code ...Async}
 * form whose future fails with it; cancelling that future aborts the call.
 */
public final class StoryworldClient implements AutoCloseable {

    private final Transport transport;
    private final Worlds worlds;
    private final Scenes scenes;
    private final Sessions sessions;

    private StoryworldClient(Builder builder) {
        this.transport = new Transport(builder.baseUri, builder.token, builder.connectTimeout, builder.requestTimeout,
                builder.retryPolicy, builder.retryListener);
        this.worlds = new Worlds(transport);
        this.scenes = new Scenes(transport);
        this.sessions = new Sessions(transport);
    }

    /** A client of the service at {@code baseUri} (scheme, host, port; the API lives under {@code /api/v1}). */
    public static Builder builder(URI baseUri) {
        return new Builder(baseUri);
    }

    public Worlds worlds() {
        return worlds;
    }

    public Scenes scenes() {
        return scenes;
    }

    public Sessions sessions() {
        return sessions;
    }

    /** Backoffs waiting to run, and the silence timer of each open watch; 0 once every call and watch is done or cancelled. */
    public int pendingRetries() {
        return transport.pendingRetries();
    }

    Transport transport() {
        return transport;
    }

    @Override
    public void close() {
        transport.close();
    }

    public static final class Builder {
        private final URI baseUri;
        private Supplier<String> token = () -> null;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private RetryListener retryListener = RetryListener.NONE;

        private Builder(URI baseUri) {
            this.baseUri = Objects.requireNonNull(baseUri, "baseUri");
        }

        /** The bearer token, asked for on every request (so it may be refreshed); null sends none. */
        public Builder token(Supplier<String> token) {
            this.token = Objects.requireNonNull(token, "token");
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** The longest wait for one answer; an attempt past it fails as no answer (and may be retried). */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        public Builder onRetry(RetryListener listener) {
            this.retryListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public StoryworldClient build() {
            return new StoryworldClient(this);
        }
    }
}
