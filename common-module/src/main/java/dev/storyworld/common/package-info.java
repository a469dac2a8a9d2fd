/**
 * What every module shares, and nothing that belongs to one feature: the refusal services throw
 * ({@link dev.storyworld.common.StoryworldException}, its kind and stable error code, with
 * {@link dev.storyworld.common.Violation}s), the conversion of client-owned JSON documents, the names of
 * the service's metrics, the announcement of a committed change to the live streams ({@link dev.storyworld.common.Changes}), and what differs between PostgreSQL and the embedded H2. May use the Jakarta EE
 * and MicroProfile APIs; uses no other module.
 */
package dev.storyworld.common;
