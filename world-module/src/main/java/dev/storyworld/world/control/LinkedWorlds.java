package dev.storyworld.world.control;

import dev.storyworld.common.JsonDocument;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

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
    public record VersionedMeta(long version, JsonDocument meta) {
    }

    @Inject
    WorldStore store;

    public OptionalLong owner(long worldId) {
        return store.ownerOf(worldId);
    }

    /** The meta's current version: one primary-key lookup, cheap enough to ask on every use. */
    public OptionalLong metaVersion(long worldId) {
        return store.metaVersionOf(worldId);
    }

    public Optional<VersionedMeta> meta(long worldId) {
        return store.metaOf(worldId);
    }
}
