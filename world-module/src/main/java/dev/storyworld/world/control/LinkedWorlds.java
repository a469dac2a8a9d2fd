package dev.storyworld.world.control;

import dev.storyworld.common.JsonDocuments;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What other modules may know of a world: sessions are linked to one by id, check its owner when
 * linking, and normalize against its meta, cached per meta version. Reads that bypass ownership,
 * so callers decide what the caller may see.
 */
@ApplicationScoped
public class LinkedWorlds {

    /** A world's meta as of one version; every change of the meta bumps the version. */
    public record VersionedMeta(long version, Map<String, Object> meta) {
    }

    @PersistenceContext(unitName = "storyworld")
    EntityManager em;

    public OptionalLong owner(long worldId) {
        return em.createQuery("SELECT w.ownerUserId FROM GameWorld w WHERE w.id = :id", Long.class)
                .setParameter("id", worldId).getResultStream().mapToLong(Long::longValue).findFirst();
    }

    /** The meta's current version: one primary-key lookup, cheap enough to ask on every use. */
    public OptionalLong metaVersion(long worldId) {
        return em.createQuery("SELECT w.metaVersion FROM GameWorld w WHERE w.id = :id", Long.class)
                .setParameter("id", worldId).getResultStream().mapToLong(Long::longValue).findFirst();
    }

    public Optional<VersionedMeta> meta(long worldId) {
        return em.createQuery("SELECT w.meta, w.metaVersion FROM GameWorld w WHERE w.id = :id", Object[].class)
                .setParameter("id", worldId).getResultStream().findFirst()
                .map(row -> new VersionedMeta((Long) row[1], JsonDocuments.read((String) row[0])));
    }
}
