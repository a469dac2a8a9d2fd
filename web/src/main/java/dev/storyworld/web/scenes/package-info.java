/**
 * The scenes endpoints and their records: a client's graph in ({@code SceneRequest}), a scene with database
 * ids out ({@code SceneBody}, built by its static {@code of} from a {@code scene.control} value). Uses
 * {@code scene.control}, {@code common} (client documents), {@code http}, {@code security} and
 * {@code limits}.
 */
package dev.storyworld.web.scenes;
