/**
 * Live updates (issue #23): the open Server-Sent Event streams of this instance, their bounded buffers,
 * heartbeat, per-user bound and end at shutdown, and how committed changes reach them (in process, and
 * from other instances through PostgreSQL {@code LISTEN/NOTIFY}). What a stream of a session or a world
 * sends is its feature's ({@code sessions.SessionFeed}, {@code worlds.WorldFeed}). Uses {@code http}
 * (problems, JSON), {@code lifecycle} (the drain) and the modules' change announcements.
 */
package dev.storyworld.web.live;
