package dev.storyworld.web.security;

import dev.storyworld.common.Counters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Refused bearer tokens are counted ({@code storyworld_tokens_refused_total}), not logged: anyone can
 * send garbage tokens, and a log line for each would let them flood the log.
 */
@ApplicationScoped
public class RefusedTokens {

    @Inject
    MetricRegistry metrics;

    public void refused() {
        metrics.counter(Counters.TOKENS_REFUSED).inc();
    }
}
