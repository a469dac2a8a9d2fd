package dev.storyworld.relationships;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An NPC entry of a normalized document: a copy of the entry, in its order, with {@code tierId} and
 * {@code intimacyLevelId} set (replaced where they were, appended otherwise). Unmodifiable.
 * Keys and values interleaved in one array rather than a LinkedHashMap because copying the entries of every NPC of
 * every answer is most of normalization's cost, and a linear search is fast enough for the handful of keys an
 * entry has.
 */
final class NormalizedNpc extends AbstractMap<Object, Object> {

    /** Key at 2i, value at 2i + 1. */
    private final Object[] slots;
    private final int size;

    NormalizedNpc(Map<?, ?> npc, String tierId, String intimacyLevelId) {
        Copy copy = new Copy(npc.size() + 2, tierId, intimacyLevelId);
        npc.forEach(copy);
        copy.appendMissing();
        slots = copy.slots;
        size = copy.size;
    }

    /** forEach rather than an entry iterator: LinkedHashMap walks its own list without creating entry views. */
    private static final class Copy implements BiConsumer<Object, Object> {
        final Object[] slots;
        final String tierId;
        final String intimacyLevelId;
        int size;
        boolean hasTier;
        boolean hasLevel;

        Copy(int capacity, String tierId, String intimacyLevelId) {
            slots = new Object[2 * capacity];
            this.tierId = tierId;
            this.intimacyLevelId = intimacyLevelId;
        }

        @Override
        public void accept(Object key, Object value) {
            if (Normalizer.TIER_ID.equals(key)) {
                hasTier = true;
                add(key, tierId);
            } else if (Normalizer.INTIMACY_LEVEL_ID.equals(key)) {
                hasLevel = true;
                add(key, intimacyLevelId);
            } else {
                add(key, value);
            }
        }

        void appendMissing() {
            if (!hasTier) {
                add(Normalizer.TIER_ID, tierId);
            }
            if (!hasLevel) {
                add(Normalizer.INTIMACY_LEVEL_ID, intimacyLevelId);
            }
        }

        private void add(Object key, Object value) {
            slots[2 * size] = key;
            slots[2 * size + 1] = value;
            size++;
        }
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public Object get(Object key) {
        int index = indexOf(key);
        return index >= 0 ? slots[2 * index + 1] : null;
    }

    private int indexOf(Object key) {
        for (int i = 0; i < size; i++) {
            if (Objects.equals(slots[2 * i], key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Set<Map.Entry<Object, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<Map.Entry<Object, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Map.Entry<Object, Object> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        int index = next++;
                        return new SimpleImmutableEntry<>(slots[2 * index], slots[2 * index + 1]);
                    }
                };
            }
        };
    }
}
