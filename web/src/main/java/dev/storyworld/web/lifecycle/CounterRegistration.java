package dev.storyworld.web.lifecycle;

import dev.storyworld.web.redis.Redis;
import dev.storyworld.common.Counters;
import dev.storyworld.web.limits.LimitClass;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.util.List;

/**
 * Registers every counter of {@link Counters}, with each tag value the code uses, when the service
 * starts: a counter created at its first event would be missing from {@code /metrics} until then,
 * and rates and alerts over it would not work.
 */
@Startup
@Singleton
public class CounterRegistration {

    @Inject
    MetricRegistry metrics;

    @PostConstruct
    void registerAtZero() {
        for (Redis.Operation operation : Redis.Operation.values()) {
            metrics.counter(Counters.REDIS_FAILURES, new Tag(Counters.OPERATION, operation.tag()));
        }
        metrics.counter(Counters.REDIS_PROBES);
        for (LimitClass limitClass : LimitClass.values()) {
            metrics.counter(Counters.RATE_LIMITED, new Tag(Counters.LIMIT_CLASS, limitClass.label()));
        }
        metrics.counter(Counters.VERSION_CONFLICTS);
        for (String reason : List.of(Counters.BY_RETENTION, Counters.BY_AGE)) {
            metrics.counter(Counters.EVENTS_REMOVED, new Tag(Counters.REASON, reason));
        }
        for (String outcome : List.of(Counters.CLEANED, Counters.SKIPPED, Counters.FAILED)) {
            metrics.counter(Counters.EVENT_CLEANUPS, new Tag(Counters.OUTCOME, outcome));
        }
        metrics.counter(Counters.DATABASE_UNAVAILABLE);
        metrics.counter(Counters.TOKENS_REFUSED);
        metrics.counter(Counters.ADVANCE_BATCHES);
    }
}
