package dev.storyworld.client.example;

import dev.storyworld.client.DevTokens;
import dev.storyworld.client.Scene;
import dev.storyworld.client.SceneDraft;
import dev.storyworld.client.Session;
import dev.storyworld.client.SessionChange;
import dev.storyworld.client.SessionDraft;
import dev.storyworld.client.StoryworldClient;
import dev.storyworld.client.World;
import jakarta.json.Json;

import java.net.URI;

/**
 * The example of the README and docs/client.md, kept here so that the build compiles it and ClientIT
 * runs it against a real service. Run it against a local service: {@code main http://localhost:8080}.
 */
public final class UseItFromJava {

    private UseItFromJava() {
    }

    public static void main(String[] args) {
        Session session = walk(URI.create(args.length > 0 ? args[0] : "http://localhost:8080"), 42);
        System.out.println(session.npc(12).orElseThrow());
    }

    public static Session walk(URI service, long userId) {
        String token = DevTokens.mint(service, userId);  // dev tokens: local runs only
        try (StoryworldClient storyworld = StoryworldClient.builder(service).token(() -> token).build()) {
            World world = storyworld.worlds().create("Harbor Town");
            Scene scene = storyworld.scenes().create(SceneDraft.titled("The pier")
                    .node("pier", "At the pier").node("inn", "The inn")
                    .edge("pier", "inn", "Walk to the inn").build());
            Session session = storyworld.sessions().create(SessionDraft.onScene(scene.id()).inWorld(world.id()));
            Scene.Edge toInn = scene.edgesFrom(session.currentNodeId()).get(0);
            session = storyworld.sessions().advance(session.id(), toInn.id());
            // Re-applied to the newest session on a version conflict: nobody's update is lost.
            return storyworld.sessions().update(session.id(), current -> SessionChange.relationships(
                    Json.createObjectBuilder(current.relationships())
                            .add("npc:12", Json.createObjectBuilder().add("affinity", 72).add("trust", 55))
                            .build())).session();
        }
    }
}
