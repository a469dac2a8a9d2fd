package dev.storyworld.client;

import dev.storyworld.client.EventStreamParser.ServerSentEvent;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import java.util.List;

import java.util.function.Consumer;

/** Reads a world's stream for one watch: each state as it comes (the server conflates them), then the deletion. */
final class WorldNewsReader implements Watch.Reader {

    private final long worldId;
    private final Consumer<? super WorldNews> listener;

    WorldNewsReader(long worldId, Consumer<? super WorldNews> listener) {
        this.worldId = worldId;
        this.listener = listener;
    }

    @Override
    public boolean read(ServerSentEvent event) {
        switch (event.type()) {
            case "world_deleted" -> {
                deletedMeanwhile();
                return true;
            }
            case "snapshot" -> listener.accept(new WorldNews.State(World.of(JsonFields.parse(event.data())), List.of()));
            case "world_update" -> {
                JsonObject update = JsonFields.parse(event.data());
                List<String> changes = JsonFields.present(update, "changes")
                        ? update.getJsonArray("changes").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList()
                        : List.of();
                listener.accept(new WorldNews.State(World.of(update.getJsonObject("world")), changes));
            }
            default -> {
                // A kind of news this client does not know yet.
            }
        }
        return false;
    }

    /** A world stream always starts with the current state: there is nothing to resume. */
    @Override
    public String resumeFrom() {
        return null;
    }

    @Override
    public void deletedMeanwhile() {
        listener.accept(new WorldNews.Deleted(worldId));
    }

    @Override
    public void disconnected() {
        // Nothing is held back: every state is delivered as it comes.
    }
}
