/**
 * Scenes created whole from a client's graph ({@code SceneDraft}: keys unique, edges naming existing nodes),
 * read, and deleted only by their creator while no session plays them (the sessions' foreign keys say so);
 * each use case as steps over {@code SceneStore}, which follows the store convention of {@code world.control}
 * (package-private, dependent, beside its service). Sessions see scenes only through {@code LinkedScenes}
 * (a scene's entry node, an edge's ends). Uses {@code scene.entity} and {@code common}.
 */
package dev.storyworld.scene.control;
