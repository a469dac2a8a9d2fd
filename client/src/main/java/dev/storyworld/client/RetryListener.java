package dev.storyworld.client;

import java.time.Duration;

/** Told of every retry the client schedules (for logs and metrics); runs on a client thread, must not block. */
@FunctionalInterface
public interface RetryListener {

    /**
     * @param request  method and path, e.g. {@code PATCH api/v1/game/sessions/31}
     * @param attempt  the attempt that failed, 1-based
     * @param delay    the wait before the next attempt
     * @param cause    what the failed attempt got
     */
    void retrying(String request, int attempt, Duration delay, StoryworldException cause);

    RetryListener NONE = (request, attempt, delay, cause) -> { };
}
