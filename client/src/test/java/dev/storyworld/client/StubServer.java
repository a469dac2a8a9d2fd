package dev.storyworld.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP server of the test's own on a random port: answers requests with a script, one answer per
 * request in order (the last one repeats), and records every request it received.
 */
final class StubServer implements AutoCloseable {

    /** A request as received. */
    record Received(String method, String path, Map<String, List<String>> headers, String body) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** What the stub does with one request. */
    interface Answer {
        void answer(HttpExchange exchange) throws IOException;
    }

    static Answer json(int status, String body, String... headerPairs) {
        return exchange -> {
            for (int i = 0; i < headerPairs.length; i += 2) {
                exchange.getResponseHeaders().add(headerPairs[i], headerPairs[i + 1]);
            }
            String type = status >= 400 ? "application/problem+json" : "application/json";
            exchange.getResponseHeaders().add("Content-Type", type);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, status == 204 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        };
    }

    static Answer problem(int status, String error, String... headerPairs) {
        return json(status, "{\"status\":" + status + ",\"title\":\"t\",\"detail\":\"d\",\"error\":\"" + error + "\"}",
                headerPairs);
    }

    /** Closes the connection without answering: the server got the request, the client gets no answer. */
    static Answer drop() {
        return exchange -> {
            // The JDK server closes the connection of a handler that throws, without a response.
            throw new IllegalStateException("answer lost on purpose");
        };
    }

    /** Holds the request open until {@code release} opens (a slow server). */
    static Answer hold(CountDownLatch release) {
        return exchange -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        };
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstRequest = new CountDownLatch(1);

    StubServer(Answer... answers) throws IOException {
        script.addAll(List.of(answers));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    Map.copyOf(exchange.getRequestHeaders()), body));
            firstRequest.countDown();
            next().answer(exchange);
        });
        server.start();
    }

    private synchronized Answer next() {
        return script.size() > 1 ? script.poll() : script.peek();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<String> methods() {
        return received.stream().map(Received::method).toList();
    }

    void awaitFirstRequest() throws InterruptedException {
        firstRequest.await();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
