package dev.storyworld.web.limits;

import dev.storyworld.common.Counters;
import dev.storyworld.web.redis.Redis;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Per-user limits shared by every instance: the GCRA state lives in Redis and is updated by one
 * atomic script that also reads Redis's clock, so instances with skewed clocks still agree. Without
 * Redis, or while it fails, the same algorithm runs on a local map: limits then hold per instance.
 */
@ApplicationScoped
public class RateLimiter {

    private static final long WINDOW_MICROS = TimeUnit.MINUTES.toMicros(1);
    private static final int LOCAL_KEYS_BEFORE_SWEEP = 100_000;

    /** {@link Gcra#decide} in Lua; numbers are formatted with %d so that microsecond times keep every digit. */
    private static final String SCRIPT = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
            local interval = tonumber(ARGV[1])
            local burst = tonumber(ARGV[2])
            local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
            if tat < now then tat = now end
            local nextTat = tat + interval
            local allowedFrom = nextTat - burst * interval
            if now < allowedFrom then
              return {0, string.format('%d', tat), allowedFrom - now, tat - now}
            end
            redis.call('SET', KEYS[1], string.format('%d', nextTat), 'PX', math.ceil((nextTat - now) / 1000))
            return {1, string.format('%d', nextTat), 0, nextTat - now}""";
    /** Redis runs the script by this digest once it knows it, so the script is not resent with every request. */
    private static final String SCRIPT_SHA1 = sha1(SCRIPT);

    /**
     * @param quota          the burst: requests a quiet caller may send at once
     * @param windowSeconds  how long the bucket takes to refill from empty (quota / rate), for the policy header
     */
    public record Decision(LimitClass limitClass, long quota, long windowSeconds, boolean allowed, long remaining,
                           long resetSeconds, long retryAfterSeconds) {
    }

    @Inject
    Redis redis;

    @Inject
    Config config;

    @Inject
    MetricRegistry metrics;

    private final Map<LimitClass, Gcra> limits = new EnumMap<>(LimitClass.class);
    private final Map<String, Long> localTats = new ConcurrentHashMap<>();

    @PostConstruct
    void readLimits() {
        for (LimitClass limitClass : LimitClass.values()) {
            int perMinute = config.getValue(limitClass.perMinuteSetting(), Integer.class);
            int burst = config.getValue(limitClass.burstSetting(), Integer.class);
            if (perMinute <= 0 || burst <= 0) {
                throw new IllegalStateException(limitClass.perMinuteSetting() + " and " + limitClass.burstSetting()
                        + " must be positive, not " + perMinute + " and " + burst);
            }
            limits.put(limitClass, new Gcra(perMinute, WINDOW_MICROS, burst));
        }
    }

    public Decision acquire(LimitClass limitClass, long userId) {
        Gcra gcra = limits.get(limitClass);
        String key = "storyworld:rl:" + limitClass.label() + ":" + userId;
        Gcra.Outcome outcome = redis.call(Redis.Operation.RATE_LIMIT, "user " + userId + ", class " + limitClass.label(),
                jedis -> fromScript(runScript(jedis, List.of(key),
                        List.of(Long.toString(gcra.interval()), Long.toString(gcra.burst())))),
                () -> decideLocally(gcra, key));
        if (!outcome.allowed()) {
            metrics.counter(Counters.RATE_LIMITED, new Tag(Counters.LIMIT_CLASS, limitClass.label())).inc();
        }
        return new Decision(limitClass, gcra.burst(), seconds(gcra.burstWindowMicros()), outcome.allowed(),
                gcra.remaining(outcome),
                seconds(outcome.untilFull()), seconds(outcome.retryAfter()));
    }

    private Gcra.Outcome decideLocally(Gcra gcra, String key) {
        long now = TimeUnit.NANOSECONDS.toMicros(System.nanoTime());
        if (localTats.size() > LOCAL_KEYS_BEFORE_SWEEP) {
            localTats.values().removeIf(tat -> tat < now);
        }
        Gcra.Outcome[] outcome = new Gcra.Outcome[1];
        localTats.compute(key, (k, stored) -> {
            outcome[0] = gcra.decide(stored == null ? 0 : stored, now);
            return outcome[0].tat();
        });
        return outcome[0];
    }

    /** EVALSHA, and EVAL (which also caches the script) when this Redis has not seen it yet. */
    private static Object runScript(UnifiedJedis jedis, List<String> keys, List<String> args) {
        try {
            return jedis.evalsha(SCRIPT_SHA1, keys, args);
        } catch (JedisNoScriptException unknown) {
            return jedis.eval(SCRIPT, keys, args);
        }
    }

    private static String sha1(String script) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }

    private static Gcra.Outcome fromScript(Object reply) {
        List<?> values = (List<?>) reply;
        return new Gcra.Outcome(((Number) values.get(0)).longValue() == 1, Long.parseLong(values.get(1).toString()),
                ((Number) values.get(2)).longValue(), ((Number) values.get(3)).longValue());
    }

    private static long seconds(long micros) {
        return (micros + 999_999) / 1_000_000;
    }
}
