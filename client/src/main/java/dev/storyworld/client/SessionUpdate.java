package dev.storyworld.client;

/**
 * The outcome of {@link Sessions#update}: the session as committed, and how many PATCHes it took
 * (1 without a conflict; each version conflict with another writer adds one).
 */
public record SessionUpdate(Session session, int attempts) {
}
