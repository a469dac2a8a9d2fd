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
        JsonObject header = JSON.createObjectBuilder().add("alg", "RS256").add("typ", "JWT").build();
        JsonObject claims = JSON.createObjectBuilder()
                .add("iss", issuer)
                .add("sub", Long.toString(userId))
                .add("upn", Long.toString(userId))
                .add("groups", JSON.createArrayBuilder().add("user"))
                .add("jti", UUID.randomUUID().toString())
                .add("iat", issuedAt.getEpochSecond())
                .add("exp", expiresAt.getEpochSecond())
                .build();
        String content = encode(header) + "." + encode(claims);
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(content.getBytes(StandardCharsets.US_ASCII));
            return content + "." + BASE64URL.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
    }

    private static String encode(JsonObject json) {
        return BASE64URL.encodeToString(json.toString().getBytes(StandardCharsets.UTF_8));
    }
}
