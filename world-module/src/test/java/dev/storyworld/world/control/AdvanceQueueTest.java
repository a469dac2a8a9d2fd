package dev.storyworld.world.control;

import dev.storyworld.common.JsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdvanceQueueTest {

    private static final long OWNER = 7;
    private static final long WORLD = 11;

    /** A clock per world of {@link #OWNER}, advanced like the store does; the first batch can be held. */
    private final class Clocks implements AdvanceQueue.Batch {
        final List<List<Double>> batches = new CopyOnWriteArrayList<>();
        final Map<Long, Double> times = new HashMap<>();
        final CountDownLatch firstEntered = new CountDownLatch(1);
        final CountDownLatch releaseFirst = new CountDownLatch(1);
        /** The failure of the second batch, when set. */
        volatile RuntimeException secondFails;

        @Override
        public Optional<List<WorldDetail>> apply(long ownerId, long worldId, List<Double> deltas) {
            boolean first = batches.isEmpty();
            batches.add(deltas);
            if (first) {
                firstEntered.countDown();
                await(releaseFirst);
            }
            if (batches.size() == 2 && secondFails != null) {
                throw secondFails;
            }
            if (ownerId != OWNER) {
                return Optional.empty();
            }
            List<WorldDetail> answers = new ArrayList<>();
            synchronized (times) {
                double time = times.getOrDefault(worldId, 0.0);
                for (double delta : deltas) {
                    time += delta;
                    answers.add(world(worldId, time));
                }
                times.put(worldId, time);
            }
            return Optional.of(answers);
        }
    }

    private final Clocks clocks = new Clocks();
    private final AdvanceQueue queue = new AdvanceQueue(clocks);
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void stopCallers() {
        clocks.releaseFirst.countDown();
        callers.shutdownNow();
    }

    @Test
    void aLoneAdvanceIsABatchOfItsOwnAndRunsAtOnce() {
        clocks.releaseFirst.countDown();

        WorldDetail world = queue.advance(OWNER, WORLD, 2.5, NotFound::new);

        assertThat(world.worldTime()).isEqualTo(2.5);
        assertThat(clocks.batches).containsExactly(List.of(2.5));
    }

    @Test
    void advancesQueuedWhileABatchRunsGoTogetherInTheirOrderAndEachGetsItsOwnClock() throws Exception {
        Future<WorldDetail> first = advanceOn(WORLD, 1);
        await(clocks.firstEntered);
        List<Future<WorldDetail>> queued = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            queued.add(queuedAdvance(WORLD, i * 0.25));
        }

        clocks.releaseFirst.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS).worldTime()).isEqualTo(1);
        double time = 1;
        for (int i = 1; i <= 10; i++) {
            time += i * 0.25;
            assertThat(queued.get(i - 1).get(10, TimeUnit.SECONDS).worldTime()).isEqualTo(time);
        }
        assertThat(clocks.batches).containsExactly(List.of(1.0),
                List.of(0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0, 2.25, 2.5));
        assertThat(clocks.times.get(WORLD)).isEqualTo(time);
        assertThat(queue.advance(OWNER, WORLD, 1, NotFound::new).worldTime()).as("the next runs at once").isEqualTo(time + 1);
        assertThat(clocks.batches).hasSize(3).last().isEqualTo(List.of(1.0));
    }

    @Test
    void aFailedBatchFailsEachOfItsCallersAndTheNextAdvanceRunsAgain() throws Exception {
        IllegalStateException failure = new IllegalStateException("the database went away");
        clocks.secondFails = failure;
        Future<WorldDetail> first = advanceOn(WORLD, 1);
        await(clocks.firstEntered);
        List<Future<WorldDetail>> failed = List.of(queuedAdvance(WORLD, 1), queuedAdvance(WORLD, 1));

        clocks.releaseFirst.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS).worldTime()).isEqualTo(1);
        for (Future<WorldDetail> advance : failed) {
            assertThatThrownBy(() -> advance.get(10, TimeUnit.SECONDS)).hasCause(failure);
        }
        assertThat(queue.advance(OWNER, WORLD, 1, NotFound::new).worldTime()).isEqualTo(2);
        assertThat(clocks.batches).hasSize(3);
    }

    @Test
    void anotherUsersWorldIsNotFoundForEachCallerAndChangesNothing() {
        clocks.releaseFirst.countDown();

        assertThatThrownBy(() -> queue.advance(OWNER + 1, WORLD, 1, NotFound::new)).isInstanceOf(NotFound.class);

        assertThat(clocks.times).isEmpty();
        assertThat(queue.advance(OWNER, WORLD, 1, NotFound::new).worldTime()).isEqualTo(1);
    }

    @Test
    void otherWorldsAndOtherOwnersDoNotWaitForAWorldsBatch() throws Exception {
        Future<WorldDetail> held = advanceOn(WORLD, 1);
        await(clocks.firstEntered);

        assertThat(queue.advance(OWNER, WORLD + 1, 4, NotFound::new).worldTime()).isEqualTo(4);
        assertThatThrownBy(() -> queue.advance(OWNER + 1, WORLD, 1, NotFound::new)).isInstanceOf(NotFound.class);
        assertThat(held).isNotDone();

        clocks.releaseFirst.countDown();
        assertThat(held.get(10, TimeUnit.SECONDS).worldTime()).isEqualTo(1);
    }

    @Test
    void manyConcurrentCallersLoseNoAdvanceAndGetDistinctClocksInOneOrder() throws Exception {
        clocks.releaseFirst.countDown();
        int advances = 2_000;
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Double>> answers = new ArrayList<>();
        for (int i = 0; i < advances; i++) {
            answers.add(CompletableFuture.supplyAsync(() -> {
                await(start);
                return queue.advance(OWNER, WORLD, 0.5, NotFound::new).worldTime();
            }, callers));
        }
        start.countDown();

        List<Double> times = answers.stream().map(CompletableFuture::join).sorted().toList();
        for (int i = 0; i < advances; i++) {
            assertThat(times.get(i)).isEqualTo((i + 1) * 0.5);
        }
        assertThat(clocks.batches.stream().mapToInt(List::size).sum()).isEqualTo(advances);
        assertThat(clocks.batches.stream().mapToInt(List::size).max().orElseThrow())
                .isLessThanOrEqualTo(AdvanceQueue.MOST_PER_BATCH);
    }

    private Future<WorldDetail> advanceOn(long worldId, double delta) {
        return callers.submit(() -> queue.advance(OWNER, worldId, delta, NotFound::new));
    }

    /**
     * An advance on a thread of its own, once it waits in the queue: a caller parks (WAITING) only on its
     * turn or its answer, after it has queued, so the advances queue in the order of these calls.
     */
    private Future<WorldDetail> queuedAdvance(long worldId, double delta) {
        FutureTask<WorldDetail> advance = new FutureTask<>(() -> queue.advance(OWNER, worldId, delta, NotFound::new));
        Thread caller = new Thread(advance);
        caller.setDaemon(true);
        caller.start();
        waitFor(() -> caller.getState() == Thread.State.WAITING);
        return advance;
    }

    private static WorldDetail world(long worldId, double time) {
        Instant now = Instant.parse("2026-11-29T12:00:00Z");
        return new WorldDetail(worldId, "World " + worldId, JsonDocument.EMPTY, time, now, now);
    }

    /** Waits for a state another thread brings about (no sleep: it yields until then). */
    private static void waitFor(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("the queue reached the state in time").isLessThan(deadline);
            Thread.yield();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).as("latch released in time").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final class NotFound extends RuntimeException {
    }
}
