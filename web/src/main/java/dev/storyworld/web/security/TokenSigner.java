package dev.storyworld.web.security;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** Mints RS256 JWTs in the shape MP-JWT verifies: {@code sub} is the numeric user id. */
public final class TokenSigner {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private TokenSigner() {
    }

    public static String sign(PrivateKey key, String issuer, long userId, Instant issuedAt, Instant expiresAt) {
        return sign(key, claims(issuer, Long.toString(userId), issuedAt, expiresAt));
    }

    /** The claims of a token for {@code subject}, which the service accepts only when it is a user id. */
    public static JsonObject claims(String issuer, String subject, Instant issuedAt, Instant expiresAt) {
        return JSON.createObjectBuilder()
                .add("iss", issuer)
                .add("sub", subject)
                .add("upn", subject)
                .add("groups", JSON.createArrayBuilder().add("user"))
                .add("jti", UUID.randomUUID().toString())
                .add("iat", issuedAt.getEpochSecond())
                .add("exp", expiresAt.getEpochSecond())
                .build();
    }

    public static String sign(PrivateKey key, JsonObject claims) {
        String content = unsigned("RS256", claims);
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(content.getBytes(StandardCharsets.US_ASCII));
            return content + "." + BASE64URL.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
    }

    /** Header and claims, without the signature part. */
    public static String unsigned(String algorithm, JsonObject claims) {
        return encode(JSON.createObjectBuilder().add("alg", algorithm).add("typ", "JWT").build()) + "." + encode(claims);
    }

    private static String encode(JsonObject json) {
        return BASE64URL.encodeToString(json.toString().getBytes(StandardCharsets.UTF_8));
    }
}
