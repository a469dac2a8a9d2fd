package dev.storyworld.session.control;

import dev.storyworld.common.Changes;
import dev.storyworld.common.Database;
import dev.storyworld.common.ErrorCode;
import dev.storyworld.common.JsonDocument;
import dev.storyworld.common.StoryworldException;
import dev.storyworld.common.Violation;
import dev.storyworld.relationships.Normalization;
import dev.storyworld.relationships.RelationshipRules;
import dev.storyworld.scene.control.LinkedScenes;
import dev.storyworld.session.control.EventDiff.Advanced;
import dev.storyworld.session.control.EventDiff.SessionCreated;
import dev.storyworld.session.control.EventDiff.SessionUpdated;
import dev.storyworld.session.control.EventDiff.WorldTimeChange;
import dev.storyworld.session.entity.PlaySession;
import dev.storyworld.session.entity.PlaySessionEvent;
import dev.storyworld.world.control.LinkedWorlds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Play sessions of one user. Another user's session is indistinguishable from a missing one.
 * Every answer carries the relationships normalized against the linked world's current schemas.
 */
@ApplicationScoped
@Transactional
public class SessionService {

    static final Duration LOCK_WAIT = Duration.ofSeconds(3);

    /**
     * How often one PATCH computes its change again after losing the version race. Each loss means that
     * another write of this session committed meanwhile, so a PATCH among n concurrent writers of a session
     * loses at most n - 1 times; the HTTP thread pool (and the tests' bursts of up to 200 requests) keep n
     * far below this. Beyond it, 409 {@code session_busy}: the session changes faster than it can be
     * written, try again.
     */
    static final int MOST_PATCH_ATTEMPTS = 1_000;

    @Inject
    SessionStore store;

    @Inject
    LinkedScenes scenes;

    @Inject
    CompiledSchemas schemas;

    @Inject
    LinkedWorlds linkedWorlds;

    @Inject
    EventLog log;

    @Inject
    Changes changes;

    public SessionView create(long userId, long sceneId, Long worldId, JsonDocument flags) {
        checkFlags(flags);
        long entryNodeId = scenes.entryNode(sceneId).orElseThrow(SessionService::sceneNotFound);
        if (worldId != null) {
            long owner = linkedWorlds.owner(worldId).orElseThrow(SessionService::worldNotFound);
            if (owner != userId) {
                throw new StoryworldException(ErrorCode.WORLD_ACCESS_DENIED, "You don't have access to this world");
            }
        }
        OffsetDateTime now = now();
        PlaySession session = new PlaySession(userId, sceneId, entryNodeId, worldId,
                flags == null ? JsonDocument.EMPTY : flags, JsonDocument.EMPTY, now);
        try {
            store.add(session);
        } catch (PersistenceException e) {
            // Deleted after the checks above and before this insert, which waited for the delete.
            if (Database.violates(e, "fk_game_sessions_world_id_game_worlds")) {
                throw worldNotFound();
            }
            if (Database.violates(e, "fk_game_sessions_scene") || Database.violates(e, "fk_game_sessions_current_node")) {
                throw sceneNotFound();
            }
            throw e;
        }
        store.append(event(session, entryNodeId, null, new SessionCreated(sceneId)));
        changes.session(session.id(), session.version());
        return view(session);
    }

    public SessionView find(long userId, long sessionId) {
        return view(owned(userId, sessionId));
    }

    /** Newest first; {@code before} is the id the previous page ended with. */
    public List<SessionView> list(long userId, Long before, int limit) {
        // One rules lookup per world of the page, not per session.
        Map<Long, RelationshipRules> rulesByWorld = new HashMap<>();
        return store.page(userId, before, limit).stream()
                .map(s -> view(s, rulesByWorld.computeIfAbsent(s.worldId(), schemas::rulesFor)))
                .toList();
    }

    public void delete(long userId, long sessionId) {
        if (!store.delete(userId, sessionId)) {
            throw notFound();
        }
        changes.sessionDeleted(sessionId);
    }

    /**
     * Moves along an edge of the current node. The session row is locked for the whole step (with
     * a bounded wait), so two advances from the same node cannot both pass.
     */
    public SessionView advance(long userId, long sessionId, long edgeId) {
        PlaySession session;
        try {
            session = store.lockOwned(userId, sessionId, LOCK_WAIT).orElseThrow(SessionService::notFound);
        } catch (PersistenceException e) {
            throw Database.isLockContention(e) ? busy() : e;
        }
        Optional<LinkedScenes.Edge> found = scenes.edge(edgeId);
        LinkedScenes.Edge edge = found
                .filter(e -> e.sceneId() == session.sceneId() && e.fromNodeId() == session.currentNodeId())
                .orElseThrow(() -> invalidEdge(session, edgeId, found));
        PlaySession moved = session.next(edge.toNodeId(), session.worldTime(), session.flags(), session.relationships(),
                now());
        // The row is locked, so the version-checked write cannot lose.
        store.write(moved, event(moved, edge.toNodeId(), edgeId, new Advanced(session.currentNodeId(), edge.toNodeId())));
        log.trim(sessionId, moved.version());
        changes.session(sessionId, moved.version());
        return view(moved);
    }

    /**
     * Replaces world_time, flags and relationships as sent. Nothing changed means no new version
     * and no event. The write is conditional on the version the change was computed from; when it
     * loses a race, the change is computed again on the new state, if the caller's condition still
     * holds there (else 409 with the current session; 404 once the session is gone), at most
     * {@link #MOST_PATCH_ATTEMPTS} times.
     */
    public SessionView patch(long userId, long sessionId, @NotNull @Valid SessionChange change) {
        checkFlags(change.flags());
        for (int attempt = 0; attempt < MOST_PATCH_ATTEMPTS; attempt++) {
            PlaySession stored = owned(userId, sessionId);
            if (!change.expected().matches(stored.version())) {
                throw new VersionConflictException(view(stored));
            }
            Optional<SessionView> written = tryPatch(stored, change);
            if (written.isPresent()) {
                return written.get();
            }
        }
        throw new StoryworldException(ErrorCode.SESSION_BUSY, "Other requests kept changing this session while "
                + MOST_PATCH_ATTEMPTS + " attempts of this change were computed; try again");
    }

    private Optional<SessionView> tryPatch(PlaySession stored, SessionChange change) {
        RelationshipRules rules = schemas.rulesFor(stored.worldId());
        JsonDocument flags = change.flags() != null ? change.flags() : stored.flags();
        double worldTime = change.worldTime() != null ? change.worldTime() : stored.worldTime();
        if (change.worldTime() != null) {
            TurnRule.violation(flags, stored.worldTime(), worldTime).ifPresent(detail -> {
                throw new StoryworldException(ErrorCode.TURN_BASED_VALIDATION_FAILED, detail, List.of());
            });
        }
        JsonDocument storedRelationships = normalized(rules, stored.relationships());
        JsonDocument relationships = change.relationships() != null
                ? normalized(rules, change.relationships()) : storedRelationships;

        SessionUpdated diff = new SessionUpdated(
                worldTime != stored.worldTime() ? new WorldTimeChange(stored.worldTime(), worldTime) : null,
                !flags.same(stored.flags()), !relationships.same(storedRelationships));
        if (diff.none()) {
            return Optional.of(SessionView.of(stored, storedRelationships));
        }
        PlaySession next = stored.next(stored.currentNodeId(), worldTime, flags, relationships, now());
        if (!store.write(next, event(next, null, null, diff))) {
            return Optional.empty();
        }
        log.trim(next.id(), next.version());
        changes.session(next.id(), next.version());
        return Optional.of(SessionView.of(next, relationships));
    }

    public List<EventView> events(long userId, long sessionId, Long before, int limit) {
        owned(userId, sessionId);
        return log.page(sessionId, before, limit);
    }

    /**
     * Each session of {@code afterVersions} as it is now, with the events of its log after that version up to
     * that state, oldest first, at most {@code limit}: what live streams send next, read together (one
     * statement for the sessions, one for their events). A session that is gone has no entry; any user's:
     * a stream checked its owner when it opened. The sessions are read first, so every event up to their
     * versions has committed; a newer one that commits meanwhile waits for the next read.
     */
    public Map<Long, SessionSince> since(Map<Long, Long> afterVersions, int limit) {
        List<PlaySession> read = store.sessions(afterVersions.keySet());
        Map<Long, Long> behind = new HashMap<>();
        read.stream().filter(session -> afterVersions.get(session.id()) < session.version())
                .forEach(session -> behind.put(session.id(), afterVersions.get(session.id())));
        Map<Long, List<EventView>> events = log.after(behind, limit);
        Map<Long, SessionSince> since = new HashMap<>();
        for (PlaySession session : read) {
            List<EventView> logged = events.getOrDefault(session.id(), List.of()).stream()
                    .filter(event -> event.version() <= session.version()).toList();
            since.put(session.id(), new SessionSince(view(session), logged));
        }
        return since;
    }

    private static void checkFlags(JsonDocument flags) {
        List<Violation> violations = flags == null ? List.of() : TurnRule.check(flags);
        if (!violations.isEmpty()) {
            throw new StoryworldException(ErrorCode.INVALID_REQUEST, "The flags are invalid", violations);
        }
    }

    private PlaySession owned(long userId, long sessionId) {
        return store.owned(userId, sessionId).orElseThrow(SessionService::notFound);
    }

    private static PlaySessionEvent event(PlaySession session, Long nodeId, Long edgeId, EventDiff diff) {
        return new PlaySessionEvent(session.id(), session.version(), nodeId, edgeId, diff.action().wireName(), diff.toDocument(),
                session.updatedAt());
    }

    private SessionView view(PlaySession session) {
        return view(session, schemas.rulesFor(session.worldId()));
    }

    private static SessionView view(PlaySession session, RelationshipRules rules) {
        return SessionView.of(session, normalized(rules, session.relationships()));
    }

    private static JsonDocument normalized(RelationshipRules rules, JsonDocument relationships) {
        Normalization normalization = rules.normalize(relationships.fields());
        if (!normalization.valid()) {
            throw new StoryworldException(ErrorCode.INVALID_RELATIONSHIPS, "Relationships are invalid",
                    normalization.violations().stream()
                            .map(v -> new Violation("relationships." + v.field(), v.message())).toList());
        }
        return normalization.relationships();
    }

    private static StoryworldException invalidEdge(PlaySession session, long edgeId, Optional<LinkedScenes.Edge> edge) {
        String why = edge.filter(e -> e.sceneId() == session.sceneId())
                .map(e -> "leaves node " + e.fromNodeId() + ", not the current node")
                .orElse("is not an edge of the session's scene " + session.sceneId());
        return new StoryworldException(ErrorCode.INVALID_EDGE_FOR_CURRENT_NODE, "Edge " + edgeId + " " + why
                + "; the session is at node " + session.currentNodeId(),
                List.of(new Violation("edge_id", "must leave node " + session.currentNodeId())));
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    private static StoryworldException sceneNotFound() {
        return new StoryworldException(ErrorCode.SCENE_NOT_FOUND, "Scene not found");
    }

    private static StoryworldException worldNotFound() {
        return new StoryworldException(ErrorCode.WORLD_NOT_FOUND, "World not found");
    }

    private static StoryworldException notFound() {
        return new StoryworldException(ErrorCode.SESSION_NOT_FOUND, "Session not found");
    }

    private static StoryworldException busy() {
        return new StoryworldException(ErrorCode.SESSION_BUSY, "Another request is changing this session; try again");
    }
}
