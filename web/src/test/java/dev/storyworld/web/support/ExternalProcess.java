package dev.storyworld.web.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A server process a test starts and kills itself: a Redis, or a second service instance. */
public final class ExternalProcess implements AutoCloseable {

    private final Process process;

    private ExternalProcess(Process process) {
        this.process = process;
    }

    public static ExternalProcess start(List<String> command, Map<String, String> environment, File log) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        builder.environment().putAll(environment);
        try {
            log.getParentFile().mkdirs();
            Process process = builder.start();
            // A test that fails before its own stop must not leave a server on a fixed port for the next run.
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            return new ExternalProcess(process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command to its end, its output appended to {@code log}; fails unless it exits 0 within {@code timeout}. */
    public static void run(List<String> command, File log, Duration timeout) {
        try {
            log.getParentFile().mkdirs();
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed; " + log + " ends:\n"
                        + tail(log, 15));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The last {@code lines} lines of {@code file}, for a failure's message (CI shows messages, not files). */
    public static String tail(File file, int lines) {
        try {
            List<String> all = Files.readAllLines(file.toPath(), StandardCharsets.ISO_8859_1);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    public static ExternalProcess redis(int port) {
        ExternalProcess redis = start(List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no"), Map.of(), new File("target/redis-" + port + ".log"));
        awaitTrue("Redis on port " + port, Duration.ofSeconds(20), () -> isOpen(port));
        return redis;
    }

    /**
     * Another instance of the service under test (the packaged WAR on Payara Micro, no Hazelcast),
     * started with {@code environment} and the repository's command files (connections refused until the
     * application is deployed), answering on its readiness probe when this returns. Each start gets a
     * fresh root directory: a reused one makes Payara deploy the previous run's application first.
     */
    public static ExternalProcess service(int port, Map<String, String> environment, String name) {
        File root;
        try {
            root = Files.createTempDirectory(Path.of("target").toAbsolutePath(), name + "-root-").toFile();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ExternalProcess service = start(List.of(System.getProperty("java.home") + "/bin/java", "-Xmx384m",
                        "-Djava.io.tmpdir=" + root, "-jar", "target/payara-micro.jar",
                        "--deploy", System.getProperty("storyworld.it.war"), "--contextroot", "/",
                        "--port", Integer.toString(port), "--nohazelcast", "--rootdir", root.toString(),
                        "--prebootcommandfile", "../deploy/payara-micro/preboot.asadmin",
                        "--postdeploycommandfile", "../deploy/payara-micro/postdeploy.asadmin"),
                environment, new File("target/" + name + ".log"));
        try {
            awaitTrue(name + " ready", Duration.ofSeconds(360),
                    () -> answers200("http://127.0.0.1:" + port + "/" + ReadinessWatch.PROBE));
        } catch (AssertionError notReady) {
            service.close();
            throw notReady;
        }
        return service;
    }

    /** Polls an outcome that happens asynchronously, failing after {@code timeout}. */
    public static void awaitTrue(String what, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + " did not happen within " + timeout);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Below Linux's default ephemeral range (32768-60999). */
    public static final int EPHEMERAL_LOW = 32768;
    private static final int LOWEST = 15000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /**
     * A free port below the kernel's ephemeral range, never the same twice in this JVM. A server that a test
     * stops and starts again on its port must find the port still free; a port of the ephemeral range
     * ({@code new ServerSocket(0)}'s) can be taken meanwhile as the local end of any outgoing connection,
     * even by a poll of the closed port connecting to itself (CI saw a listener that never reopened).
     */
    public static int freePort() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, EPHEMERAL_LOW);
            if (isFree(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port in [" + LOWEST + ", " + EPHEMERAL_LOW + ")");
    }

    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static boolean isOpen(int port) {
        try (var socket = new java.net.Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static boolean answers200(String url) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(2000);
            return connection.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** SIGTERM, as an orchestrator stops a service; {@link #close} kills. */
    public void terminate() {
        process.destroy();
    }

    /** Whether the process ended within {@code timeout}. */
    public boolean exitsWithin(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
