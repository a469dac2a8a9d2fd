package dev.storyworld.world.control;

import dev.storyworld.common.ErrorCode;
import dev.storyworld.common.JsonDocuments;
import dev.storyworld.common.StoryworldException;
import dev.storyworld.common.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
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
import java.util.Map;
import java.util.Optional;

/**
 * The first answers to requests sent with an {@code Idempotency-Key}, per user, for 24 hours, in
 * the database so that every instance and every restart sees them.
 * <p>
 * Exactly once rests on the table's primary key: a request claims its key by inserting the row in
 * its own transaction, before it changes anything, and stores its answer in the same transaction.
 * A repeat that arrives meanwhile blocks on that key until the first transaction ends; then it
 * finds the committed answer, or, when the first failed and rolled back, claims the key itself.
 * {@code ON CONFLICT DO NOTHING} keeps the conflict from failing the transaction (a unique
 * violation would abort it on PostgreSQL); PostgreSQL and H2 in PostgreSQL mode both take it.
 */
@ApplicationScoped
public class IdempotencyKeys {

    public static final Duration RETENTION = Duration.ofHours(24);
    public static final int MAX_KEY_LENGTH = 255;
    public static final String HEADER = "Idempotency-Key";

    private static final String FORGET_EXPIRED = """
            DELETE FROM idempotency_keys WHERE user_id = ?1 AND idempotency_key = ?2 AND expires_at <= ?3""";
    private static final String CLAIM = """
            INSERT INTO idempotency_keys (user_id, idempotency_key, request_hash, created_at, expires_at)
            VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING""";
    private static final String FIRST_USE = """
            SELECT request_hash, answer FROM idempotency_keys WHERE user_id = ?1 AND idempotency_key = ?2""";
    private static final String ANSWER = """
            UPDATE idempotency_keys SET answer = ?3 WHERE user_id = ?1 AND idempotency_key = ?2""";
    /** The oldest expired keys, at most ?2 of them (ties on the boundary go too). */
    private static final String REMOVE_EXPIRED = """
            DELETE FROM idempotency_keys WHERE expires_at <= (SELECT MAX(expires_at) FROM (
              SELECT expires_at FROM idempotency_keys WHERE expires_at <= ?1 ORDER BY expires_at LIMIT ?2) AS oldest)""";

    @PersistenceContext(unitName = "storyworld")
    EntityManager em;

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
    public Optional<Map<String, Object>> claim(long userId, String key, String fingerprint) {
        OffsetDateTime now = now();
        em.createNativeQuery(FORGET_EXPIRED).setParameter(1, userId).setParameter(2, key).setParameter(3, now)
                .executeUpdate();
        while (true) {
            int claimed = em.createNativeQuery(CLAIM)
                    .setParameter(1, userId)
                    .setParameter(2, key)
                    .setParameter(3, fingerprint)
                    .setParameter(4, now)
                    .setParameter(5, now.plus(RETENTION))
                    .executeUpdate();
            if (claimed == 1) {
                return Optional.empty();
            }
            @SuppressWarnings("unchecked")
            List<Object[]> firstUse = em.createNativeQuery(FIRST_USE)
                    .setParameter(1, userId)
                    .setParameter(2, key)
                    .getResultList();
            // Empty when the row that was in the way has just been removed as expired: claim again.
            if (!firstUse.isEmpty()) {
                Object[] row = firstUse.get(0);
                if (!fingerprint.equals(row[0])) {
                    throw new StoryworldException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                            "This " + HEADER + " was used for a different request");
                }
                return Optional.of(JsonDocuments.read((String) row[1]));
            }
        }
    }

    /** Stores the answer of the request that claimed {@code key}, in the same transaction as its work. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void answer(long userId, String key, Map<String, Object> answer) {
        em.createNativeQuery(ANSWER)
                .setParameter(1, userId)
                .setParameter(2, key)
                .setParameter(3, JsonDocuments.write(answer))
                .executeUpdate();
    }

    /** Removes up to {@code batch} of the oldest expired keys, in a transaction of its own; answers how many. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int removeExpired(int batch) {
        return em.createNativeQuery(REMOVE_EXPIRED).setParameter(1, now()).setParameter(2, batch).executeUpdate();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
