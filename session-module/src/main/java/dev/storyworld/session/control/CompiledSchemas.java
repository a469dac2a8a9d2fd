package dev.storyworld.session.control;

import dev.storyworld.relationships.RelationshipRules;
import dev.storyworld.world.control.LinkedWorlds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Relationship rules compiled once per world and meta version. The current version is read on
 * every use (one primary-key lookup), so a meta update is seen at once and a stale schema is never used.
 */
@ApplicationScoped
public class CompiledSchemas {

    /** Worlds whose compiled rules are kept; more are compiled again when used. */
    static final int CACHED_WORLDS = 10_000;

    private final SchemaCache cache = new SchemaCache(CACHED_WORLDS);

    @Inject
    LinkedWorlds worlds;

    public RelationshipRules rulesFor(Long worldId) {
        if (worldId == null) {
            return RelationshipRules.defaults();
        }
        OptionalLong metaVersion = worlds.metaVersion(worldId);
        if (metaVersion.isEmpty()) {
            cache.forget(worldId);
            return RelationshipRules.defaults();
        }
        Optional<RelationshipRules> cached = cache.get(worldId, metaVersion.getAsLong());
        if (cached.isPresent()) {
            return cached.get();
        }
        return worlds.meta(worldId).map(meta -> {
            RelationshipRules rules = RelationshipRules.compile(meta.meta().fields());
            cache.put(worldId, meta.version(), rules);
            return rules;
        }).orElseGet(RelationshipRules::defaults);
    }
}
