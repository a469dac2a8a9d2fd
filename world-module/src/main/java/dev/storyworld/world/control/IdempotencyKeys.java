package dev.storyworld.world.control;

import dev.storyworld.common.ErrorCode;
import dev.storyworld.common.JsonDocument;
import dev.storyworld.common.StoryworldException;
import dev.storyworld.common.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The first answers to requests sent with an {@code Idempotency-Key}, per user, for 24 hours, in
 * the database so that every instance and every restart sees them.
 * <p>
 * Exactly once rests on the table's primary key: a request claims its key by inserting the row in
 * its own transaction, before it changes anything, and stores its answer in the same transaction.
 * A repeat that arrives meanwhile blocks on that key until the first transaction ends; then it
 * finds the committed answer, or, when the first failed and rolled back, claims the key itself.
 * The statements are {@link WorldStore}'s.
 */
@ApplicationScoped
public class IdempotencyKeys {

    public static final Duration RETENTION = Duration.ofHours(24);
    public static final int MAX_KEY_LENGTH = 255;
    public static final String HEADER = "Idempotency-Key";

    /**
     * How often a claim is tried again when the row in its way is gone before it could be read. Only a
     * removal of an expired row does that, and a key's row expires once in 24 hours, so a second try
     * finds the key free or held; the bound is for a database that breaks that rule. Beyond it, 503
     * {@code service_unavailable} with Retry-After: nothing was written.
     */
    static final int MOST_CLAIMS = 10;

    @Inject
    WorldStore store;

    /** A key as the client may send it: 1 to 255 characters, else 400 {@code invalid_request}. */
    public static void checkKey(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw new StoryworldException(ErrorCode.INVALID_REQUEST, HEADER + " must be 1 to " + MAX_KEY_LENGTH
                    + " characters", List.of(new Violation(HEADER, "must be 1 to " + MAX_KEY_LENGTH + " characters")));
        }
    }

    /** What identifies a request, whatever the formatting of its body: a SHA-256 of its parts. */
    public static String fingerprint(Object... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Object part : parts) {
                sha.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    /**
     * Claims {@code key} for the request {@code fingerprint} in the caller's transaction. Empty: the
     * key is the caller's now; it goes on and records its answer with {@link #answer}. Present: the
     * answer stored by the key's first use, to give again unchanged. 409
     * {@code idempotency_key_reused} when the key was first used for another request.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<JsonDocument> claim(long userId, String key, String fingerprint) {
        OffsetDateTime now = now();
        store.forgetExpiredKey(userId, key, now);
        for (int attempt = 0; attempt < MOST_CLAIMS; attempt++) {
            if (store.claimKey(userId, key, fingerprint, now, now.plus(RETENTION))) {
                return Optional.empty();
            }
            // Empty when the row that was in the way has just been removed as expired: claim again.
            Optional<WorldStore.KeyUse> firstUse = store.keyUse(userId, key);
            if (firstUse.isPresent()) {
                if (!fingerprint.equals(firstUse.get().requestHash())) {
                    throw new StoryworldException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                            "This " + HEADER + " was used for a different request");
                }
                return Optional.of(firstUse.get().answer());
            }
        }
        throw new StoryworldException(ErrorCode.SERVICE_UNAVAILABLE, "The " + HEADER + " kept vanishing while it was"
                + " claimed " + MOST_CLAIMS + " times; nothing was written, try again");
    }

    /** Stores the answer of the request that claimed {@code key}, in the same transaction as its work. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void answer(long userId, String key, JsonDocument answer) {
        store.storeKeyAnswer(userId, key, answer);
    }

    /** Removes up to {@code batch} of the oldest expired keys, in a transaction of its own; answers how many. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int removeExpired(int batch) {
        return store.removeExpiredKeys(now(), batch);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
