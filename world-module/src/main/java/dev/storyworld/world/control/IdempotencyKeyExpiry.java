package dev.storyworld.world.control;

import dev.storyworld.common.Database;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.util.logging.Logger;

/**
 * Removes expired idempotency keys every ten minutes, in short batches so that no transaction
 * holds many rows. Expired keys are already ignored when they are used again; this only keeps the
 * table small. Every instance runs it: a batch removed twice is harmless.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class IdempotencyKeyExpiry {

    static final int BATCH = 1000;
    private static final Logger LOG = Logger.getLogger(IdempotencyKeyExpiry.class.getName());

    @Inject
    IdempotencyKeys keys;

    @Schedule(hour = "*", minute = "*/10", persistent = false)
    void removeExpired() {
        try {
            long removed = 0;
            int batch;
            do {
                batch = keys.removeExpired(BATCH);
                removed += batch;
            } while (batch >= BATCH);
            long total = removed;
            LOG.fine(() -> "Removed " + total + " expired idempotency keys");
        } catch (RuntimeException e) {
            // The next run tries again; a failure here must not cancel the timer.
            Database.logFailure(LOG, "Removing expired idempotency keys failed", e);
        }
    }
}
