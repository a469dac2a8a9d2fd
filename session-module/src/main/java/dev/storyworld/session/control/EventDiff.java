package dev.storyworld.session.control;

import dev.storyworld.common.JsonDocument;

import java.math.BigDecimal;
import java.util.Map;

/**
 * What an event of a session's log changed, one record per {@link EventAction}, each rendered to the
 * diff document the API answers with and the log stores ({@link #toDocument}) and read back from it
 * ({@link #read}). The event list answers these; a stream of live updates can publish the same.
 */
public sealed interface EventDiff {

    EventAction action();

    JsonDocument toDocument();

    /** The diff a stored event holds, by its action. */
    static EventDiff read(EventAction action, JsonDocument diff) {
        return switch (action) {
            case SESSION_CREATED -> new SessionCreated(id(diff, SessionCreated.SCENE_ID));
            case ADVANCE -> new Advanced(id(diff, Advanced.FROM), id(diff, Advanced.TO));
            case SESSION_UPDATE -> new SessionUpdated(
                    diff.get(SessionUpdated.WORLD_TIME) instanceof Map<?, ?> time
                            ? new WorldTimeChange(number(time.get(WorldTimeChange.OLD)), number(time.get(WorldTimeChange.NEW)))
                            : null,
                    diff.has(SessionUpdated.FLAGS), diff.has(SessionUpdated.RELATIONSHIPS));
        };
    }

    /** {@code {"scene_id"}}: the scene the session started on. */
    record SessionCreated(long sceneId) implements EventDiff {

        private static final String SCENE_ID = "scene_id";

        @Override
        public EventAction action() {
            return EventAction.SESSION_CREATED;
        }

        @Override
        public JsonDocument toDocument() {
            return JsonDocument.builder().put(SCENE_ID, sceneId).build();
        }
    }

    /** {@code {"from_node_id", "to_node_id"}}: the edge walked, by its ends. */
    record Advanced(long fromNodeId, long toNodeId) implements EventDiff {

        private static final String FROM = "from_node_id";
        private static final String TO = "to_node_id";

        @Override
        public EventAction action() {
            return EventAction.ADVANCE;
        }

        @Override
        public JsonDocument toDocument() {
            return JsonDocument.builder().put(FROM, fromNodeId).put(TO, toNodeId).build();
        }
    }

    /**
     * What a PATCH changed, each key present only when its part changed: {@code {"world_time": {"old",
     * "new"}, "flags_updated": true, "relationships_updated": true}}.
     *
     * @param worldTime null when world_time stayed
     */
    record SessionUpdated(WorldTimeChange worldTime, boolean flagsUpdated, boolean relationshipsUpdated)
            implements EventDiff {

        private static final String WORLD_TIME = "world_time";
        private static final String FLAGS = "flags_updated";
        private static final String RELATIONSHIPS = "relationships_updated";

        /** Whether the PATCH changed nothing, and so writes no version and no event. */
        public boolean none() {
            return worldTime == null && !flagsUpdated && !relationshipsUpdated;
        }

        @Override
        public EventAction action() {
            return EventAction.SESSION_UPDATE;
        }

        @Override
        public JsonDocument toDocument() {
            JsonDocument.Builder diff = JsonDocument.builder();
            if (worldTime != null) {
                diff.put(WORLD_TIME, worldTime.toDocument());
            }
            if (flagsUpdated) {
                diff.put(FLAGS, true);
            }
            if (relationshipsUpdated) {
                diff.put(RELATIONSHIPS, true);
            }
            return diff.build();
        }
    }

    /** A session's world_time before and after a PATCH. */
    record WorldTimeChange(double before, double after) {

        private static final String OLD = "old";
        private static final String NEW = "new";

        /** Written as JSON-P writes a double (BigDecimal.valueOf), so a stored diff reads back the same. */
        JsonDocument toDocument() {
            return JsonDocument.builder().put(OLD, BigDecimal.valueOf(before)).put(NEW, BigDecimal.valueOf(after)).build();
        }
    }

    private static long id(JsonDocument diff, String key) {
        return ((Number) diff.get(key)).longValue();
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }
}
