package dev.storyworld.web.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An open answer of a stream endpoint, its Server-Sent Events parsed by a reader thread as they arrive
 * (RFC: {@code event}, {@code id}, {@code data}, {@code retry} and comment lines, dispatched at a blank line).
 * A test waits for the next event with a bound ({@link #next}); the end of the stream is an event of its own.
 */
public final class EventStream implements AutoCloseable {

    /** One event; {@code name} {@code "message"} when the server named none, {@link #END} when the stream ended. */
    public record Event(String name, String id, String data, Long retry, String comment) {

        public JsonObject json() {
            try (var reader = Json.createReader(new StringReader(data))) {
                return reader.readObject();
            }
        }

        public long version() {
            return Long.parseLong(id);
        }

        public boolean ended() {
            return END.equals(name);
        }
    }

    public static final String END = "(end of stream)";

    private final String request;
    private final HttpResponse<InputStream> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Thread reader;

    EventStream(String request, HttpResponse<InputStream> response) {
        this.request = request;
        this.response = response;
        this.reader = new Thread(this::read, "sse " + request);
        reader.setDaemon(true);
        reader.start();
    }

    public int status() {
        return response.statusCode();
    }

    public String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The whole body of an answer that is not a stream (a refusal). */
    public Api.Reply refusal() {
        assertThat(status()).as(request).isNotEqualTo(200);
        try {
            reader.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Api.Reply(request, new TextAnswer(response, body.toString()));
    }

    private final StringBuilder body = new StringBuilder();
    private Event lastUnnamed;

    /** The next event, waiting at most {@code timeout}; fails the test when none comes. */
    public Event next(Duration timeout) {
        try {
            Event event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(event).as("an event of " + request + " within " + timeout).isNotNull();
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * The next event with a name (the end included), passing over the lines that carry none (the opening
     * line, heartbeats, retry hints), which {@link #lastUnnamed} keeps.
     */
    public Event nextData(Duration timeout) {
        Event event;
        while ((event = next(timeout)).name() == null) {
            lastUnnamed = event;
        }
        return event;
    }

    /** The last event without a name (comment and {@code retry} lines) that {@link #nextData} passed over. */
    public Event lastUnnamed() {
        return lastUnnamed;
    }

    /** Events up to and including the first that {@code last} accepts. */
    public List<Event> until(Duration eachWithin, java.util.function.Predicate<Event> last) {
        List<Event> received = new ArrayList<>();
        Event event;
        do {
            event = nextData(eachWithin);
            received.add(event);
            assertThat(event.ended()).as("the stream ended early after " + received).isFalse();
        } while (!last.test(event));
        return received;
    }

    private void read() {
        if (response.statusCode() != 200) {
            try (InputStream in = response.body()) {
                body.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        String name = null;
        String id = null;
        StringBuilder data = null;
        Long retry = null;
        String comment = null;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (name != null || id != null || data != null || retry != null || comment != null) {
                        events.add(new Event(eventName(name, data), id, data == null ? null : data.toString(), retry,
                                comment));
                    }
                    name = null;
                    id = null;
                    data = null;
                    retry = null;
                    comment = null;
                    continue;
                }
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                switch (field) {
                    case "" -> comment = value;
                    case "event" -> name = value;
                    case "id" -> id = value;
                    case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                    case "retry" -> retry = Long.parseLong(value.strip());
                    default -> { }
                }
            }
            // Fields without a blank line after them at the end: a retry field counts when read (RFC), so keep them.
            if (name != null || id != null || data != null || retry != null) {
                events.add(new Event(eventName(name, data), id, data == null ? null : data.toString(), retry, comment));
            }
        } catch (IOException closed) {
            // closed by the test, or the connection failed: either way the stream ended
        }
        events.add(new Event(END, null, null, null, null));
    }

    /** As a browser names it: "message" when it has data and no name; no name when its data is empty. */
    private static String eventName(String name, StringBuilder data) {
        return name == null && data != null && !data.isEmpty() ? "message" : name;
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** A refusal's body read whole, as {@link Api.Reply} takes answers. */
    private record TextAnswer(HttpResponse<InputStream> streamed, String body) implements HttpResponse<String> {
        @Override
        public int statusCode() {
            return streamed.statusCode();
        }

        @Override
        public java.net.http.HttpRequest request() {
            return streamed.request();
        }

        @Override
        public java.util.Optional<HttpResponse<String>> previousResponse() {
            return java.util.Optional.empty();
        }

        @Override
        public java.net.http.HttpHeaders headers() {
            return streamed.headers();
        }

        @Override
        public java.net.URI uri() {
            return streamed.uri();
        }

        @Override
        public java.net.http.HttpClient.Version version() {
            return streamed.version();
        }

        @Override
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return streamed.sslSession();
        }
    }
}
