package dev.storyworld.web.security;

import dev.storyworld.common.Counters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Refused bearer tokens are counted ({@code storyworld_tokens_refused_total}), not logged: anyone can
 * send garbage tokens, and a log line for each would let them flood the log. Payara's MP-JWT logs
 * every token it refuses at INFO with the parser's stack trace (about 45 lines); its logger is set
 * to WARNING at start, unless the operator gave it a level of their own (to debug tokens, FINE).
 */
@ApplicationScoped
public class RefusedTokens {

    /** Held here: the log manager keeps loggers only while something refers to them. */
    private static final Logger PAYARA_TOKEN_STORE =
            Logger.getLogger("fish.payara.microprofile.jwtauth.eesecurity.SignedJWTIdentityStore");

    @Inject
    MetricRegistry metrics;

    void quietServerLog(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (PAYARA_TOKEN_STORE.getLevel() == null) {
            PAYARA_TOKEN_STORE.setLevel(Level.WARNING);
        }
    }

    public void refused() {
        metrics.counter(Counters.TOKENS_REFUSED).inc();
    }
}
