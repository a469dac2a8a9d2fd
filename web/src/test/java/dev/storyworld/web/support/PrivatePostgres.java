package dev.storyworld.web.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of a test's own (initdb in target/, a free port, trust authentication), that
 * the test may kill and start again: never the machine's shared server. PostgreSQL refuses to run
 * as root, so as root (CI) its commands run as the postgres user.
 */
public final class PrivatePostgres {

    public static final String DATABASE = "storyworld";
    public static final String USER = "storyworld";

    private final Path bin;
    private final Path dir;
    private final int port;

    private PrivatePostgres(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
    }

    /** A new cluster with the service's role and database, running. */
    public static PrivatePostgres create(String name) {
        try {
            Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), name + "-");
            PrivatePostgres postgres = new PrivatePostgres(binaries(), dir, ExternalProcess.freePort());
            if (asRoot()) {
                postgres.run(List.of("chown", "postgres", dir.toString()), false);
            }
            postgres.run(List.of(postgres.bin.resolve("initdb").toString(), "-D", postgres.data(), "-A", "trust",
                    "-U", "postgres", "--no-sync"), true);
            postgres.start();
            try (Connection admin = DriverManager.getConnection(postgres.url("postgres"), "postgres", "");
                 Statement sql = admin.createStatement()) {
                sql.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + USER + "'");
                sql.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
            }
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void start() {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data(), "-l", dir.resolve("postgres.log").toString(),
                "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "-w", "start"), true);
    }

    /** Like a crash: every backend dies at once, clients lose their connections, nothing is flushed politely. */
    public void kill() {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data(), "-m", "immediate", "-w", "stop"), true);
    }

    /** Stops it for good, if it runs; the files stay in target/ for a look after a failure. */
    public void close() {
        if (Files.exists(Path.of(data(), "postmaster.pid"))) {
            kill();
        }
    }

    public String url() {
        return url(DATABASE);
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), USER, USER);
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private String data() {
        return dir.resolve("data").toString();
    }

    private void run(List<String> command, boolean asPostgres) {
        List<String> full = new ArrayList<>();
        if (asPostgres && asRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        ExternalProcess.run(full, dir.resolve("commands.log").toFile(), Duration.ofSeconds(60));
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The server binaries: pg_config's, else the newest Debian install. */
    private static Path binaries() throws IOException {
        try {
            Process pgConfig = new ProcessBuilder("pg_config", "--bindir").redirectErrorStream(true).start();
            String dir = new String(pgConfig.getInputStream().readAllBytes()).trim();
            if (pgConfig.waitFor() == 0 && Files.isExecutable(Path.of(dir, "initdb"))) {
                return Path.of(dir);
            }
        } catch (IOException notInstalled) {
            // pg_config comes with the client development package; the Debian layout below does without it.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        File[] versions = new File("/usr/lib/postgresql").listFiles(f -> new File(f, "bin/initdb").canExecute());
        if (versions == null || versions.length == 0) {
            throw new IllegalStateException("no PostgreSQL server binaries (initdb) found");
        }
        return Stream.of(versions).max(Comparator.comparingInt(v -> Integer.parseInt(v.getName())))
                .orElseThrow().toPath().resolve("bin");
    }
}
