package dev.storyworld.web.live;

import dev.storyworld.common.Change;
import jakarta.ws.rs.sse.OutboundSseEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reading of woken sessions, on the streams' pool of {@link Streams#THREADS} threads: announcements from
 * many threads at once, and every watched session read after its last change (no announcement lost), never by
 * two readers at once, many of them together in one read, by at most {@link Topics#READERS} readers.
 */
class TopicsTest {

    private static final int SESSIONS = 300;
    private static final int CHANGES_PER_WRITER = 2_000;
    private static final int WRITERS = 4;

    private final ScheduledExecutorService pool = Executors.newScheduledThreadPool(Streams.THREADS);
    private final ExecutorService writers = Executors.newFixedThreadPool(WRITERS);

    @AfterEach
    void stop() {
        pool.shutdownNow();
        writers.shutdownNow();
    }

    @Test
    void everyWatchedSessionIsReadAfterItsLastChangeByOneReaderAtATimeManyAtOnce() throws Exception {
        Map<Long, AtomicLong> committed = new ConcurrentHashMap<>();
        Map<Long, Long> seen = new ConcurrentHashMap<>();
        Set<Long> reading = ConcurrentHashMap.newKeySet();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger readersNow = new AtomicInteger();
        AtomicInteger mostReaders = new AtomicInteger();
        AtomicInteger largestRead = new AtomicInteger();
        AtomicInteger reads = new AtomicInteger();

        Topics topics = topics();
        Topics.Feed<Idle> feed = streamsById -> {
            mostReaders.accumulateAndGet(readersNow.incrementAndGet(), Math::max);
            largestRead.accumulateAndGet(streamsById.size(), Math::max);
            reads.incrementAndGet();
            streamsById.keySet().forEach(id -> {
                if (!reading.add(id)) {
                    overlaps.incrementAndGet();
                }
            });
            streamsById.keySet().forEach(id -> seen.put(id, committed.get(id).get()));
            streamsById.keySet().forEach(reading::remove);
            readersNow.decrementAndGet();
        };
        for (long id = 1; id <= SESSIONS; id++) {
            committed.put(id, new AtomicLong());
            topics.watch(Change.Subject.SESSION, id, new Idle(), feed, 0);
        }

        CountDownLatch start = new CountDownLatch(1);
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.execute(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < CHANGES_PER_WRITER; i++) {
                    long id = 1 + (i * WRITERS + writer) % SESSIONS;
                    long version = committed.get(id).incrementAndGet();
                    topics.wake(new Change(Change.Subject.SESSION, id, version, false, "test", 0));
                }
            });
        }
        start.countDown();
        writers.shutdown();
        assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        await(() -> IntStream.rangeClosed(1, SESSIONS).asLongStream()
                .allMatch(id -> committed.get(id).get() == seen.getOrDefault(id, -1L)));
        assertThat(overlaps).as("sessions read by two readers at once").hasValue(0);
        assertThat(mostReaders.get()).as("readers at once").isBetween(1, Topics.READERS);
        assertThat(largestRead.get()).as("sessions read together at most").isBetween(2, Topics.BATCH);
        assertThat(reads.get()).as("reads for %d changes", WRITERS * CHANGES_PER_WRITER)
                .isLessThan(WRITERS * CHANGES_PER_WRITER);
    }

    @Test
    void aReadThatFailsLeavesTheSessionToBeReadAtItsNextChange() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        AtomicLong delivered = new AtomicLong();
        Topics topics = topics();
        topics.watch(Change.Subject.SESSION, 7, new Idle(), streamsById -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("the database is down");
            }
            delivered.set(attempts.get());
        }, 0);
        await(() -> attempts.get() == 1);

        topics.wake(new Change(Change.Subject.SESSION, 7, 2, false, "test", 0));
        await(() -> delivered.get() == 2);
    }

    private Topics topics() {
        Topics topics = new Topics();
        topics.streams = new Streams() {
            @Override
            public boolean open(LiveStream stream) {
                return true;
            }

            @Override
            void execute(Runnable task) {
                pool.execute(task);
            }

            @Override
            void schedule(Runnable task, long delayMillis) {
                pool.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
            }
        };
        topics.transaction = new ReadTransaction() {
            @Override
            public void run(Runnable read) {
                read.run();
            }
        };
        return topics;
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 30 s").isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }

    /** A stream that is never written to: the test watches the reads, not the writes. */
    private static final class Idle extends LiveStream {

        Idle() {
            super(1, null, null);
        }

        @Override
        protected OutboundSseEvent takeNext() {
            return null;
        }

        @Override
        protected boolean hasNext() {
            return false;
        }
    }
}
