/**
 * The world aggregate as JPA maps it: {@code game_worlds} and its clock row {@code game_world_states}.
 * Entities only; every statement about them lives in {@code world.control}. Uses {@code common}.
 */
package dev.storyworld.world.entity;
