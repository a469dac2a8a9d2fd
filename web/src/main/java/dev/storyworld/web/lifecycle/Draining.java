package dev.storyworld.web.lifecycle;

/** Fired when the service starts to drain, before it waits: what keeps requests open ends them now. */
public record Draining() {
}
