/**
 * Exception mappers: every exception that leaves a resource becomes a {@code Problem}, a 503 when the
 * database cannot be reached, and a logged 500 with the request's id only for a bug. A feature's own
 * exceptions are mapped in its package ({@code sessions.VersionConflictMapper}). Uses {@code http} and
 * {@code common}.
 */
package dev.storyworld.web.problems;
