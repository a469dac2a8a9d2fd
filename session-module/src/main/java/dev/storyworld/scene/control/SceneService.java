package dev.storyworld.scene.control;

import dev.storyworld.common.Database;
import dev.storyworld.common.ErrorCode;
import dev.storyworld.common.StoryworldException;
import dev.storyworld.common.Violation;
import dev.storyworld.scene.entity.GameScene;
import dev.storyworld.scene.entity.GameSceneEdge;
import dev.storyworld.scene.entity.GameSceneNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Scene graphs: created whole, read by anyone, deleted only by their creator and only when unused. */
@ApplicationScoped
@Transactional
public class SceneService {

    @Inject
    SceneStore store;

    /** The scene, then its nodes, then the edges and the entry that refer to the nodes' new ids. */
    public SceneView create(long userId, @NotNull @Valid SceneDraft draft) {
        List<Violation> violations = draft.graphViolations();
        if (!violations.isEmpty()) {
            throw new StoryworldException(ErrorCode.INVALID_REQUEST, "The scene graph is inconsistent", violations);
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        GameScene scene = new GameScene(userId, draft.title(), draft.description(), draft.meta(), now);
        store.add(List.of(scene));
        List<GameSceneNode> nodes = store.add(draft.nodes().stream()
                .map(n -> new GameSceneNode(scene.id(), n.key(), n.assetId(), n.label(), n.loopable(), n.skippable(),
                        n.revealChoicesAtSec(), n.meta(), now))
                .toList());
        Map<String, Long> nodeIds = nodes.stream().collect(Collectors.toMap(GameSceneNode::key, GameSceneNode::id));
        List<GameSceneEdge> edges = store.add(draft.edges().stream()
                .map(e -> new GameSceneEdge(scene.id(), nodeIds.get(e.from()), nodeIds.get(e.to()), e.choiceLabel(),
                        e.weight(), e.revealAtSec(), e.cooldownSec(), e.conditions(), e.effects(), now))
                .toList());
        scene.enterAt(nodeIds.get(draft.entry()));
        return SceneView.of(scene, nodes, edges);
    }

    public SceneView find(long sceneId) {
        GameScene scene = store.find(sceneId).orElseThrow(SceneService::notFound);
        return SceneView.of(scene, store.nodes(sceneId), store.edges(sceneId));
    }

    /**
     * Whether sessions still play the scene is the database's to say: their foreign keys refuse the
     * delete, so no session can start on it in between (this module knows nothing of sessions' tables).
     * Under the scene's row lock, so that a concurrent delete of it waits and then finds it gone.
     */
    public void delete(long userId, long sceneId) {
        GameScene scene = store.lock(sceneId).filter(s -> s.createdBy() == userId).orElseThrow(SceneService::notFound);
        try {
            store.remove(scene);
        } catch (PersistenceException e) {
            if (Database.isStillReferenced(e)) {
                throw new StoryworldException(ErrorCode.SCENE_IN_USE, "Sessions are still playing this scene");
            }
            throw e;
        }
    }

    static StoryworldException notFound() {
        return new StoryworldException(ErrorCode.SCENE_NOT_FOUND, "Scene not found");
    }
}
