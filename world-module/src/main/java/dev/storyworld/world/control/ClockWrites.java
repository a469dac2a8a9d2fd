package dev.storyworld.world.control;

import dev.storyworld.common.Changes;
import dev.storyworld.common.Counters;
import dev.storyworld.common.JsonDocument;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.metrics.MetricRegistry;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The two ways a world's clock is advanced, each in a transaction of its own, so that an advance is
 * answered only once it has committed, whatever transaction its caller is in.
 */
@ApplicationScoped
class ClockWrites implements AdvanceQueue.Batch {

    @Inject
    WorldStore store;

    @Inject
    IdempotencyKeys idempotencyKeys;

    @Inject
    MetricRegistry metrics;

    @Inject
    Changes changes;

    /** One batch of {@link AdvanceQueue}: the deltas in turn, the world after each. */
    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<List<WorldDetail>> apply(long ownerId, long worldId, List<Double> deltas) {
        metrics.counter(Counters.ADVANCE_BATCHES).inc();
        Optional<List<WorldDetail>> advanced = store.advance(ownerId, worldId, deltas);
        advanced.ifPresent(worlds -> changes.world(worldId));
        return advanced;
    }

    /**
     * An advance sent with an idempotency key: the first request with the key advances and its answer
     * is stored in the same transaction; a repeat with the same world and delta gets that answer again
     * and advances nothing (see {@link IdempotencyKeys}). A world that is not the owner's, or is gone by
     * the time it is advanced (a DELETE that got in after the key was claimed), is {@code notFound},
     * thrown inside the transaction: the claim rolls back with it, so a request that fails leaves its
     * key free, as every other failure does (409, 503, a failed commit).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public WorldDetail advanceOnce(long ownerId, long worldId, double deltaSeconds, String idempotencyKey,
                                   Supplier<RuntimeException> notFound) {
        // Another user's or a missing world is 404 before the key is looked at: a key the caller
        // used on one of their own worlds must not answer 409 for a world that is not theirs.
        if (!store.owns(ownerId, worldId)) {
            throw notFound.get();
        }
        String request = IdempotencyKeys.fingerprint("world-advance", worldId, deltaSeconds);
        Optional<JsonDocument> firstAnswer = idempotencyKeys.claim(ownerId, idempotencyKey, request);
        if (firstAnswer.isPresent()) {
            return WorldDetail.fromDocument(firstAnswer.get());
        }
        WorldDetail world = store.advance(ownerId, worldId, deltaSeconds).orElseThrow(notFound);
        changes.world(worldId);
        idempotencyKeys.answer(ownerId, idempotencyKey, world.toDocument());
        return world;
    }
}
