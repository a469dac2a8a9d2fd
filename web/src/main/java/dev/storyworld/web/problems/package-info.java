/**
 * The one error shape: every exception that leaves a resource becomes an RFC 9457 problem with a stable
 * {@code error} code, a 503 when the database cannot be reached, and a logged 500 with the request's id only
 * for a bug.
 */
package dev.storyworld.web.problems;
