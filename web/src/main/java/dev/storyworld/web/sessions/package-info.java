/**
 * The sessions endpoints and their records: request bodies ({@code SessionRequests}) and answers, each a
 * {@code ...Body} record built by its static {@code of} from a {@code session.control} value, with the HTTP
 * side of optimistic locking: {@code If-Match} parsed per RFC 9110 and every session answered with its
 * {@code ETag}; {@code VersionConflictMapper} answers a stale version with the current session. Uses {@code session.control}, {@code common} (client documents), {@code http},
 * {@code security} and {@code limits}.
 */
package dev.storyworld.web.sessions;
