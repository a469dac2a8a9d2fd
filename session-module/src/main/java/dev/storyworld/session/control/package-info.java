/**
 * The use cases of sessions, each as steps over {@code SessionStore} (the store convention of
 * {@code world.control}: package-private, dependent, beside its service): start on a scene, walk an edge under a
 * row lock, version-checked PATCH with the turn rule (retried a bounded number of times), the event log's
 * retention and its age cleanup, and every answer normalized against the linked world's schemas (compiled
 * once per world and meta version). The log's entries are typed: an {@code EventAction} and its
 * {@code EventDiff} record, which render to the documents the API answers with, for the event list and for
 * any other publisher of session events. Uses {@code session.entity}, {@code common} and
 * {@code relationships}, and reads a world's rules and owner through {@code LinkedWorlds}, a scene's entry
 * node and edges through {@code LinkedScenes}.
 */
package dev.storyworld.session.control;
