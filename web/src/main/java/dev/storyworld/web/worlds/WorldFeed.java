package dev.storyworld.web.worlds;

import dev.storyworld.common.Change;
import dev.storyworld.common.ErrorCode;
import dev.storyworld.common.JsonDocument;
import dev.storyworld.common.StoryworldException;
import dev.storyworld.web.http.JsonBinding;
import dev.storyworld.web.live.ConflatedStream;
import dev.storyworld.web.live.Topics;
import dev.storyworld.world.control.SchedulerConfig;
import dev.storyworld.world.control.WorldDetail;
import dev.storyworld.world.control.WorldService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A world's live stream, conflated: a world keeps no history, so a watcher gets its latest state, first as a
 * {@code snapshot}, then as a {@code world_update} naming what changed since the state it got before
 * ({@code advance}, {@code meta}, {@code scheduler}, {@code paused}, {@code resumed}), at most
 * {@link #STATES_PER_SECOND} a second however many changes commit, and {@code world_deleted} last.
 */
@ApplicationScoped
public class WorldFeed implements Topics.Feed<WorldFeed.Watcher> {

    static final int STATES_PER_SECOND = 20;
    static final String SNAPSHOT = "snapshot";
    static final String UPDATE = "world_update";
    static final String DELETED = "world_deleted";

    @Inject
    WorldService worlds;

    @Inject
    Topics topics;

    /** 404 for another user's or a missing world, before anything is streamed. */
    void open(long userId, long worldId, SseEventSink sink, Sse sse) {
        worlds.find(userId, worldId);
        topics.watch(Change.Subject.WORLD, worldId, new Watcher(userId, sink, sse), this, 1000 / STATES_PER_SECOND);
    }

    /** World by world: conflated, a world is read at most 20 times a second however many watch it. */
    @Override
    public void feed(Map<Long, List<Watcher>> watchersById) {
        watchersById.forEach(this::feed);
    }

    private void feed(long worldId, List<Watcher> watchers) {
        if (watchers.isEmpty()) {
            return;
        }
        WorldDetail world;
        try {
            world = worlds.find(watchers.get(0).userId(), worldId);
        } catch (StoryworldException e) {
            if (e.error() != ErrorCode.WORLD_NOT_FOUND) {
                throw e;
            }
            watchers.forEach(watcher -> watcher.deleted(worldId));
            return;
        }
        watchers.forEach(watcher -> watcher.update(world));
    }

    /** What changed from one state of a world to the next, by the names the stream gives them. */
    static List<String> changes(WorldDetail before, WorldDetail after) {
        SchedulerConfig scheduler = SchedulerConfig.of(before.meta());
        SchedulerConfig schedulerNow = SchedulerConfig.of(after.meta());
        List<String> changes = new ArrayList<>();
        if (before.worldTime() != after.worldTime()) {
            changes.add("advance");
        }
        if (!withoutScheduler(before.meta()).equals(withoutScheduler(after.meta()))) {
            changes.add("meta");
        }
        if (!unpaused(scheduler).equals(unpaused(schedulerNow))) {
            changes.add("scheduler");
        }
        if (!scheduler.pauseSimulation().equals(schedulerNow.pauseSimulation())) {
            changes.add(schedulerNow.pauseSimulation() ? "paused" : "resumed");
        }
        return changes;
    }

    private static String withoutScheduler(JsonDocument meta) {
        Map<String, Object> fields = new LinkedHashMap<>(meta.fields());
        fields.remove(SchedulerConfig.META_KEY);
        return JsonDocument.of(fields).toJson();
    }

    private static String unpaused(SchedulerConfig config) {
        return config.toDocument().with(SchedulerConfig.PAUSED, false).toJson();
    }

    /** One open stream of a world. */
    static final class Watcher extends ConflatedStream<WorldDetail> {

        Watcher(long userId, SseEventSink sink, Sse sse) {
            super(userId, sink, sse);
        }

        @Override
        protected OutboundSseEvent render(WorldDetail previous, WorldDetail state) {
            if (previous == null) {
                return sse().newEventBuilder().name(SNAPSHOT).data(JsonBinding.toJsonValue(WorldBody.of(state)).toString())
                        .build();
            }
            List<String> changes = changes(previous, state);
            if (changes.isEmpty()) {
                return null;
            }
            JsonArrayBuilder names = JsonBinding.JSON.createArrayBuilder();
            changes.forEach(names::add);
            return sse().newEventBuilder().name(UPDATE).data(JsonBinding.JSON.createObjectBuilder()
                    .add("changes", names).add("world", JsonBinding.toJsonValue(WorldBody.of(state))).build()
                    .toString()).build();
        }

        void deleted(long worldId) {
            endWith(sse().newEventBuilder().name(DELETED).data(JsonBinding.JSON.createObjectBuilder()
                    .add("action", DELETED).add("world_id", worldId).build().toString()).build());
        }
    }
}
