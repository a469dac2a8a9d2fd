package dev.storyworld.web.security;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class TokenVerifierTest {

    private static final KeyPair KEYS = keys();
    private static final String ISSUER = "https://auth.example";
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    private static KeyPair keys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A clock the test moves. */
    private static final class Hands extends Clock {
        Instant now = NOW;

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final Hands clock = new Hands();
    private final TokenVerifier verifier = new TokenVerifier(KEYS.getPublic(), ISSUER, clock);

    private static String token(String subject, Instant expires) {
        return TokenSigner.sign(KEYS.getPrivate(), TokenSigner.claims(ISSUER, subject, NOW.minusSeconds(10), expires));
    }

    @Test
    void aSignedTokenOfTheIssuerNamesItsUser() {
        assertThat(verifier.userOf(token("42", NOW.plusSeconds(3600)))).hasValue(42);
    }

    @Test
    void anExpiredTokenIsRefusedAfterTheSkewAlsoWhenItWasRememberedBefore() {
        String token = token("42", NOW.plusSeconds(30));
        assertThat(verifier.userOf(token)).hasValue(42);
        clock.now = NOW.plus(Duration.ofSeconds(30 + TokenVerifier.CLOCK_SKEW_SECONDS - 1));
        assertThat(verifier.userOf(token)).hasValue(42);
        clock.now = NOW.plus(Duration.ofSeconds(30 + TokenVerifier.CLOCK_SKEW_SECONDS));
        assertThat(verifier.userOf(token)).isEmpty();
        assertThat(new TokenVerifier(KEYS.getPublic(), ISSUER, clock).userOf(token)).isEmpty();
    }

    @Test
    void anotherKeyAnotherIssuerOrAnotherSubjectIsRefused() {
        KeyPair other = keys();
        assertThat(verifier.userOf(TokenSigner.sign(other.getPrivate(),
                TokenSigner.claims(ISSUER, "42", NOW, NOW.plusSeconds(60))))).isEmpty();
        assertThat(verifier.userOf(TokenSigner.sign(KEYS.getPrivate(),
                TokenSigner.claims("someone-else", "42", NOW, NOW.plusSeconds(60))))).isEmpty();
        for (String subject : new String[]{"alice", "0", "-1", "1.5", "99999999999999999999", ""}) {
            assertThat(verifier.userOf(token(subject, NOW.plusSeconds(60)))).as(subject).isEmpty();
        }
    }

    @Test
    void anAlteredTokenIsRefused() {
        String token = token("42", NOW.plusSeconds(3600));
        String[] parts = token.split("\\.");
        JsonObject claims = Json.createObjectBuilder().add("iss", ISSUER).add("sub", "43")
                .add("exp", NOW.plusSeconds(3600).getEpochSecond()).build();
        String otherClaims = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.userOf(parts[0] + "." + otherClaims + "." + parts[2])).isEmpty();
        assertThat(verifier.userOf(parts[0] + "." + parts[1] + "." + parts[2].substring(1))).isEmpty();
    }

    @Test
    void noneAndSymmetricAlgorithmsAreRefused() throws GeneralSecurityException {
        JsonObject claims = TokenSigner.claims(ISSUER, "42", NOW, NOW.plusSeconds(60));
        assertThat(verifier.userOf(TokenSigner.unsigned("none", claims) + ".")).isEmpty();
        // HS256 keyed with the public key's bytes: the classic confusion of a verifier that trusts "alg".
        String content = TokenSigner.unsigned("HS256", claims);
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(KEYS.getPublic().getEncoded(), "HmacSHA256"));
        String signature = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(hmac.doFinal(content.getBytes(StandardCharsets.US_ASCII)));
        assertThat(verifier.userOf(content + "." + signature)).isEmpty();
    }

    @Test
    void aTokenWithoutExpiryOrNotYetValidIsRefused() {
        JsonObject noExpiry = Json.createObjectBuilder().add("iss", ISSUER).add("sub", "42").build();
        assertThat(verifier.userOf(TokenSigner.sign(KEYS.getPrivate(), noExpiry))).isEmpty();
        JsonObject later = Json.createObjectBuilder(TokenSigner.claims(ISSUER, "42", NOW, NOW.plusSeconds(3600)))
                .add("nbf", NOW.plusSeconds(600).getEpochSecond()).build();
        assertThat(verifier.userOf(TokenSigner.sign(KEYS.getPrivate(), later))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "a.b", "a.b.c", "a.b.c.d", "...", "e30.e30.", "!!!.e30.e30"})
    void garbageIsRefused(String token) {
        assertThat(verifier.userOf(token)).isEmpty();
        assertThat(verifier.userOf("x".repeat(TokenVerifier.MAX_TOKEN_LENGTH + 1))).isEmpty();
    }
}
