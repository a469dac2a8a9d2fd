/**
 * The database: the data source (PostgreSQL, or the embedded H2 of a local run), EclipseLink's fail-fast
 * session settings, the Flyway migrations of every module in dependency order, and the readiness check.
 * Uses {@code common}.
 */
package dev.storyworld.web.database;
