package dev.storyworld.web.http;

import dev.storyworld.common.ErrorCode;
import dev.storyworld.common.StoryworldException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Keyset pagination cursors: opaque to clients, signed with {@code storyworld.cursor.secret} and
 * bound to the caller and the query, so a tampered, forged or borrowed cursor is refused with 400
 * {@code invalid_cursor} instead of silently paging something else.
 */
@ApplicationScoped
public class Cursors {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    @Inject
    @ConfigProperty(name = "storyworld.cursor.secret")
    Optional<String> secret;

    private byte[] key;

    public Cursors() {
    }

    /** For tests and tools that hold the key themselves. */
    public Cursors(byte[] key) {
        this.key = key.clone();
    }

    @PostConstruct
    void init() {
        if (secret.isPresent() && !secret.get().isBlank()) {
            key = secret.get().getBytes(StandardCharsets.UTF_8);
        } else {
            // Without a configured secret, cursors are only valid on this instance until it restarts.
            key = new byte[32];
            new SecureRandom().nextBytes(key);
        }
    }

    /** A cursor that resumes {@code query} of {@code userId} after the row with id {@code lastId}. */
    public String issue(long userId, String query, long lastId) {
        String position = Long.toString(lastId);
        return ENCODER.encodeToString(position.getBytes(StandardCharsets.US_ASCII)) + "."
                + ENCODER.encodeToString(sign(userId, query, position));
    }

    /** The id a cursor resumes after, if this server issued it for this caller and query. */
    public long resume(long userId, String query, String cursor) {
        int dot = cursor.indexOf('.');
        try {
            if (dot > 0) {
                String position = new String(DECODER.decode(cursor.substring(0, dot)), StandardCharsets.US_ASCII);
                byte[] signature = DECODER.decode(cursor.substring(dot + 1));
                if (MessageDigest.isEqual(signature, sign(userId, query, position))) {
                    return Long.parseLong(position);
                }
            }
        } catch (IllegalArgumentException malformed) {
            // refused below, like any other cursor this server did not issue
        }
        throw new StoryworldException(ErrorCode.INVALID_CURSOR, "The cursor was not issued by this server for this query",
                List.of());
    }

    private byte[] sign(long userId, String query, String position) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal((userId + "\n" + query + "\n" + position).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
