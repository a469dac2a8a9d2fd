package dev.storyworld.session.control;

import dev.storyworld.relationships.RelationshipRules;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiled relationship rules by world, each for the meta version it was compiled from. Bounded:
 * compiling again costs microseconds, so when it is full some entries are dropped rather than
 * letting every world ever seen stay in memory.
 */
final class SchemaCache {

    private record Entry(long metaVersion, RelationshipRules rules) {
    }

    private final int capacity;
    private final Map<Long, Entry> byWorld = new ConcurrentHashMap<>();

    SchemaCache(int capacity) {
        this.capacity = capacity;
    }

    /** The rules compiled from exactly this meta version, if they are here. */
    Optional<RelationshipRules> get(long worldId, long metaVersion) {
        Entry entry = byWorld.get(worldId);
        return entry != null && entry.metaVersion() == metaVersion ? Optional.of(entry.rules()) : Optional.empty();
    }

    /** Keeps the newer version: a slow reader of an old version cannot push out a fresh entry. */
    void put(long worldId, long metaVersion, RelationshipRules rules) {
        if (byWorld.size() >= capacity && !byWorld.containsKey(worldId)) {
            makeRoom();
        }
        byWorld.merge(worldId, new Entry(metaVersion, rules),
                (old, fresh) -> fresh.metaVersion() >= old.metaVersion() ? fresh : old);
    }

    void forget(long worldId) {
        byWorld.remove(worldId);
    }

    int size() {
        return byWorld.size();
    }

    /** Drops a tenth of the entries, whichever the map yields first. */
    private void makeRoom() {
        Iterator<Long> worlds = byWorld.keySet().iterator();
        int target = capacity - Math.max(1, capacity / 10);
        while (byWorld.size() > target && worlds.hasNext()) {
            worlds.next();
            worlds.remove();
        }
    }
}
