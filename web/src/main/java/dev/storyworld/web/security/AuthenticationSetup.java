package dev.storyworld.web.security;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

import java.util.logging.Logger;

/** Refuses to start a service that could verify no token, and shouts when dev tokens are on. */
@Startup
@Singleton
public class AuthenticationSetup {

    private static final Logger LOG = Logger.getLogger(AuthenticationSetup.class.getName());

    @PostConstruct
    void check() {
        TokenKeys keys = TokenKeys.current();
        if (!keys.verificationConfigured()) {
            throw new IllegalStateException("Storyworld refuses to start: no token verification key is configured."
                    + " Set mp.jwt.verify.publickey.location and mp.jwt.verify.issuer"
                    + " (MP_JWT_VERIFY_PUBLICKEY_LOCATION, MP_JWT_VERIFY_ISSUER), or, for development only,"
                    + " storyworld.dev-tokens.enabled=true.");
        }
        if (keys.devTokensEnabled()) {
            LOG.warning("""

                    ************************************************************************
                    *  DEV TOKENS ARE ENABLED: anyone can mint a token for any user with   *
                    *  POST /api/v1/dev/tokens. Never run this configuration in production. *
                    ************************************************************************""");
        }
    }
}
