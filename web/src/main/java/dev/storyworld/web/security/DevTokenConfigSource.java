package dev.storyworld.web.security;

import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.Set;

/**
 * Hands MP-JWT the verification key and issuer of dev tokens. Its ordinal is below every standard
 * source, so an operator's own settings always win; it answers nothing when dev tokens are off.
 */
public class DevTokenConfigSource implements ConfigSource {

    @Override
    public int getOrdinal() {
        return 10;
    }

    /**
     * Deliberately empty: listing names would force the keys to be decided while the Config that
     * decides them is still being built.
     */
    @Override
    public Set<String> getPropertyNames() {
        return Set.of();
    }

    @Override
    public String getValue(String propertyName) {
        if (!TokenKeys.PUBLIC_KEY.equals(propertyName) && !TokenKeys.ISSUER.equals(propertyName)) {
            return null;
        }
        TokenKeys keys = TokenKeys.current();
        if (!keys.devTokensEnabled()) {
            return null;
        }
        return TokenKeys.PUBLIC_KEY.equals(propertyName) ? keys.suppliedPublicKey() : keys.issuer();
    }

    @Override
    public String getName() {
        return "storyworld-dev-tokens";
    }
}
