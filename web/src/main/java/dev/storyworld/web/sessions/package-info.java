/**
 * The sessions endpoints and their records, with the HTTP side of optimistic locking: {@code If-Match}
 * parsed per RFC 9110 and every session answered with its {@code ETag}. Uses {@code session.control},
 * {@code platform}, {@code security} and {@code limits}.
 */
package dev.storyworld.web.sessions;
