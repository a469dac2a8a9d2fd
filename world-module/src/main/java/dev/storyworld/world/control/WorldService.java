package dev.storyworld.world.control;

import dev.storyworld.common.Changes;
import dev.storyworld.common.ErrorCode;
import dev.storyworld.common.Finite;
import dev.storyworld.common.JsonDocument;
import dev.storyworld.common.StoryworldException;
import dev.storyworld.relationships.RelationshipRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.util.function.UnaryOperator;

/**
 * Worlds of one owner, each use case as its steps; every statement is {@link WorldStore}'s. Every
 * method takes the caller's user id and treats another user's world exactly like a missing one, so
 * no answer leaks that it exists. Every meta that is stored has passed {@link WorldMeta#check}, and
 * every stored change of it bumps {@code meta_version}. Reads run in the caller's transaction if there
 * is one, else in none: under READ COMMITTED each statement sees its own snapshot either way, so a
 * transaction of their own would add only a commit round trip.
 */
@ApplicationScoped
@Transactional
public class WorldService {

    /**
     * How often one meta change is computed again after losing the version race. Each loss means that
     * another meta write of this world committed meanwhile, so a change among n concurrent writers of a
     * world loses at most n - 1 times; the HTTP thread pool (and the tests' bursts of up to 200 requests)
     * keep n far below this. Beyond it, 503 {@code service_unavailable} with Retry-After: nothing was
     * written, try again.
     */
    static final int MOST_META_ATTEMPTS = 1_000;

    @Inject
    WorldStore store;

    @Inject
    AdvanceQueue queue;

    @Inject
    ClockWrites clockWrites;

    @Inject
    Validator validator;

    @Inject
    Changes changes;

    /** A world without a meta (null) starts with the empty one. */
    public WorldDetail create(long ownerId, @NotBlank @Size(max = 128) String name, JsonDocument meta) {
        JsonDocument given = meta == null ? JsonDocument.EMPTY : meta;
        WorldMeta.check(given, validator);
        WorldDetail world = store.insert(ownerId, name, given);
        store.countCreated(ownerId);
        return world;
    }

    /** A read of its own, the hot one (a GET, a live stream's): see {@link WorldStore#read}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public WorldDetail find(long ownerId, long worldId) {
        return store.read(ownerId, worldId).orElseThrow(WorldService::notFound);
    }

    /**
     * Up to {@code rows} of the owner's worlds by id ascending, after the id {@code afterId} when it
     * is given (keyset: the (owner_user_id, id) index starts right there), else skipping
     * {@code offset}; with the owner's total.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public WorldPage list(long ownerId, Long afterId, @PositiveOrZero int offset, @Positive int rows) {
        return new WorldPage(store.page(ownerId, afterId == null ? 0L : afterId, offset, rows), store.count(ownerId));
    }

    public void delete(long ownerId, long worldId) {
        if (!store.delete(ownerId, worldId)) {
            throw notFound();
        }
        changes.worldDeleted(worldId);
    }

    /** Replaces the meta whole; a meta that breaks a rule is refused and nothing changes. */
    public WorldDetail replaceMeta(long ownerId, long worldId, @NotNull JsonDocument meta) {
        changeMeta(ownerId, worldId, stored -> meta);
        return written(ownerId, worldId);
    }

    /** Applies a JSON Merge Patch to the meta; the result must pass the same rules as a replacement. */
    public WorldDetail mergeMeta(long ownerId, long worldId, @NotNull JsonDocument patch) {
        changeMeta(ownerId, worldId, stored -> MergePatch.apply(stored, patch));
        return written(ownerId, worldId);
    }

    /** The world as this transaction wrote it: through JPA's connection, which holds the uncommitted write. */
    private WorldDetail written(long ownerId, long worldId) {
        return store.detail(ownerId, worldId).orElseThrow(WorldService::notFound);
    }

    /** The scheduler config in force: the stored {@code meta.simulation} over the defaults. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public SchedulerConfig schedulerConfig(long ownerId, long worldId) {
        return SchedulerConfig.of(storedMeta(ownerId, worldId).meta());
    }

    /**
     * Sets the fields sent, keeps the others, checks the whole result and stores it at
     * {@code meta.simulation}; answers the stored config.
     */
    public SchedulerConfig updateSchedulerConfig(long ownerId, long worldId, @NotNull JsonDocument changes) {
        JsonDocument meta = changeMeta(ownerId, worldId, stored -> stored.with(SchedulerConfig.META_KEY,
                SchedulerConfig.update(stored, changes, validator).toDocument()));
        return SchedulerConfig.of(meta);
    }

    public void pauseSimulation(long ownerId, long worldId, boolean paused) {
        updateSchedulerConfig(ownerId, worldId, JsonDocument.EMPTY.with(SchedulerConfig.PAUSED, paused));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public WorldSchemaReport schemaReport(long ownerId, long worldId) {
        WorldDetail world = find(ownerId, worldId);
        return new WorldSchemaReport(world.id(), world.name(), RelationshipRules.report(world.meta().fields()));
    }

    /**
     * Adds {@code deltaSeconds} to the world's clock and answers the world as this advance left it,
     * committed. Without an idempotency key, the advance goes with the other advances of the world that
     * arrive meanwhile, in one transaction ({@link AdvanceQueue}); with a key, it runs alone
     * ({@link ClockWrites#advanceOnce}). Either way it commits on its own, not in the caller's transaction.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public WorldDetail advance(long ownerId, long worldId,
                               @NotNull @Finite @DecimalMin("0") @DecimalMax("31536000") Double deltaSeconds,
                               String idempotencyKey) {
        if (idempotencyKey == null) {
            return queue.advance(ownerId, worldId, deltaSeconds, WorldService::notFound);
        }
        IdempotencyKeys.checkKey(idempotencyKey);
        return clockWrites.advanceOnce(ownerId, worldId, deltaSeconds, idempotencyKey, WorldService::notFound);
    }

    /**
     * Read-modify-write of a world's meta that loses no concurrent change: the write only happens
     * if the meta version is still the one the new meta was computed from; when another write got
     * in first, the change is computed again on the new meta. A meta that comes out unchanged is not
     * written, so its version (which caches of compiled schemas key on) stays. Answers the meta in force.
     */
    private JsonDocument changeMeta(long ownerId, long worldId, UnaryOperator<JsonDocument> change) {
        for (int attempt = 0; attempt < MOST_META_ATTEMPTS; attempt++) {
            LinkedWorlds.VersionedMeta stored = storedMeta(ownerId, worldId);
            JsonDocument meta = change.apply(stored.meta());
            WorldMeta.check(meta, validator);
            if (meta.toJson().equals(stored.meta().toJson())) {
                return meta;
            }
            if (store.writeMeta(ownerId, worldId, meta, stored.version())) {
                changes.world(worldId);
                return meta;
            }
        }
        throw new StoryworldException(ErrorCode.SERVICE_UNAVAILABLE, "Other requests kept changing this world's meta"
                + " while " + MOST_META_ATTEMPTS + " attempts of this change were computed; nothing was written, try again");
    }

    private LinkedWorlds.VersionedMeta storedMeta(long ownerId, long worldId) {
        return store.meta(ownerId, worldId).orElseThrow(WorldService::notFound);
    }

    private static StoryworldException notFound() {
        return new StoryworldException(ErrorCode.WORLD_NOT_FOUND, "World not found");
    }
}
