/**
 * The scenes endpoints and their records: a client's graph in, a scene with database ids out. Uses
 * {@code scene.control}, {@code platform}, {@code security} and {@code limits}.
 */
package dev.storyworld.web.scenes;
