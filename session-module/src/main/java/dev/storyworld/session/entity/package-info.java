/**
 * The session aggregate: a player's session and its event log as JPA maps them (client documents as
 * {@code JsonDocument}s through {@code JsonDocumentConverter}). Entities only; every statement about them,
 * the atomic ones that make concurrent writers safe included, is {@code session.control.SessionStore}'s.
 * Uses {@code common} and the Jakarta EE APIs.
 */
package dev.storyworld.session.entity;
