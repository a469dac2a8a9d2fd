package dev.storyworld.client;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import static dev.storyworld.client.Calls.join;

/** {@code /api/v1/game/worlds}: worlds, their meta, clock, scheduler config and schema report. */
public final class Worlds {

    private static final String WORLDS = "api/v1/game/worlds";

    private final Transport transport;

    Worlds(Transport transport) {
        this.transport = transport;
    }

    private static String world(long id) {
        return WORLDS + "/" + id;
    }

    /** The first page of the caller's worlds ({@code limit} clamped by the server to 1..1000). */
    public CompletableFuture<WorldPage> listAsync(int limit) {
        return transport.call(Request.get(WORLDS + "?limit=" + limit), WorldPage::of);
    }

    public WorldPage list(int limit) {
        return join(listAsync(limit));
    }

    /** The page after the one whose {@code nextCursor} is {@code cursor}. */
    public CompletableFuture<WorldPage> listAsync(int limit, String cursor) {
        return transport.call(Request.get(WORLDS + "?limit=" + limit + "&cursor=" + Query.encode(cursor)), WorldPage::of);
    }

    public WorldPage list(int limit, String cursor) {
        return join(listAsync(limit, cursor));
    }

    public CompletableFuture<WorldPage> listAtAsync(long offset, int limit) {
        return transport.call(Request.get(WORLDS + "?limit=" + limit + "&offset=" + offset), WorldPage::of);
    }

    public WorldPage listAt(long offset, int limit) {
        return join(listAtAsync(offset, limit));
    }

    /** Creates a world at world_time 0: {@code create(WorldDraft.named("Harbor Town").meta(meta))}. */
    public CompletableFuture<World> createAsync(WorldDraft draft) {
        return transport.call(Request.post(WORLDS, draft.body()), World::of);
    }

    public World create(WorldDraft draft) {
        return join(createAsync(draft));
    }

    /** Creates a world with this name and an empty meta. */
    public CompletableFuture<World> createAsync(String name) {
        return createAsync(WorldDraft.named(name));
    }

    public World create(String name) {
        return join(createAsync(name));
    }

    /** As {@link #createAsync(WorldDraft)}; {@code meta} may be null. */
    public CompletableFuture<World> createAsync(String name, JsonObject meta) {
        return createAsync(meta == null ? WorldDraft.named(name) : WorldDraft.named(name).meta(meta));
    }

    public World create(String name, JsonObject meta) {
        return join(createAsync(name, meta));
    }

    public CompletableFuture<World> getAsync(long worldId) {
        return transport.call(Request.get(world(worldId)), World::of);
    }

    public World get(long worldId) {
        return join(getAsync(worldId));
    }

    /** Replaces the meta whole; 400 {@code invalid_world_schemas} with violations when its schemas are wrong. */
    public CompletableFuture<World> putMetaAsync(long worldId, JsonObject meta) {
        return transport.call(Request.put(world(worldId) + "/meta", new JsonFields.Body().put("meta", meta).build()),
                World::of);
    }

    public World putMeta(long worldId, JsonObject meta) {
        return join(putMetaAsync(worldId, meta));
    }

    /**
     * Changes parts of the meta with a JSON Merge Patch: keys the patch does not name are kept (the
     * scheduler config, say), a null removes a key; the result is validated like {@link #putMetaAsync}.
     */
    public CompletableFuture<World> mergeMetaAsync(long worldId, JsonObject patch) {
        return transport.call(Request.mergePatch(world(worldId) + "/meta", patch), World::of);
    }

    public World mergeMeta(long worldId, JsonObject patch) {
        return join(mergeMetaAsync(worldId, patch));
    }

    /**
     * Follows the world live: tells {@code listener} its state now, then its newest state as it changes
     * (conflated by the server: at most 20 a second, never a backlog), until the world is deleted or the
     * watch is closed; reconnects by itself when its stream is lost, and starts again from the state
     * then. The listener runs on a client thread, one news at a time, and should return quickly.
     */
    public Watch watch(long worldId, Consumer<? super WorldNews> listener) {
        return new Watch(transport, Request.get(world(worldId) + "/stream"), new WorldNewsReader(worldId, listener));
    }

    public CompletableFuture<Void> deleteAsync(long worldId) {
        return transport.call(Request.delete(world(worldId)), json -> null);
    }

    public void delete(long worldId) {
        join(deleteAsync(worldId));
    }

    /**
     * Advances the world's clock by {@code deltaSeconds}, exactly once: the call carries an
     * {@code Idempotency-Key} of its own, and a lost answer or a 503 is retried with the same key, which
     * the server answers with the first result instead of advancing again.
     */
    public CompletableFuture<World> advanceAsync(long worldId, double deltaSeconds) {
        return advanceAsync(worldId, deltaSeconds, UUID.randomUUID().toString());
    }

    /** As {@link #advanceAsync(long, double)} with the caller's key (1..255 characters), to retry across restarts. */
    public CompletableFuture<World> advanceAsync(long worldId, double deltaSeconds, String idempotencyKey) {
        JsonObject body = new JsonFields.Body().put("delta_seconds", deltaSeconds).build();
        return transport.call(Request.post(world(worldId) + "/advance", body).idempotent(idempotencyKey), World::of);
    }

    public World advance(long worldId, double deltaSeconds) {
        return join(advanceAsync(worldId, deltaSeconds));
    }

    public World advance(long worldId, double deltaSeconds, String idempotencyKey) {
        return join(advanceAsync(worldId, deltaSeconds, idempotencyKey));
    }

    /** The scheduler config ({@code meta.simulation}) with defaults filled in, as the client's JSON document. */
    public CompletableFuture<JsonObject> schedulerConfigAsync(long worldId) {
        return transport.call(Request.get(world(worldId) + "/scheduler/config"), json -> json);
    }

    public JsonObject schedulerConfig(long worldId) {
        return join(schedulerConfigAsync(worldId));
    }

    /** Sets the fields given (top-level fields whole) and answers the stored config. */
    public CompletableFuture<JsonObject> putSchedulerConfigAsync(long worldId, JsonObject fields) {
        return transport.call(Request.put(world(worldId) + "/scheduler/config", fields), json -> json);
    }

    public JsonObject putSchedulerConfig(long worldId, JsonObject fields) {
        return join(putSchedulerConfigAsync(worldId, fields));
    }

    public CompletableFuture<SchedulerState> pauseAsync(long worldId) {
        return transport.call(Request.post(world(worldId) + "/scheduler/pause", JsonValue.EMPTY_JSON_OBJECT),
                SchedulerState::of);
    }

    public SchedulerState pause(long worldId) {
        return join(pauseAsync(worldId));
    }

    public CompletableFuture<SchedulerState> resumeAsync(long worldId) {
        return transport.call(Request.post(world(worldId) + "/scheduler/resume", JsonValue.EMPTY_JSON_OBJECT),
                SchedulerState::of);
    }

    public SchedulerState resume(long worldId) {
        return join(resumeAsync(worldId));
    }

    public CompletableFuture<SchemaReport> schemaReportAsync(long worldId) {
        return transport.call(Request.get(world(worldId) + "/schema-report"), SchemaReport::of);
    }

    public SchemaReport schemaReport(long worldId) {
        return join(schemaReportAsync(worldId));
    }
}
