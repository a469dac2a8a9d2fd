package dev.storyworld.web.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A black-box HTTP client of the service: raw requests in, status, headers and JSON out. */
public final class Api {

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI base;

    public Api(URL base) {
        this.base = URI.create(base.toString().replaceAll("/+$", "") + "/");
    }

    /** A user id no other test run has used, so tests never see each other's data. */
    public static long newUserId() {
        return ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE / 2);
    }

    public Call call(String method, String path) {
        return new Call(method, path);
    }

    /** The value of a Prometheus counter at /metrics (a regex of name and labels), 0 when never incremented. */
    public long counter(String nameAndLabels) {
        return counter(get("metrics").send().body(), nameAndLabels);
    }

    /** The value of a counter in a body of /metrics, to read several counters at one moment. */
    public static long counter(String metrics, String nameAndLabels) {
        Matcher value = Pattern.compile("(?m)^" + nameAndLabels + " ([0-9.Ee+]+)$").matcher(metrics);
        return value.find() ? (long) Double.parseDouble(value.group(1)) : 0;
    }

    public Call get(String path) {
        return call("GET", path);
    }

    public Call post(String path, String json) {
        return call("POST", path).json(json);
    }

    public Call post(String path, JsonValue json) {
        return call("POST", path).json(json);
    }

    public Call put(String path, String json) {
        return call("PUT", path).json(json);
    }

    public Call put(String path, JsonValue json) {
        return call("PUT", path).json(json);
    }

    public Call patch(String path, JsonValue json) {
        return call("PATCH", path).json(json);
    }

    public Call delete(String path) {
        return call("DELETE", path);
    }

    public final class Call {
        private final String method;
        private final String path;
        private final HttpRequest.Builder request;
        private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

        private Call(String method, String path) {
            this.method = method;
            this.path = path;
            this.request = HttpRequest.newBuilder(base.resolve(path.replaceFirst("^/", "")))
                    .timeout(Duration.ofSeconds(30));
        }

        public Call as(long userId) {
            return header("Authorization", "Bearer " + TestKeys.token(userId));
        }

        public Call bearer(String token) {
            return header("Authorization", "Bearer " + token);
        }

        public Call header(String name, String value) {
            request.header(name, value);
            return this;
        }

        public Call json(String json) {
            return body("application/json", json);
        }

        public Call json(JsonValue json) {
            return body("application/json", json.toString());
        }

        public Call body(String contentType, JsonValue content) {
            return body(contentType, content.toString());
        }

        public Call body(String contentType, String content) {
            request.header("Content-Type", contentType);
            body = HttpRequest.BodyPublishers.ofString(content);
            return this;
        }

        /** A body sent without any Content-Type. */
        public Call untyped(String content) {
            body = HttpRequest.BodyPublishers.ofString(content);
            return this;
        }

        /** Bytes as they are, valid UTF-8 or not. */
        public Call bytes(String contentType, byte[] content) {
            request.header("Content-Type", contentType);
            body = HttpRequest.BodyPublishers.ofByteArray(content);
            return this;
        }

        /** A body without Content-Length, so the server can only find its size by reading it. */
        public Call chunked(String content) {
            body = HttpRequest.BodyPublishers.ofInputStream(
                    () -> new java.io.ByteArrayInputStream(content.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return this;
        }

        /** Opens the answer as a stream of Server-Sent Events, read as they come (see {@link EventStream}). */
        public EventStream stream() {
            header("Accept", "text/event-stream");
            try {
                return new EventStream(method + " " + path, http.send(request.method(method, body).build(),
                        HttpResponse.BodyHandlers.ofInputStream()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        public Reply send() {
            try {
                HttpResponse<String> response = http.send(request.method(method, body).build(),
                        HttpResponse.BodyHandlers.ofString());
                return new Reply(method + " " + path, response);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** An answer, with the request in its description so that a failed assertion says what was sent. */
    public record Reply(String request, HttpResponse<String> response) {

        public int status() {
            return response.statusCode();
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        public String body() {
            return response.body();
        }

        public JsonObject json() {
            JsonStructure json = Json.createReader(new StringReader(body())).read();
            return json.asJsonObject();
        }

        /** The {@code error} code of a problem answer. */
        public String error() {
            return json().getString("error");
        }

        public long id() {
            return json().getJsonNumber("id").longValueExact();
        }

        public JsonValue field(String name) {
            return json().get(name);
        }

        @Override
        public String toString() {
            return request + " -> " + status() + " " + body();
        }
    }
}
