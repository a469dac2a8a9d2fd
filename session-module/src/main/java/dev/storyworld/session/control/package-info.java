/**
 * The use cases of sessions: start on a scene, walk an edge under a row lock, version-checked PATCH with the
 * turn rule, the event log with its retention and cleanup, and every answer normalized against the linked
 * world's schemas (compiled once per world and meta version). Uses {@code session.entity},
 * {@code scene.entity}, {@code common} and {@code relationships}, and reads a world's rules and owner.
 */
package dev.storyworld.session.control;
