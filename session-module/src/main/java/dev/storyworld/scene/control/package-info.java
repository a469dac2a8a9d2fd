/**
 * Scenes created whole from a client's graph ({@code SceneDraft}: keys unique, edges naming existing nodes),
 * read, and deleted only by their creator while no session plays them; each use case as steps over
 * {@code SceneStore}. Uses {@code scene.entity} and {@code common}.
 */
package dev.storyworld.scene.control;
