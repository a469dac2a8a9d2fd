/**
 * The session aggregate as JPA maps it: a player's session and its event log. Entities only; statements
 * live in {@code session.control}.
 */
package dev.storyworld.session.entity;
