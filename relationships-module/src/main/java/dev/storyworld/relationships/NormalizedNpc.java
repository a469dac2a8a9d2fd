package dev.storyworld.relationships;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An NPC entry of a normalized document: the input entry, in its order, with {@code tierId} and
 * {@code intimacyLevelId} set (replaced where they were, appended otherwise). A read-only view rather than a copy:
 * copying the fields of every NPC of every answer took about half of normalization's time. The view never writes
 * to the input entry.
 */
final class NormalizedNpc extends AbstractMap<Object, Object> {

    private final Map<?, ?> source;
    private final String tierId;
    private final String intimacyLevelId;

    NormalizedNpc(Map<?, ?> npc, String tierId, String intimacyLevelId) {
        // Normalizing a normalized document views the original entry again instead of stacking views.
        this.source = npc instanceof NormalizedNpc normalized ? normalized.source : npc;
        this.tierId = tierId;
        this.intimacyLevelId = intimacyLevelId;
    }

    @Override
    public int size() {
        return source.size() + (source.containsKey(Normalizer.TIER_ID) ? 0 : 1)
                + (source.containsKey(Normalizer.INTIMACY_LEVEL_ID) ? 0 : 1);
    }

    @Override
    public boolean containsKey(Object key) {
        return Normalizer.TIER_ID.equals(key) || Normalizer.INTIMACY_LEVEL_ID.equals(key) || source.containsKey(key);
    }

    @Override
    public Object get(Object key) {
        if (Normalizer.TIER_ID.equals(key)) {
            return tierId;
        }
        if (Normalizer.INTIMACY_LEVEL_ID.equals(key)) {
            return intimacyLevelId;
        }
        return source.get(key);
    }

    @Override
    public Set<Map.Entry<Object, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return NormalizedNpc.this.size();
            }

            @Override
            public Iterator<Map.Entry<Object, Object>> iterator() {
                return new Entries();
            }
        };
    }

    /** The input's entries with the computed values substituted, then the computed keys the input lacked. */
    private final class Entries implements Iterator<Map.Entry<Object, Object>> {

        private final Iterator<? extends Map.Entry<?, ?>> inputEntries = source.entrySet().iterator();
        private boolean tierSeen;
        private boolean levelSeen;
        /** After the input's entries: 0 means tierId is next, 1 intimacyLevelId, 2 nothing. */
        private int appended;

        @Override
        public boolean hasNext() {
            if (inputEntries.hasNext()) {
                return true;
            }
            if (appended == 0 && tierSeen) {
                appended = 1;
            }
            if (appended == 1 && levelSeen) {
                appended = 2;
            }
            return appended < 2;
        }

        @Override
        public Map.Entry<Object, Object> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            if (inputEntries.hasNext()) {
                Map.Entry<?, ?> entry = inputEntries.next();
                Object key = entry.getKey();
                if (Normalizer.TIER_ID.equals(key)) {
                    tierSeen = true;
                    return new SimpleImmutableEntry<>(key, tierId);
                }
                if (Normalizer.INTIMACY_LEVEL_ID.equals(key)) {
                    levelSeen = true;
                    return new SimpleImmutableEntry<>(key, intimacyLevelId);
                }
                return new SimpleImmutableEntry<>(key, entry.getValue());
            }
            return appended++ == 0
                    ? new SimpleImmutableEntry<>(Normalizer.TIER_ID, tierId)
                    : new SimpleImmutableEntry<>(Normalizer.INTIMACY_LEVEL_ID, intimacyLevelId);
        }
    }
}
