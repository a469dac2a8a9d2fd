/**
 * Per-user rate limits by class: a name-bound request filter that counts before the body is read, the GCRA
 * bucket, shared through a Redis script with a local fallback, and the IETF RateLimit headers. Uses
 * {@code platform} (Redis) and {@code security} (the caller).
 */
package dev.storyworld.web.limits;
