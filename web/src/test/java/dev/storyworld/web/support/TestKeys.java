package dev.storyworld.web.support;

import dev.storyworld.web.security.TokenKeys;
import dev.storyworld.web.security.TokenSigner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;

/**
 * The dev-token signing key of the server under test, generated once per build into target/ (no
 * key is ever committed), so tests can mint tokens the server accepts and tokens it must refuse.
 */
public final class TestKeys {

    private static PrivateKey serverKey;

    private TestKeys() {
    }

    /** Writes the key the server will load; call before the server starts. */
    public static synchronized PrivateKey serverKey() {
        if (serverKey == null) {
            Path location = Path.of(System.getProperty("storyworld.it.key"));
            try {
                if (!Files.exists(location)) {
                    Files.createDirectories(location.getParent());
                    Files.writeString(location, TokenKeys.pem("PRIVATE KEY", newKey().getEncoded()));
                }
                serverKey = TokenKeys.readPrivateKey(location.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return serverKey;
    }

    /**
     * The public half of {@link #serverKey()} in a PEM file, for a server that verifies the tests'
     * tokens with it as an operator's key, with dev tokens off.
     */
    public static Path publicKeyFile() {
        Path location = Path.of(System.getProperty("storyworld.it.key") + ".pub");
        try {
            Files.writeString(location, TokenKeys.pem("PUBLIC KEY", TokenKeys.publicKeyOf(serverKey()).getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return location;
    }

    public static PrivateKey newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String token(long userId) {
        Instant now = Instant.now();
        return TokenSigner.sign(serverKey(), TokenKeys.DEV_ISSUER, userId, now, now.plus(Duration.ofHours(1)));
    }

    public static String expiredToken(long userId) {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        return TokenSigner.sign(serverKey(), TokenKeys.DEV_ISSUER, userId, past, past.plus(Duration.ofHours(1)));
    }

    public static String tokenOfAnotherKey(long userId) {
        Instant now = Instant.now();
        return TokenSigner.sign(newKey(), TokenKeys.DEV_ISSUER, userId, now, now.plus(Duration.ofHours(1)));
    }

    public static String tokenOfAnotherIssuer(long userId) {
        Instant now = Instant.now();
        return TokenSigner.sign(serverKey(), "someone-else", userId, now, now.plus(Duration.ofHours(1)));
    }

    /** A token the server's key signed, for a subject that is not a user id. */
    public static String tokenForSubject(String subject) {
        Instant now = Instant.now();
        return TokenSigner.sign(serverKey(), TokenSigner.claims(TokenKeys.DEV_ISSUER, subject, now,
                now.plus(Duration.ofHours(1))));
    }

    /** A valid token of {@code userId} whose signature has been altered. */
    public static String tamperedToken(long userId) {
        String token = token(userId);
        char last = token.charAt(token.length() - 10);
        return token.substring(0, token.length() - 10) + (last == 'A' ? 'B' : 'A') + token.substring(token.length() - 9);
    }

    /** A token that claims to need no signature ({@code "alg": "none"}). */
    public static String unsignedToken(long userId) {
        Instant now = Instant.now();
        return TokenSigner.unsigned("none", TokenSigner.claims(TokenKeys.DEV_ISSUER, Long.toString(userId), now,
                now.plus(Duration.ofHours(1)))) + ".";
    }
}
