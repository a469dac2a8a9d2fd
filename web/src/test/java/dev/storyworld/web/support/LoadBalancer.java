package dev.storyworld.web.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * HAProxy with the repository's configuration ({@code deploy/haproxy/storyworld.cfg}) in front of three
 * instances, on free ports, its log in {@code target/}; its runtime API answers on a loopback port.
 */
public final class LoadBalancer implements AutoCloseable {

    public static final Path CONFIG = Path.of("..", "deploy", "haproxy", "storyworld.cfg");

    private final ExternalProcess haproxy;
    private final int port;
    private final int adminPort;
    private final File log;

    private LoadBalancer(ExternalProcess haproxy, int port, int adminPort, File log) {
        this.haproxy = haproxy;
        this.port = port;
        this.adminPort = adminPort;
        this.log = log;
    }

    /** HAProxy in front of the instances on {@code appPorts} (three), once it sees every one UP. */
    public static LoadBalancer start(List<Integer> appPorts, String name) {
        int port = ExternalProcess.freePort();
        int adminPort = ExternalProcess.freePort();
        File log = new File("target/" + name + ".log");
        ExternalProcess haproxy = ExternalProcess.start(List.of("haproxy", "-db", "-f", CONFIG.toString()), Map.of(
                "STORYWORLD_LB_BIND", "127.0.0.1:" + port,
                "STORYWORLD_LB_ADMIN", "ipv4@127.0.0.1:" + adminPort,
                "STORYWORLD_LB_ERRORS", CONFIG.resolveSibling("errors").toAbsolutePath().toString(),
                "STORYWORLD_APP1", "127.0.0.1:" + appPorts.get(0),
                "STORYWORLD_APP2", "127.0.0.1:" + appPorts.get(1),
                "STORYWORLD_APP3", "127.0.0.1:" + appPorts.get(2)), log);
        LoadBalancer balancer = new LoadBalancer(haproxy, port, adminPort, log);
        for (int server = 1; server <= 3; server++) {
            balancer.awaitStatus(server, "UP", Duration.ofSeconds(30));
        }
        return balancer;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** One command of HAProxy's runtime API, its answer. */
    public String admin(String command) {
        try (Socket socket = new Socket("127.0.0.1", adminPort)) {
            socket.getOutputStream().write((command + "\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A field of server {@code appN}'s row in {@code show stat}: "scur" (requests it serves now), "status". */
    public String stat(int server, String field) {
        String[] lines = admin("show stat").split("\n");
        List<String> header = List.of(lines[0].replaceFirst("^# ", "").split(","));
        int column = header.indexOf(field);
        for (String line : lines) {
            String[] fields = line.split(",", -1);
            if (fields.length > column && fields[0].equals("storyworld") && fields[1].equals("app" + server)) {
                return fields[column];
            }
        }
        throw new IllegalStateException("no server app" + server + " in " + String.join("\n", lines));
    }

    public void awaitStatus(int server, String status, Duration timeout) {
        ExternalProcess.awaitTrue("HAProxy sees app" + server + " " + status, timeout, () -> {
            if (!haproxy.alive()) {
                throw new AssertionError("HAProxy exited; see " + log);
            }
            try {
                return stat(server, "status").startsWith(status);
            } catch (UncheckedIOException runtimeApiNotOpenYet) {
                return false;
            }
        });
    }

    /** No new requests for {@code appN}; waits until those it serves have ended. */
    public void drain(int server, Duration timeout) {
        admin("set server storyworld/app" + server + " state drain");
        ExternalProcess.awaitTrue("app" + server + " serves no request", timeout, () -> "0".equals(stat(server, "scur")));
    }

    /** Back into rotation once its health checks pass. */
    public void ready(int server, Duration timeout) {
        admin("set server storyworld/app" + server + " state ready");
        awaitStatus(server, "UP", timeout);
    }

    /** The log line of the request the client sent with {@code requestId}, if HAProxy logged one. */
    public Optional<String> logLine(String requestId) {
        return logLines().stream().filter(line -> line.contains("{" + requestId + "}")).findFirst();
    }

    public List<String> logLines() {
        try {
            return Files.readAllLines(log.toPath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        haproxy.close();
    }
}
