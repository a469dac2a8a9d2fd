package dev.storyworld.scene.control;

import dev.storyworld.scene.entity.GameScene;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * What sessions may know of scenes: where a session on a scene starts, and the edges it walks. Reads
 * that bypass ownership (anyone may play any scene).
 */
@ApplicationScoped
public class LinkedScenes {

    /** An edge as a walk needs it: which scene it belongs to and which nodes it joins. */
    public record Edge(long id, long sceneId, long fromNodeId, long toNodeId) {
    }

    @Inject
    SceneStore store;

    /** The scene's entry node; empty when there is no such scene or it has no entry. */
    public OptionalLong entryNode(long sceneId) {
        Long entry = store.find(sceneId).map(GameScene::entryNodeId).orElse(null);
        return entry == null ? OptionalLong.empty() : OptionalLong.of(entry);
    }

    public Optional<Edge> edge(long edgeId) {
        return store.edge(edgeId).map(e -> new Edge(e.id(), e.sceneId(), e.fromNodeId(), e.toNodeId()));
    }
}
