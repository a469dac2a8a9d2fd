/**
 * The Redis client shared by the instances of a fleet, its circuit breaker (a failing Redis is left alone
 * for a pause, then probed by one request) and its readiness data. Uses {@code common}.
 */
package dev.storyworld.web.redis;
