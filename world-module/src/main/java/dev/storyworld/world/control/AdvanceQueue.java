package dev.storyworld.world.control;

import dev.storyworld.common.ErrorCode;
import dev.storyworld.common.StoryworldException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Advances of one world that arrive while another is being written are applied together, in one
 * transaction: a hot world's clock then costs one transaction per batch, not one per caller, while
 * each caller still gets the world as its own advance left it.
 * <p>
 * Each (owner, world) has a lane. A caller queues on it; when no transaction of the lane runs, the
 * caller runs one for everything queued so far (itself included), answers every caller of that
 * batch, and hands the lane to the first caller queued meanwhile, which does the same. So there is
 * no thread of its own, no timer and no wait for a batch to fill: a lone advance runs at once, and
 * a batch is whatever queued while the previous one was in the database. The order in a batch is
 * the order of queueing, and the database's row lock orders the batches of every instance.
 */
@ApplicationScoped
class AdvanceQueue {

    /** One transaction answers at most this many callers, so that a long queue is not all behind one commit. */
    static final int MOST_PER_BATCH = 256;

    /**
     * How often a caller looks for its lane again after finding it closed. A lane closes only when its
     * last batch has answered everyone and it has left the map, so the next look finds an open lane or
     * makes one; looking again n times needs n lanes of one world to open and close between two
     * statements of this caller. Beyond it, 503 {@code service_unavailable} with Retry-After: nothing was
     * written.
     */
    static final int MOST_JOINS = 100;

    /** Applies the deltas in turn to the owner's world in one transaction; empty when it is not the owner's. */
    interface Batch {
        Optional<List<WorldDetail>> apply(long ownerId, long worldId, List<Double> deltas);
    }

    private record LaneKey(long ownerId, long worldId) {
    }

    /** A queued advance: its delta, the signal that it runs the next batch, and its answer. */
    private static final class Caller {
        final double delta;
        final CompletableFuture<Void> turn = new CompletableFuture<>();
        /** The world as this advance left it; empty when the world is not the owner's. */
        final CompletableFuture<Optional<WorldDetail>> answer = new CompletableFuture<>();

        Caller(double delta) {
            this.delta = delta;
        }
    }

    /** The callers queued on one (owner, world), and whether a batch of theirs is in the database. */
    private static final class Lane {
        final List<Caller> queued = new ArrayList<>();
        boolean running;
        /** Out of the map: whoever found it there before it left must take a new lane. */
        boolean closed;
    }

    private final ConcurrentHashMap<LaneKey, Lane> lanes = new ConcurrentHashMap<>();
    private final Batch batches;

    /** For the container's client proxy, which never runs a batch itself. */
    AdvanceQueue() {
        this.batches = null;
    }

    @Inject
    AdvanceQueue(ClockWrites batches) {
        this((Batch) batches);
    }

    /** Batches applied by {@code batches}; tests give their own. */
    AdvanceQueue(Batch batches) {
        this.batches = batches;
    }

    /**
     * Adds {@code deltaSeconds} to the owner's world, together with whatever other advances of that world
     * queue meanwhile, and answers the world as this advance left it; 404 ({@code notFound}) when it is
     * not the owner's. A failure of the batch's transaction is every one of its callers' failure.
     */
    WorldDetail advance(long ownerId, long worldId, double deltaSeconds, Supplier<RuntimeException> notFound) {
        LaneKey key = new LaneKey(ownerId, worldId);
        Caller caller = new Caller(deltaSeconds);
        Lane lane = join(key, caller);
        // Either this caller runs the next batch, or a batch it was in has answered (or failed) it.
        CompletableFuture.anyOf(caller.turn, caller.answer).handle((any, failure) -> null).join();
        if (!caller.answer.isDone()) {
            runBatch(key, lane);
        }
        try {
            return caller.answer.join().orElseThrow(notFound);
        } catch (CompletionException failed) {
            throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
        }
    }

    private Lane join(LaneKey key, Caller caller) {
        for (int attempt = 0; attempt < MOST_JOINS; attempt++) {
            Lane lane = lanes.computeIfAbsent(key, k -> new Lane());
            synchronized (lane) {
                if (lane.closed) {
                    continue;
                }
                lane.queued.add(caller);
                if (!lane.running) {
                    lane.running = true;
                    caller.turn.complete(null);
                }
                return lane;
            }
        }
        throw new StoryworldException(ErrorCode.SERVICE_UNAVAILABLE, "The advances of this world kept changing hands"
                + " while this one looked for its place " + MOST_JOINS + " times; nothing was written, try again");
    }

    /** Runs one batch of what is queued, answers its callers, then passes the lane on or closes it. */
    private void runBatch(LaneKey key, Lane lane) {
        List<Caller> callers;
        synchronized (lane) {
            List<Caller> head = lane.queued.subList(0, Math.min(MOST_PER_BATCH, lane.queued.size()));
            callers = new ArrayList<>(head);
            head.clear();
        }
        try {
            Optional<List<WorldDetail>> answers = batches.apply(key.ownerId(), key.worldId(),
                    callers.stream().map(c -> c.delta).toList());
            for (int i = 0; i < callers.size(); i++) {
                int index = i;
                callers.get(i).answer.complete(answers.map(worlds -> worlds.get(index)));
            }
        } catch (RuntimeException | Error failure) {
            callers.forEach(c -> c.answer.completeExceptionally(failure));
        } finally {
            synchronized (lane) {
                if (lane.queued.isEmpty()) {
                    lane.running = false;
                    lane.closed = true;
                    lanes.remove(key, lane);
                } else {
                    lane.queued.get(0).turn.complete(null);
                }
            }
        }
    }
}
