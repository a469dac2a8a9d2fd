// Starting a session, shared by the scene view and the sessions view.

import { h } from './dom.js';

/** The worlds to offer for linking a session: the first page is enough for a picker. */
export async function worldOptions(api, signal) {
  const page = await api.get('/game/worlds?limit=100', { signal });
  return [h('option', { value: '' }, 'No world'), page.worlds.map((w) => h('option', { value: w.id }, `#${w.id} ${w.name}`))];
}

/** Starts a session on a scene, optionally linked to a world, and opens it. */
export async function startSession(api, signal, sceneId, worldId) {
  const body = { scene_id: sceneId };
  if (worldId) body.world_id = worldId;
  const session = await api.post('/game/sessions', body, { signal });
  location.hash = `#/sessions/${session.id}`;
}
