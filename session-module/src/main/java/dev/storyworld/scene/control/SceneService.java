package dev.storyworld.scene.control;

import dev.storyworld.common.ErrorCode;
import dev.storyworld.common.StoryworldException;
import dev.storyworld.scene.entity.GameScene;
import dev.storyworld.scene.entity.GameSceneEdge;
import dev.storyworld.scene.entity.GameSceneNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Scene graphs: created whole, read by anyone, deleted only by their creator and only when unused. */
@ApplicationScoped
@Transactional
public class SceneService {

    @PersistenceContext(unitName = "storyworld")
    EntityManager em;

    public SceneView create(long userId, @NotNull @Valid SceneDraft draft) {
        List<dev.storyworld.common.Violation> violations = draft.graphViolations();
        if (!violations.isEmpty()) {
            throw new StoryworldException(ErrorCode.INVALID_REQUEST, "The scene graph is inconsistent", violations);
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        GameScene scene = new GameScene(userId, draft.title(), draft.description(), draft.metaJson(), now);
        em.persist(scene);
        em.flush();
        Map<String, Long> nodeIds = new HashMap<>();
        for (SceneDraft.Node node : draft.nodes()) {
            GameSceneNode stored = new GameSceneNode(scene.id(), node.key(), node.assetId(), node.label(),
                    node.loopable(), node.skippable(), node.revealChoicesAtSec(), node.metaJson(), now);
            em.persist(stored);
            nodeIds.put(node.key(), stored.id());
        }
        // The entity classes are not related by mappings, so EclipseLink cannot order their writes:
        // the nodes go out first, then the edges and the entry that refer to them.
        em.flush();
        for (SceneDraft.Edge edge : draft.edges()) {
            em.persist(new GameSceneEdge(scene.id(), nodeIds.get(edge.from()), nodeIds.get(edge.to()),
                    edge.choiceLabel(), edge.weight(), edge.revealAtSec(), edge.cooldownSec(),
                    edge.conditionsJson(), edge.effectsJson(), now));
        }
        scene.enterAt(nodeIds.get(draft.entry()));
        em.flush();
        return find(scene.id());
    }

    public SceneView find(long sceneId) {
        GameScene scene = load(sceneId);
        List<SceneView.Node> nodes = em.createQuery(
                        "SELECT n FROM GameSceneNode n WHERE n.sceneId = :scene ORDER BY n.id", GameSceneNode.class)
                .setParameter("scene", sceneId)
                .getResultStream()
                .map(n -> new SceneView.Node(n.id(), n.key(), n.label(), n.assetId(), n.loopable(), n.skippable(),
                        n.revealChoicesAtSec(), n.meta()))
                .toList();
        List<SceneView.Edge> edges = em.createQuery(
                        "SELECT e FROM GameSceneEdge e WHERE e.sceneId = :scene ORDER BY e.id", GameSceneEdge.class)
                .setParameter("scene", sceneId)
                .getResultStream()
                .map(e -> new SceneView.Edge(e.id(), e.fromNodeId(), e.toNodeId(), e.choiceLabel(), e.weight(),
                        e.revealAtSec(), e.cooldownSec(), e.conditions(), e.effects()))
                .toList();
        return new SceneView(scene.id(), scene.title(), scene.description(), scene.entryNodeId(), scene.meta(),
                nodes, edges);
    }

    public void delete(long userId, long sceneId) {
        GameScene scene = load(sceneId);
        if (scene.createdBy() != userId) {
            throw notFound();
        }
        // Takes the scene's row lock first, so a session created concurrently either commits before
        // this check sees it or waits and then fails on its foreign key.
        em.createNativeQuery("SELECT id FROM game_scenes WHERE id = ?1 FOR UPDATE").setParameter(1, sceneId)
                .getResultList();
        boolean inUse = !em.createNativeQuery("SELECT 1 FROM game_sessions WHERE scene_id = ?1")
                .setParameter(1, sceneId).setMaxResults(1).getResultList().isEmpty();
        if (inUse) {
            throw new StoryworldException(ErrorCode.SCENE_IN_USE,
                    "Sessions are still playing this scene");
        }
        em.remove(scene);
    }

    GameScene load(long sceneId) {
        GameScene scene = em.find(GameScene.class, sceneId);
        if (scene == null) {
            throw notFound();
        }
        return scene;
    }

    static StoryworldException notFound() {
        return new StoryworldException(ErrorCode.SCENE_NOT_FOUND, "Scene not found");
    }
}
