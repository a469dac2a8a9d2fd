/**
 * Per-user rate limits by class: a request filter that counts a {@code @RateLimited} resource's call before
 * the body is read, the GCRA bucket, shared through a Redis script with a local fallback, and the IETF
 * RateLimit headers. Uses {@code http}, {@code redis} and {@code security} (the caller).
 */
package dev.storyworld.web.limits;
