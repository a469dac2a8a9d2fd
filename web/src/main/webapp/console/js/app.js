// The console's shell: sign-in, the hash routes, one AbortController per view, errors and notes.

import { ApiError, createApi, isAbort, requestScope } from './api.js';
import { $, field, h } from './dom.js';
import { sceneDetail, scenesView } from './scenes.js';
import { sessionDetail, sessionsView } from './sessions.js';
import { worldDetail, worldsView } from './worlds.js';

// Kept for this tab only: a token in sessionStorage is gone when the tab closes and other tabs never see it.
const TOKEN_KEY = 'storyworld.console.token';

const api = createApi({ token: () => sessionStorage.getItem(TOKEN_KEY) });

const routes = [
  [/^#\/worlds\/(\d+)$/, worldDetail],
  [/^#\/worlds$/, worldsView],
  [/^#\/scenes\/(\d+)$/, sceneDetail],
  [/^#\/scenes$/, scenesView],
  [/^#\/sessions\/(\d+)$/, sessionDetail],
  [/^#\/sessions$/, sessionsView],
];

let current = null;

function showError(error) {
  if (isAbort(error)) return;
  const box = $('#error');
  box.replaceChildren();
  const text = error instanceof ApiError ? error.describe() : error.message;
  box.append(h('p', { class: 'message' }, text));
  if (error instanceof ApiError && error.status === 401) box.append(h('p', {}, 'Sign out and sign in again with a valid token.'));
  box.append(h('button', { type: 'button', class: 'link', onclick: () => box.replaceChildren() }, 'Dismiss'));
}

function note(text) {
  $('#note').textContent = text;
}

function clearMessages() {
  $('#error').replaceChildren();
  note('');
}

function userOf(token) {
  try {
    return JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))).sub;
  } catch {
    return '?';
  }
}

function renderAuth() {
  const token = sessionStorage.getItem(TOKEN_KEY);
  $('#auth').replaceChildren(token
    ? h('div', { class: 'signed-in' },
      h('span', { id: 'signed-in-user' }, `User ${userOf(token)}`),
      h('button', { type: 'button', id: 'signout', onclick: signOut }, 'Sign out'))
    : '');
}

function signIn(token) {
  sessionStorage.setItem(TOKEN_KEY, token);
  renderAuth();
  if (!location.hash || location.hash === '#/') location.hash = '#/worlds';
  else route();
}

function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
  renderAuth();
  route();
}

function signInView(root, { signal }) {
  // Text, not a number input: a user id has up to 19 digits, more than a JavaScript number keeps.
  const userId = h('input', { id: 'signin-user', inputmode: 'numeric', pattern: '[1-9][0-9]{0,18}', required: true, autocomplete: 'off' });
  const pasted = h('textarea', { id: 'signin-token', rows: 3, required: true, spellcheck: 'false' });
  root.append(
    h('h2', {}, 'Sign in'),
    h('div', { class: 'cards' },
      h('form', { class: 'card', id: 'signin-dev-form', onsubmit: async (event) => {
        event.preventDefault();
        try {
          const answer = await api.post('/dev/tokens', `{"user_id": ${userId.value}}`, { signal });
          signIn(answer.token);
        } catch (error) {
          if (error instanceof ApiError && error.status === 404) {
            showError(new Error('Dev tokens are off on this server: paste a token instead.'));
          } else showError(error);
        }
      } },
      h('h3', {}, 'Dev token'),
      h('p', {}, 'When the server has dev tokens on (local runs), it signs a token for any user id.'),
      field('User id', userId),
      h('button', { type: 'submit', id: 'signin-dev' }, 'Sign in with a dev token')),
      h('form', { class: 'card', onsubmit: (event) => {
        event.preventDefault();
        signIn(pasted.value.trim().replace(/^Bearer\s+/i, ''));
      } },
      h('h3', {}, 'Bearer token'),
      h('p', {}, 'A JWT from your identity provider. It is kept for this tab only.'),
      field('Token', pasted),
      h('button', { type: 'submit', id: 'signin-paste' }, 'Use this token'))));
}

function route() {
  current?.abort();
  current = new AbortController();
  clearMessages();
  const root = $('#view');
  root.replaceChildren();
  for (const link of document.querySelectorAll('nav a')) {
    link.toggleAttribute('aria-current', location.hash.startsWith(link.getAttribute('href')));
  }
  const context = { api, signal: current.signal, latest: requestScope(current.signal), showError, note, clearMessages };
  if (!sessionStorage.getItem(TOKEN_KEY)) {
    signInView(root, context);
    return;
  }
  const hash = location.hash || '#/worlds';
  for (const [pattern, view] of routes) {
    const match = hash.match(pattern);
    if (match) {
      Promise.resolve(view(root, context, ...match.slice(1).map(Number))).catch(showError);
      return;
    }
  }
  root.append(h('h2', {}, 'Not found'), h('p', {}, h('a', { href: '#/worlds' }, 'Go to the worlds')));
}

window.addEventListener('hashchange', route);
renderAuth();
route();
