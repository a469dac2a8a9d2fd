package dev.storyworld.web.lifecycle;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.net.URI;
import java.util.logging.Logger;

/**
 * One INFO line when the service has started (after the database migration), saying what runs where: the database, where the rate
 * limits live (Redis or this instance), whether dev tokens are on, and the console's address. The
 * log's only line an operator needs to read to know which setup is running.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigration")
public class StartupSummary {

    private static final Logger LOG = Logger.getLogger(StartupSummary.class.getName());

    @Inject
    Config config;

    @PostConstruct
    void logWhatRunsWhere() {
        LOG.info(() -> "Storyworld started: " + summary());
    }

    String summary() {
        String database = config.getOptionalValue("storyworld.db.url", String.class)
                .map(url -> "database " + url.replaceAll("([?&;](user|password)=)[^&;]*", "$1***"))
                .orElse("database embedded H2 under ./data");
        String limits = config.getOptionalValue("storyworld.redis.url", String.class)
                .map(url -> "rate limits in Redis at " + hostAndPort(url))
                .orElse("rate limits local to this instance (no storyworld.redis.url)");
        boolean devTokens = config.getOptionalValue("storyworld.dev-tokens.enabled", Boolean.class).orElse(false);
        String tokens = devTokens ? "DEV TOKENS ON (anyone can mint a token: never expose this setup)" : "dev tokens off";
        int port = httpPort();
        String console = port > 0 ? "console http://localhost:" + port + "/console/" : "console at /console/";
        return database + "; " + limits + "; " + tokens + "; " + console;
    }

    private static String hostAndPort(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        } catch (IllegalArgumentException e) {
            return "(an unreadable URL)";
        }
    }

    /** Payara Micro's HTTP port when this runs on Payara Micro (read reflectively: no compile-time tie); else -1. */
    private static int httpPort() {
        try {
            Class<?> micro = Class.forName("fish.payara.micro.PayaraMicro");
            Object instance = micro.getMethod("getInstance", boolean.class).invoke(null, false);
            return instance == null ? -1 : (Integer) micro.getMethod("getHttpPort").invoke(instance);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException notPayaraMicro) {
            return -1;
        }
    }
}
