package dev.storyworld.session.control;

import dev.storyworld.common.JsonDocuments;
import dev.storyworld.relationships.RelationshipRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Optional;

/**
 * Relationship rules compiled once per world and meta version. The current version is read on
 * every use (one primary-key lookup), so a meta update is seen at once and a stale schema is never used.
 */
@ApplicationScoped
public class CompiledSchemas {

    /** Worlds whose compiled rules are kept; more are compiled again when used. */
    static final int CACHED_WORLDS = 10_000;

    private final SchemaCache cache = new SchemaCache(CACHED_WORLDS);

    @PersistenceContext(unitName = "storyworld")
    EntityManager em;

    public RelationshipRules rulesFor(Long worldId) {
        if (worldId == null) {
            return RelationshipRules.defaults();
        }
        Long metaVersion = em.createQuery("SELECT w.metaVersion FROM GameWorld w WHERE w.id = :id", Long.class)
                .setParameter("id", worldId).getResultStream().findFirst().orElse(null);
        if (metaVersion == null) {
            cache.forget(worldId);
            return RelationshipRules.defaults();
        }
        Optional<RelationshipRules> cached = cache.get(worldId, metaVersion);
        if (cached.isPresent()) {
            return cached.get();
        }
        Object[] row = (Object[]) em.createQuery("SELECT w.meta, w.metaVersion FROM GameWorld w WHERE w.id = :id")
                .setParameter("id", worldId)
                .getResultStream().findFirst().orElse(null);
        if (row == null) {
            return RelationshipRules.defaults();
        }
        RelationshipRules rules = RelationshipRules.compile(JsonDocuments.read((String) row[0]));
        cache.put(worldId, (Long) row[1], rules);
        return rules;
    }
}
