// Scenes: create one from a JSON editor, open one by id, see its graph and start a session on it.

import { ApiError } from './api.js';
import { field, h, markFields, parseObject, pretty, violationList } from './dom.js';
import { graphViewer } from './graph.js';
import { startSession, worldOptions } from './launch.js';

// The API has no list of scenes; the ones this tab created or opened are remembered for the tab.
const RECENT_KEY = 'storyworld.console.scenes';

export const SCENE_TEMPLATE = {
  title: 'The harbor at dusk',
  description: 'A short walk with two choices at every step',
  entry: 'pier',
  nodes: [
    { key: 'pier', label: 'On the pier' },
    { key: 'market', label: 'The fish market' },
    { key: 'lighthouse', label: 'The lighthouse' },
    { key: 'tavern', label: 'The Salty Gull' },
  ],
  edges: [
    { from: 'pier', to: 'market', choice_label: 'Follow the smell of fish' },
    { from: 'pier', to: 'lighthouse', choice_label: 'Walk to the light' },
    { from: 'market', to: 'tavern', choice_label: 'Have a drink' },
    { from: 'lighthouse', to: 'tavern', choice_label: 'Go back to town' },
    { from: 'tavern', to: 'pier', choice_label: 'Sleep it off on the pier' },
  ],
};

function recentScenes() {
  return JSON.parse(sessionStorage.getItem(RECENT_KEY) || '[]');
}

export function rememberScene(scene) {
  const recent = [{ id: scene.id, title: scene.title }, ...recentScenes().filter((s) => s.id !== scene.id)].slice(0, 20);
  sessionStorage.setItem(RECENT_KEY, JSON.stringify(recent));
}

export function scenesView(root, { api, latest, showError }) {
  const editor = h('textarea', { id: 'scene-editor', rows: 22, spellcheck: 'false' });
  editor.value = pretty(SCENE_TEMPLATE);
  const errors = h('div', { id: 'scene-errors' });
  const openId = h('input', { id: 'scene-open-id', type: 'number', min: 1, step: 1, required: true });
  const recent = recentScenes();
  root.append(
    h('h2', {}, 'Scenes'),
    h('div', { class: 'grid' },
      h('section', { class: 'card', 'aria-labelledby': 'scene-create-h' },
        h('h3', { id: 'scene-create-h' }, 'Create a scene'),
        field('Scene (JSON: title, entry, nodes, edges)', editor),
        h('div', { class: 'buttons' },
          h('button', { type: 'button', id: 'scene-create', onclick: async () => {
            errors.replaceChildren();
            try {
              const scene = await api.post('/game/scenes', parseObject(editor.value, 'The scene'), { signal: latest('create') });
              rememberScene(scene);
              location.hash = `#/scenes/${scene.id}`;
            } catch (error) {
              if (error instanceof ApiError && error.violations.length) errors.append(violationList('scene-violations', error));
              showError(error);
            }
          } }, 'Create scene'),
          h('button', { type: 'button', onclick: () => { editor.value = pretty(SCENE_TEMPLATE); } }, 'Reset to the template')),
        errors),
      h('section', { class: 'card', 'aria-labelledby': 'scene-open-h' },
        h('h3', { id: 'scene-open-h' }, 'Open a scene'),
        h('form', { class: 'inline', onsubmit: (event) => {
          event.preventDefault();
          location.hash = `#/scenes/${openId.value}`;
        } }, field('Scene id', openId), h('button', { type: 'submit' }, 'Open')),
        recent.length
          ? h('ul', { id: 'recent-scenes' }, recent.map((s) => h('li', {}, h('a', { href: `#/scenes/${s.id}` }, `#${s.id} ${s.title}`))))
          : h('p', {}, 'Scenes you create or open in this tab are listed here.'))));
}

export async function sceneDetail(root, { api, signal, showError }, id) {
  const scene = await api.get(`/game/scenes/${id}`, { signal });
  rememberScene(scene);
  const world = h('select', { id: 'start-world', 'data-field': 'world_id' }, await worldOptions(api, signal));
  const graphBox = h('div', { class: 'graph-box', id: 'scene-graph' });
  const graph = graphViewer(graphBox);
  root.append(
    h('h2', {}, `Scene ${scene.title} `, h('small', {}, `#${scene.id}`)),
    scene.description ? h('p', {}, scene.description) : '',
    h('section', { class: 'card', 'aria-labelledby': 'graph-h' },
      h('h3', { id: 'graph-h' }, 'Graph'),
      h('p', { class: 'legend' }, '▶ marks the entry node. Arrows are the choices, labelled with their text.'),
      graph.toolbar, graphBox),
    h('section', { class: 'card', 'aria-labelledby': 'start-h' },
      h('h3', { id: 'start-h' }, 'Play it'),
      h('form', { class: 'inline', id: 'scene-start', onsubmit: async (event) => {
        event.preventDefault();
        markFields(event.target, null);
        try {
          await startSession(api, signal, scene.id, world.value ? Number(world.value) : null);
        } catch (error) {
          if (error instanceof ApiError) markFields(event.target, error);
          showError(error);
        }
      } }, field('Linked world', world), h('button', { type: 'submit', id: 'start-session' }, 'Start a session'))),
    h('p', {}, h('button', { type: 'button', class: 'danger', id: 'scene-delete', onclick: async () => {
      if (!confirm(`Delete scene "${scene.title}"?`)) return;
      try {
        await api.delete(`/game/scenes/${id}`, { signal });
        sessionStorage.setItem(RECENT_KEY, JSON.stringify(recentScenes().filter((s) => s.id !== scene.id)));
        location.hash = '#/scenes';
      } catch (error) {
        showError(error);
      }
    } }, 'Delete this scene')));
  graph.show(scene);
}
