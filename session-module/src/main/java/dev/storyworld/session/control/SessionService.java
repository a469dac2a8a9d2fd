package dev.storyworld.session.control;

import dev.storyworld.common.ErrorCode;
import dev.storyworld.common.Database;
import dev.storyworld.common.JsonDocuments;
import dev.storyworld.common.StoryworldException;
import dev.storyworld.relationships.Normalization;
import dev.storyworld.relationships.RelationshipRules;
import dev.storyworld.common.Violation;
import dev.storyworld.scene.entity.GameScene;
import dev.storyworld.scene.entity.GameSceneEdge;
import dev.storyworld.session.entity.PlaySession;
import dev.storyworld.world.control.LinkedWorlds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

    /** The write of a PATCH, conditional on the version it was computed from. */
    private static final String WRITE = """
            UPDATE game_sessions SET world_time = ?1, flags = ?2, relationships = ?3, version = version + 1,
                   updated_at = ?4 WHERE id = ?5 AND version = ?6""";

    @PersistenceContext(unitName = "storyworld")
    EntityManager em;

    @Inject
    CompiledSchemas schemas;

    @Inject
    LinkedWorlds linkedWorlds;

    @Inject
    EventLog events;

    @Inject
    Database database;

    public SessionView create(long userId, long sceneId, Long worldId, Map<String, Object> flags) {
        checkFlags(flags);
        GameScene scene = em.find(GameScene.class, sceneId);
        if (scene == null || scene.entryNodeId() == null) {
            throw sceneNotFound();
        }
        if (worldId != null) {
            long owner = linkedWorlds.owner(worldId).orElseThrow(SessionService::worldNotFound);
            if (owner != userId) {
                throw new StoryworldException(ErrorCode.WORLD_ACCESS_DENIED,
                        "You don't have access to this world");
            }
        }
        OffsetDateTime now = now();
        PlaySession session = new PlaySession(userId, sceneId, scene.entryNodeId(), worldId,
                JsonDocuments.write(flags), JsonDocuments.write(Map.of()), now);
        em.persist(session);
        try {
            em.flush();
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
        events.record(session.id(), session.version(), "session_created", scene.entryNodeId(), null,
                Map.of("scene_id", sceneId), now);
        return view(session);
    }

    public SessionView find(long userId, long sessionId) {
        return view(owned(userId, sessionId, LockModeType.NONE));
    }

    /** Newest first; {@code before} is the id the previous page ended with. */
    public List<SessionView> list(long userId, Long before, int limit) {
        List<PlaySession> sessions = em.createQuery("SELECT s FROM PlaySession s WHERE s.userId = :user AND s.id < :before"
                        + " ORDER BY s.id DESC", PlaySession.class)
                .setParameter("user", userId)
                .setParameter("before", before == null ? Long.MAX_VALUE : before)
                .setMaxResults(limit)
                .getResultList();
        // One rules lookup per world of the page, not per session.
        Map<Long, RelationshipRules> rulesByWorld = new HashMap<>();
        return sessions.stream()
                .map(s -> view(s, rulesByWorld.computeIfAbsent(s.worldId(), schemas::rulesFor)))
                .toList();
    }

    public void delete(long userId, long sessionId) {
        int deleted = em.createNativeQuery("DELETE FROM game_sessions WHERE id = ?1 AND user_id = ?2")
                .setParameter(1, sessionId).setParameter(2, userId).executeUpdate();
        if (deleted == 0) {
            throw notFound();
        }
    }

    /**
     * Moves along an edge of the current node. The session row is locked for the whole step (with
     * a bounded wait), so two advances from the same node cannot both pass.
     */
    public SessionView advance(long userId, long sessionId, long edgeId) {
        PlaySession session;
        try {
            database.limitLockWait(em, LOCK_WAIT);
            session = owned(userId, sessionId, LockModeType.PESSIMISTIC_WRITE);
        } catch (PersistenceException e) {
            throw Database.isLockContention(e) ? busy() : e;
        }
        GameSceneEdge edge = em.find(GameSceneEdge.class, edgeId);
        if (edge == null || edge.sceneId() != session.sceneId() || edge.fromNodeId() != session.currentNodeId()) {
            String why = edge == null || edge.sceneId() != session.sceneId()
                    ? "is not an edge of the session's scene " + session.sceneId()
                    : "leaves node " + edge.fromNodeId() + ", not the current node";
            throw new StoryworldException(ErrorCode.INVALID_EDGE_FOR_CURRENT_NODE, "Edge " + edgeId + " " + why
                    + "; the session is at node " + session.currentNodeId(),
                    List.of(new Violation("edge_id", "must leave node " + session.currentNodeId())));
        }
        OffsetDateTime now = now();
        Map<String, Object> diff = new LinkedHashMap<>();
        diff.put("from_node_id", session.currentNodeId());
        diff.put("to_node_id", edge.toNodeId());
        session.moveTo(edge.toNodeId(), now);
        events.record(sessionId, session.version(), "advance", edge.toNodeId(), edgeId, diff, now);
        return view(session);
    }

    /**
     * Replaces world_time, flags and relationships as sent. Nothing changed means no new version
     * and no event. The write is conditional on the version the change was computed from; when it
     * loses a race, the change is computed again on the new state, if the caller's condition still
     * holds there (else 409 with the current session; 404 once the session is gone).
     */
    public SessionView patch(long userId, long sessionId, @NotNull @Valid SessionChange change) {
        checkFlags(change.flags());
        while (true) {
            PlaySession stored = owned(userId, sessionId, LockModeType.NONE);
            if (!change.expected().matches(stored.version())) {
                throw new VersionConflictException(view(stored));
            }
            Optional<SessionView> written = tryPatch(stored, change);
            if (written.isPresent()) {
                return written.get();
            }
            em.detach(stored);
        }
    }

    private static void checkFlags(Map<String, Object> flags) {
        List<Violation> violations = TurnRule.check(flags);
        if (!violations.isEmpty()) {
            throw new StoryworldException(ErrorCode.INVALID_REQUEST, "The flags are invalid", violations);
        }
    }

    private Optional<SessionView> tryPatch(PlaySession stored, SessionChange change) {
        RelationshipRules rules = schemas.rulesFor(stored.worldId());
        Map<String, Object> storedFlags = JsonDocuments.read(stored.flags());
        Map<String, Object> flags = change.flags() != null ? change.flags() : storedFlags;
        double worldTime = change.worldTime() != null ? change.worldTime() : stored.worldTime();
        if (change.worldTime() != null) {
            TurnRule.violation(flags, stored.worldTime(), worldTime).ifPresent(detail -> {
                throw new StoryworldException(ErrorCode.TURN_BASED_VALIDATION_FAILED, detail, List.of());
            });
        }
        Map<String, Object> storedRelationships = normalized(rules, JsonDocuments.read(stored.relationships()));
        Map<String, Object> relationships = change.relationships() != null
                ? normalized(rules, change.relationships()) : storedRelationships;

        Map<String, Object> diff = new LinkedHashMap<>();
        if (worldTime != stored.worldTime()) {
            Map<String, Object> time = new LinkedHashMap<>();
            time.put("old", stored.worldTime());
            time.put("new", worldTime);
            diff.put("world_time", time);
        }
        if (!JsonDocuments.same(flags, storedFlags)) {
            diff.put("flags_updated", true);
        }
        if (!JsonDocuments.same(relationships, storedRelationships)) {
            diff.put("relationships_updated", true);
        }
        if (diff.isEmpty()) {
            return Optional.of(view(stored, rules));
        }
        OffsetDateTime now = now();
        int written = em.createNativeQuery(WRITE)
                .setParameter(1, worldTime)
                .setParameter(2, JsonDocuments.write(flags))
                .setParameter(3, JsonDocuments.write(relationships))
                .setParameter(4, now)
                .setParameter(5, stored.id())
                .setParameter(6, stored.version())
                .executeUpdate();
        if (written == 0) {
            return Optional.empty();
        }
        events.record(stored.id(), stored.version() + 1, "session_update", null, null, diff, now);
        return Optional.of(new SessionView(stored.id(), stored.userId(), stored.sceneId(), stored.currentNodeId(),
                stored.worldId(), flags, relationships, worldTime, stored.version() + 1,
                stored.createdAt().toInstant(), now.toInstant()));
    }

    public List<EventLog.Event> events(long userId, long sessionId, Long before, int limit) {
        owned(userId, sessionId, LockModeType.NONE);
        return events.page(sessionId, before, limit);
    }

    private PlaySession owned(long userId, long sessionId, LockModeType lock) {
        return em.createQuery("SELECT s FROM PlaySession s WHERE s.id = :id AND s.userId = :user", PlaySession.class)
                .setParameter("id", sessionId)
                .setParameter("user", userId)
                .setLockMode(lock)
                .getResultStream().findFirst()
                .orElseThrow(SessionService::notFound);
    }

    private SessionView view(PlaySession session) {
        return view(session, schemas.rulesFor(session.worldId()));
    }

    private SessionView view(PlaySession session, RelationshipRules rules) {
        return new SessionView(session.id(), session.userId(), session.sceneId(), session.currentNodeId(),
                session.worldId(), JsonDocuments.read(session.flags()),
                normalized(rules, JsonDocuments.read(session.relationships())), session.worldTime(),
                session.version(), session.createdAt().toInstant(), session.updatedAt().toInstant());
    }

    private static Map<String, Object> normalized(RelationshipRules rules, Map<String, Object> relationships) {
        Normalization normalization = rules.normalize(relationships);
        if (!normalization.valid()) {
            throw new StoryworldException(ErrorCode.INVALID_RELATIONSHIPS, "Relationships are invalid",
                    normalization.violations().stream()
                            .map(v -> new Violation("relationships." + v.field(), v.message())).toList());
        }
        return normalization.relationships();
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
        return new StoryworldException(ErrorCode.SESSION_BUSY,
                "Another request is changing this session; try again");
    }
}
