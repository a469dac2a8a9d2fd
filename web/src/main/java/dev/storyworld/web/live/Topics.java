package dev.storyworld.web.live;

import dev.storyworld.common.Change;
import dev.storyworld.common.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * The watched sessions and worlds of this instance, each with its streams and its feed: when a change of
 * it is announced, the feed reads it again from the database once for all its streams. Announcements are
 * lost only while the listening connection is down; when it is back, every watched one is read again
 * ({@link #wakeAll}). Reading them all at every heartbeat instead queued thousands of reads ahead of the
 * live changes (bench/live.sh: seconds of delay with 2 000 streams). One read at a time per session or
 * world, so each stream gets its events in order, and a change that commits during a read is read by the
 * next one. Woken ones wait in one queue; at most {@link #READERS} of the streams' threads take up to
 * {@link #BATCH} of them at a time and read them together, one transaction per feed: a read per woken
 * session, each a transaction of its own, was what delayed delivery under load (bench/live.sh).
 */
@ApplicationScoped
public class Topics {

    private static final Logger LOG = Logger.getLogger(Topics.class.getName());

    /** Readers at once, of {@link Streams#THREADS}: the others write to the clients meanwhile. */
    static final int READERS = 2;
    /** Sessions or worlds read together at most: one statement's worth of ids. */
    static final int BATCH = 64;

    /**
     * Reads what changed of several sessions or worlds, in one transaction, and hands it to their streams;
     * runs on the streams' threads, never two at once for one id.
     */
    @FunctionalInterface
    public interface Feed<S extends LiveStream> {
        void feed(Map<Long, List<S>> streamsById);
    }

    private record Key(Change.Subject subject, long id) {
    }

    @Inject
    Streams streams;

    @Inject
    ReadTransaction transaction;

    private final Map<Key, Topic<?>> topics = new ConcurrentHashMap<>();
    private final Queue<Topic<?>> woken = new ConcurrentLinkedQueue<>();
    private final AtomicInteger readers = new AtomicInteger();
    private final AtomicBoolean failing = new AtomicBoolean();

    /**
     * Opens {@code stream} (counted against its user's bound; 429 beyond) and adds it to the watchers of
     * that session or world, fed by {@code feed} at most once every {@code minIntervalMillis}, at once a first time.
     */
    public <S extends LiveStream> void watch(Change.Subject subject, long id, S stream, Feed<S> feed,
                                             long minIntervalMillis) {
        if (!streams.open(stream)) {
            return;
        }
        Key key = new Key(subject, id);
        @SuppressWarnings("unchecked")
        Topic<S> topic = (Topic<S>) topics.compute(key, (k, existing) -> {
            Topic<?> found = existing != null ? existing : new Topic<>(id, feed, minIntervalMillis);
            @SuppressWarnings("unchecked")
            Topic<S> typed = (Topic<S>) found;
            typed.watchers.add(stream);
            return found;
        });
        stream.onRelease(() -> topics.computeIfPresent(key, (k, found) -> {
            found.watchers.remove(stream);
            return found.watchers.isEmpty() ? null : found;
        }));
        topic.wake();
    }

    /** A change was announced: the watchers of that session or world read it. */
    void wake(Change change) {
        Topic<?> topic = topics.get(new Key(change.subject(), change.id()));
        if (topic != null) {
            topic.wake();
        }
    }

    /** Every watched session and world reads again: after a lost listening connection. */
    void wakeAll() {
        topics.values().forEach(Topic::wake);
    }

    /** Queues a topic to be read and has a reader take it, unless {@link #READERS} are at it already. */
    private void enqueue(Topic<?> topic) {
        woken.add(topic);
        if (claimReader()) {
            streams.execute(this::readWoken);
        }
    }

    /** Counts one more reader, if there is room for one. */
    private boolean claimReader() {
        if (readers.incrementAndGet() <= READERS) {
            return true;
        }
        readers.decrementAndGet();
        return false;
    }

    private void readWoken() {
        while (true) {
            List<Topic<?>> batch = new ArrayList<>();
            for (Topic<?> topic; batch.size() < BATCH && (topic = woken.poll()) != null; ) {
                topic.taken();
                batch.add(topic);
            }
            if (batch.isEmpty()) {
                readers.decrementAndGet();
                // One queued after the poll, while every reader was busy, is left to this one.
                if (woken.isEmpty() || !claimReader()) {
                    return;
                }
                continue;
            }
            Map<Feed<?>, List<Topic<?>>> byFeed = new LinkedHashMap<>();
            batch.forEach(topic -> byFeed.computeIfAbsent(topic.feed, feed -> new ArrayList<>()).add(topic));
            try {
                byFeed.values().forEach(this::read);
            } finally {
                batch.forEach(Topic::done);
            }
        }
    }

    private void read(List<Topic<?>> sameFeed) {
        try {
            transaction.run(() -> feed(sameFeed));
            if (failing.compareAndSet(true, false)) {
                LOG.info("Live streams read the database again");
            }
        } catch (RuntimeException e) {
            // The database is down, say: the next announcement reads again.
            if (failing.compareAndSet(false, true)) {
                Database.logFailure(LOG, "A live stream could not read its change; reads again at the next"
                        + " change (logged once until a read succeeds)", e);
            }
        }
    }

    /** The topics share one feed, whose type of stream is theirs. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void feed(List<Topic<?>> sameFeed) {
        Map<Long, List> streamsById = new LinkedHashMap<>();
        sameFeed.forEach(topic -> streamsById.put(topic.id, List.copyOf(topic.watchers)));
        ((Feed) sameFeed.get(0).feed).feed((Map) streamsById);
    }

    private final class Topic<S extends LiveStream> {

        final Set<S> watchers = ConcurrentHashMap.newKeySet();
        private final long id;
        private final Feed<S> feed;
        private final long minIntervalMillis;
        private final AtomicBoolean pending = new AtomicBoolean();
        private final AtomicBoolean running = new AtomicBoolean();
        private volatile long lastRunMillis;

        Topic(long id, Feed<S> feed, long minIntervalMillis) {
            this.id = id;
            this.feed = feed;
            this.minIntervalMillis = minIntervalMillis;
        }

        void wake() {
            pending.set(true);
            if (running.compareAndSet(false, true)) {
                start();
            }
        }

        private void start() {
            long wait = lastRunMillis + minIntervalMillis - System.currentTimeMillis();
            if (wait > 0) {
                streams.schedule(() -> enqueue(this), wait);
            } else {
                enqueue(this);
            }
        }

        /** Taken by a reader: what is announced from now on is read by the next read. */
        void taken() {
            pending.set(false);
            lastRunMillis = System.currentTimeMillis();
        }

        void done() {
            running.set(false);
            if (pending.get() && running.compareAndSet(false, true)) {
                start();
            }
        }
    }
}
