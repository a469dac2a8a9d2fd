package dev.storyworld.web.security;

import dev.storyworld.web.http.RequestParams;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies bearer tokens as MicroProfile JWT does: an RS256 signature by the configured key, the
 * configured issuer ({@code mp.jwt.verify.issuer}), an {@code exp} in the future and an {@code nbf}, if
 * any, in the past (each within {@link #CLOCK_SKEW_SECONDS}), and, for this service, a {@code sub} that is
 * a user id. A token once verified is remembered until it expires, so that a client's next requests
 * skip the RSA check; only verified tokens are kept, and at most {@link #REMEMBERED} of them.
 */
public final class TokenVerifier {

    static final long CLOCK_SKEW_SECONDS = 60;
    static final int REMEMBERED = 10_000;
    /** Far above any token this service accepts; a longer header is refused unread. */
    static final int MAX_TOKEN_LENGTH = 8192;

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();

    private record Verified(long userId, long expiresAt) {
    }

    private final PublicKey key;
    private final String issuer;
    private final Clock clock;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    public TokenVerifier(PublicKey key, String issuer, Clock clock) {
        this.key = key;
        this.issuer = issuer;
        this.clock = clock;
    }

    /** The user id of a token that passes every check; empty for any other. */
    public OptionalLong userOf(String token) {
        long now = clock.millis() / 1000;
        Verified known = verified.get(token);
        if (known != null) {
            if (now < known.expiresAt() + CLOCK_SKEW_SECONDS) {
                return OptionalLong.of(known.userId());
            }
            verified.remove(token);
            return OptionalLong.empty();
        }
        Verified fresh = verify(token, now);
        if (fresh == null) {
            return OptionalLong.empty();
        }
        if (verified.size() >= REMEMBERED) {
            verified.clear();
        }
        verified.put(token, fresh);
        return OptionalLong.of(fresh.userId());
    }

    private Verified verify(String token, long now) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            return null;
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return null;
        }
        try {
            JsonObject header = json(parts[0]);
            if (!"RS256".equals(header.getString("alg", null)) || header.containsKey("crit")) {
                return null;
            }
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rsa.verify(BASE64URL.decode(parts[2]))) {
                return null;
            }
            JsonObject claims = json(parts[1]);
            OptionalLong expiresAt = seconds(claims.get("exp"));
            OptionalLong notBefore = seconds(claims.get("nbf"));
            OptionalLong userId = claims.get("sub") instanceof JsonString sub
                    ? RequestParams.positiveLong(sub.getString()) : OptionalLong.empty();
            boolean valid = expiresAt.isPresent() && now < expiresAt.getAsLong() + CLOCK_SKEW_SECONDS
                    && (!claims.containsKey("nbf") || notBefore.isPresent() && notBefore.getAsLong() <= now + CLOCK_SKEW_SECONDS)
                    && (issuer == null || claims.get("iss") instanceof JsonString iss && issuer.equals(iss.getString()))
                    && userId.isPresent();
            return valid ? new Verified(userId.getAsLong(), expiresAt.getAsLong()) : null;
        } catch (IllegalArgumentException | JsonException | ClassCastException | GeneralSecurityException e) {
            return null;
        }
    }

    private static JsonObject json(String base64url) {
        try (JsonReader reader = JSON.createReader(new StringReader(
                new String(BASE64URL.decode(base64url), StandardCharsets.UTF_8)))) {
            return reader.readObject();
        }
    }

    private static OptionalLong seconds(JsonValue value) {
        if (value instanceof JsonNumber number && number.isIntegral()) {
            try {
                return OptionalLong.of(number.longValueExact());
            } catch (ArithmeticException tooLarge) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }
}
