package dev.storyworld.client;

import java.util.concurrent.CompletableFuture;

import static dev.storyworld.client.Calls.join;

/** {@code /api/v1/game/scenes}: scene graphs, created whole. */
public final class Scenes {

    private static final String SCENES = "api/v1/game/scenes";

    private final Transport transport;

    Scenes(Transport transport) {
        this.transport = transport;
    }

    /** Creates the whole graph in one request; answers it with database ids. */
    public CompletableFuture<Scene> createAsync(SceneDraft draft) {
        return transport.call(Request.post(SCENES, draft.json()), Scene::of);
    }

    public Scene create(SceneDraft draft) {
        return join(createAsync(draft));
    }

    public CompletableFuture<Scene> getAsync(long sceneId) {
        return transport.call(Request.get(SCENES + "/" + sceneId), Scene::of);
    }

    public Scene get(long sceneId) {
        return join(getAsync(sceneId));
    }

    /** Only by its creator; 409 {@code scene_in_use} while a session plays it. */
    public CompletableFuture<Void> deleteAsync(long sceneId) {
        return transport.call(Request.delete(SCENES + "/" + sceneId), json -> null);
    }

    public void delete(long sceneId) {
        join(deleteAsync(sceneId));
    }
}
