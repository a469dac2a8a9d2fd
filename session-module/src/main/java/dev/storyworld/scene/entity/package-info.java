/**
 * The scene aggregate: a scene, its nodes and its edges as JPA maps them, their documents stored through
 * converters (meta as a {@code JsonDocument} or null, conditions and effects as any JSON value). Entities
 * only; every statement about them is {@code scene.control.SceneStore}'s. The module is named for sessions,
 * which are most of it, but scenes live here too because a session is a walk through a scene and the two are
 * read together. Uses {@code common} and the Jakarta EE APIs.
 */
package dev.storyworld.scene.entity;
