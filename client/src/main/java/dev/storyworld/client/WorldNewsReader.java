package dev.storyworld.client;

import dev.storyworld.client.EventStreamParser.ServerSentEvent;

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
        if ("world_deleted".equals(event.type())) {
            listener.accept(new WorldNews.Deleted(worldId));
            return true;
        }
        listener.accept(new WorldNews.State(World.of(JsonFields.parse(event.data()))));
        return false;
    }

    /** A world stream always starts with the current state: there is nothing to resume. */
    @Override
    public String resumeFrom() {
        return null;
    }

    @Override
    public void disconnected() {
        // Nothing is held back: every state is delivered as it comes.
    }
}
