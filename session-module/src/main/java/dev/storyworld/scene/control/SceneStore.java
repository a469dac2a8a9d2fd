package dev.storyworld.scene.control;

import dev.storyworld.scene.entity.GameScene;
import dev.storyworld.scene.entity.GameSceneEdge;
import dev.storyworld.scene.entity.GameSceneNode;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.util.List;
import java.util.Optional;

/**
 * Every statement on the scene aggregate (a scene, its nodes and its edges), one method each, in the caller's
 * transaction; the store convention of {@code world.control} (package-private, dependent). Sessions see scenes
 * only through {@link LinkedScenes}.
 */
@Dependent
class SceneStore {

    @PersistenceContext(unitName = "storyworld")
    EntityManager em;

    /**
     * Inserts the rows at once, so that they have their ids. The entities are not related by mappings,
     * so EclipseLink cannot order their writes: a scene goes before its nodes, nodes before edges.
     */
    <T> List<T> add(List<T> rows) {
        rows.forEach(em::persist);
        em.flush();
        return rows;
    }

    Optional<GameScene> find(long sceneId) {
        return Optional.ofNullable(em.find(GameScene.class, sceneId));
    }

    /**
     * The scene with its row locked until the transaction ends: a session created meanwhile either
     * committed before, or waits and then fails on its foreign key.
     */
    Optional<GameScene> lock(long sceneId) {
        return Optional.ofNullable(em.find(GameScene.class, sceneId, LockModeType.PESSIMISTIC_WRITE));
    }

    List<GameSceneNode> nodes(long sceneId) {
        return em.createQuery("SELECT n FROM GameSceneNode n WHERE n.sceneId = :scene ORDER BY n.id", GameSceneNode.class)
                .setParameter("scene", sceneId).getResultList();
    }

    List<GameSceneEdge> edges(long sceneId) {
        return em.createQuery("SELECT e FROM GameSceneEdge e WHERE e.sceneId = :scene ORDER BY e.id", GameSceneEdge.class)
                .setParameter("scene", sceneId).getResultList();
    }

    /** From the shared cache after its first read: an edge never changes. */
    Optional<GameSceneEdge> edge(long edgeId) {
        return Optional.ofNullable(em.find(GameSceneEdge.class, edgeId));
    }

    /**
     * Deletes the scene; its nodes and edges go with it (the foreign keys cascade). Flushed here, so that
     * the database's refusal while a session still refers to it fails this call, not the commit.
     */
    void remove(GameScene scene) {
        em.remove(scene);
        em.flush();
    }
}
