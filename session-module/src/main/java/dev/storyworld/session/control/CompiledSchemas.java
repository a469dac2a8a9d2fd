package dev.storyworld.session.control;

import dev.storyworld.common.JsonDocuments;
import dev.storyworld.relationships.RelationshipRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Relationship rules compiled once per world and meta version. The current version is read on
 * every use (one primary-key lookup), so a meta update is seen at once and a stale schema is never used.
 */
@ApplicationScoped
public class CompiledSchemas {

    private record Compiled(long metaVersion, RelationshipRules rules) {
    }

    private final Map<Long, Compiled> byWorld = new ConcurrentHashMap<>();

    @PersistenceContext(unitName = "storyworld")
    EntityManager em;

    public RelationshipRules rulesFor(Long worldId) {
        if (worldId == null) {
            return RelationshipRules.defaults();
        }
        Long metaVersion = em.createQuery("SELECT w.metaVersion FROM GameWorld w WHERE w.id = :id", Long.class)
                .setParameter("id", worldId).getResultStream().findFirst().orElse(null);
        if (metaVersion == null) {
            return RelationshipRules.defaults();
        }
        Compiled cached = byWorld.get(worldId);
        if (cached != null && cached.metaVersion() == metaVersion) {
            return cached.rules();
        }
        Object[] row = (Object[]) em.createQuery("SELECT w.meta, w.metaVersion FROM GameWorld w WHERE w.id = :id")
                .setParameter("id", worldId)
                .getResultStream().findFirst().orElse(null);
        if (row == null) {
            return RelationshipRules.defaults();
        }
        Compiled compiled = new Compiled((Long) row[1], RelationshipRules.compile(JsonDocuments.read((String) row[0])));
        // Newer versions win, so a slow reader of an old version cannot push out a fresh entry.
        byWorld.merge(worldId, compiled, (old, fresh) -> fresh.metaVersion() >= old.metaVersion() ? fresh : old);
        return compiled.rules();
    }
}
