package dev.storyworld.web.redis;

import dev.storyworld.common.Counters;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The shared Redis, when {@code storyworld.redis.url} names one. Every command goes through
 * {@link #call}: a failure is logged with its operation and context, counted, and answered by the
 * caller's local fallback; after a failure Redis is left alone for a growing pause (a
 * {@link CircuitBreaker}), so requests do not each pay the 200 ms timeout while it is down, and at
 * the end of a pause one request probes it while the others keep their fallback.
 */
@ApplicationScoped
public class Redis {

    /** The commands sent, named as in the {@code operation} tag of {@link Counters#REDIS_FAILURES}. */
    public enum Operation {
        RATE_LIMIT("rate_limit"),
        PING("ping");

        private final String tag;

        Operation(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    private static final Logger LOG = Logger.getLogger(Redis.class.getName());
    static final int TIMEOUT_MILLIS = 200;
    static final long FIRST_PAUSE_MILLIS = 1_000;
    static final long LONGEST_PAUSE_MILLIS = 30_000;

    @Inject
    @ConfigProperty(name = "storyworld.redis.url")
    Optional<String> url;

    /** Resolved at the first failure: readiness checks use this bean before the metrics service is up. */
    @Inject
    Instance<MetricRegistry> metrics;

    private UnifiedJedis client;
    private final CircuitBreaker breaker =
            new CircuitBreaker(System::currentTimeMillis, FIRST_PAUSE_MILLIS, LONGEST_PAUSE_MILLIS);

    @PostConstruct
    void connect() {
        url.filter(u -> !u.isBlank()).ifPresent(u -> {
            client = RedisClient.builder()
                    .fromURI(u)
                    .clientConfig(DefaultJedisClientConfig.builder()
                            .connectionTimeoutMillis(TIMEOUT_MILLIS)
                            .socketTimeoutMillis(TIMEOUT_MILLIS)
                            .build())
                    .build();
            LOG.info(() -> "Rate limits and caches are shared through Redis at " + u);
        });
        if (client == null) {
            LOG.info("No storyworld.redis.url: rate limits and caches are local to this instance");
        }
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }

    public boolean configured() {
        return client != null;
    }

    /**
     * Runs a command, or answers {@code fallback} when Redis is not configured, is paused after a
     * failure, or fails now.
     */
    public <T> T call(Operation operation, String context, Function<UnifiedJedis, T> command, Supplier<T> fallback) {
        if (client == null) {
            return fallback.get();
        }
        CircuitBreaker.Permit permit = breaker.permit();
        if (permit == CircuitBreaker.Permit.FALLBACK) {
            return fallback.get();
        }
        if (permit == CircuitBreaker.Permit.PROBE) {
            metrics.get().counter(Counters.REDIS_PROBES).inc();
        }
        try {
            T result = command.apply(client);
            breaker.succeeded(permit);
            return result;
        } catch (RuntimeException e) {
            long pause = breaker.failed(permit);
            metrics.get().counter(Counters.REDIS_FAILURES, new Tag(Counters.OPERATION, operation.tag())).inc();
            LOG.log(Level.WARNING, "Redis " + operation.tag() + (permit == CircuitBreaker.Permit.PROBE ? " probe" : "")
                    + " failed (" + context + "); local fallback, Redis paused for " + pause + " ms: " + e);
            return fallback.get();
        }
    }
}
