/**
 * The session aggregate: a player's session and its event log as JPA maps them (client documents as
 * {@code JsonDocument}s through {@code JsonDocumentConverter}), and {@code SessionStore}, which holds every
 * statement on them, the atomic ones that make concurrent writers safe included. Uses {@code common} and the
 * Jakarta EE APIs.
 */
package dev.storyworld.session.entity;
