/**
 * The world aggregate as JPA maps it: {@code game_worlds}, its meta a {@code JsonDocument} stored as JSON
 * text, and its clock row {@code game_world_states}. Entities only; every statement about them is
 * {@code world.control.WorldStore}'s. Uses {@code common}.
 */
package dev.storyworld.world.entity;
