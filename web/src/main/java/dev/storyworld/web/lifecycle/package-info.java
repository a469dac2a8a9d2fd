/**
 * The service's life: the readiness probe at {@code /api/v1/ready}, the shutdown drain and the count of
 * requests in flight, and every counter registered at zero when the service starts. Uses {@code http},
 * {@code redis}, {@code security} (a public endpoint) and {@code limits} (the classes it counts).
 */
package dev.storyworld.web.lifecycle;
