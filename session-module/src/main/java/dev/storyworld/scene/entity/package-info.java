/**
 * The scene aggregate as JPA maps it: a scene, its nodes and its edges. The module is named for sessions,
 * which are most of it, but scenes live here too because a session is a walk through a scene and the two
 * are read together. Entities only; statements live in {@code scene.control}.
 */
package dev.storyworld.scene.entity;
