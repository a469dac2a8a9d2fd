/**
 * What every request and the running service rely on: the request body policy and JSON binding, request
 * ids, paging cursors, the data source and its migration, Redis with its circuit breaker, readiness checks,
 * the shutdown drain and the committed OpenAPI document. Uses {@code common}, {@code problems} (the shape
 * of its refusals) and {@code limits} (the classes whose counters it registers).
 */
package dev.storyworld.web.platform;
