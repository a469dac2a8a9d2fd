/**
 * The use cases of sessions, each as steps over {@code SessionStore} (and {@code SceneStore} for the scene a
 * session walks): start on a scene, walk an edge under a row lock, version-checked PATCH with the turn rule,
 * the event log's retention and its age cleanup, and every answer normalized against the linked world's
 * schemas (compiled once per world and meta version). Uses {@code session.entity}, {@code scene.entity},
 * {@code common} and {@code relationships}, and reads a world's rules and owner through {@code LinkedWorlds}.
 */
package dev.storyworld.session.control;
