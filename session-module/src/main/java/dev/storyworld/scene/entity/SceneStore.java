package dev.storyworld.scene.entity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.util.List;
import java.util.Optional;

/** Every statement on the scene aggregate: a scene, its nodes and its edges. */
@ApplicationScoped
public class SceneStore {

    @PersistenceContext(unitName = "storyworld")
    EntityManager em;

    /**
     * Inserts the rows at once, so that they have their ids. The entities are not related by mappings,
     * so EclipseLink cannot order their writes: a scene goes before its nodes, nodes before edges.
     */
    public <T> List<T> add(List<T> rows) {
        rows.forEach(em::persist);
        em.flush();
        return rows;
    }

    public Optional<GameScene> find(long sceneId) {
        return Optional.ofNullable(em.find(GameScene.class, sceneId));
    }

    /**
     * The scene with its row locked until the transaction ends: a session created meanwhile either
     * committed before, or waits and then fails on its foreign key.
     */
    public Optional<GameScene> lock(long sceneId) {
        return Optional.ofNullable(em.find(GameScene.class, sceneId, LockModeType.PESSIMISTIC_WRITE));
    }

    public List<GameSceneNode> nodes(long sceneId) {
        return em.createQuery("SELECT n FROM GameSceneNode n WHERE n.sceneId = :scene ORDER BY n.id", GameSceneNode.class)
                .setParameter("scene", sceneId).getResultList();
    }

    public List<GameSceneEdge> edges(long sceneId) {
        return em.createQuery("SELECT e FROM GameSceneEdge e WHERE e.sceneId = :scene ORDER BY e.id", GameSceneEdge.class)
                .setParameter("scene", sceneId).getResultList();
    }

    public Optional<GameSceneEdge> edge(long edgeId) {
        return Optional.ofNullable(em.find(GameSceneEdge.class, edgeId));
    }

    /** Whether a session plays the scene; read by SQL, because sessions depend on scenes and not the other way. */
    public boolean inUse(long sceneId) {
        return !em.createNativeQuery("SELECT 1 FROM game_sessions WHERE scene_id = ?1")
                .setParameter(1, sceneId).setMaxResults(1).getResultList().isEmpty();
    }

    /** Its nodes and edges go with it (the foreign keys cascade). */
    public void remove(GameScene scene) {
        em.remove(scene);
    }
}
