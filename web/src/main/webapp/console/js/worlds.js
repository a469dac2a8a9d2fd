// Worlds: the list (cursor pages), create and delete, and one world's clock, meta, scheduler and schema report.

import { ApiError, isAbort, newIdempotencyKey } from './api.js';
import { field, h, markFields, parseObject, pretty, violationList } from './dom.js';
import { follow, liveIndicator, worldState } from './live.js';

const PAGE = 10;

export function worldsView(root, { api, latest, showError, note }) {
  const name = h('input', { id: 'world-name', required: true, maxlength: 128, autocomplete: 'off', 'data-field': 'name' });
  const list = h('div', { id: 'world-list', 'aria-live': 'polite' });
  // The cursors of the pages before the one shown, so "Previous" can go back.
  const cursors = [];
  let shownCursor = null;

  async function load(cursor) {
    try {
      const query = `?limit=${PAGE}` + (cursor ? `&cursor=${encodeURIComponent(cursor)}` : '');
      const page = await api.get(`/game/worlds${query}`, { signal: latest('page') });
      shownCursor = cursor;
      render(page);
    } catch (error) {
      showError(error);
    }
  }

  function render(page) {
    const rows = page.worlds.map((w) => h('tr', { 'data-world-id': w.id },
      h('td', {}, w.id),
      h('td', {}, h('a', { href: `#/worlds/${w.id}` }, w.name)),
      h('td', {}, h('button', { type: 'button', class: 'danger', 'aria-label': `Delete world ${w.name}`, onclick: async () => {
        if (!confirm(`Delete world "${w.name}"? Sessions linked to it keep running without it.`)) return;
        try {
          await api.delete(`/game/worlds/${w.id}`, { signal: latest('delete') });
          note(`World ${w.name} deleted.`);
          await load(shownCursor);
        } catch (error) {
          showError(error);
        }
      } }, 'Delete'))));
    list.replaceChildren(
      h('p', {}, h('span', { id: 'world-total' }, page.total), page.total === 1 ? ' world' : ' worlds'),
      rows.length
        ? h('div', { class: 'table' }, h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'id'), h('th', {}, 'name'), h('th', {}, h('span', { class: 'sr' }, 'actions')))), h('tbody', {}, rows)))
        : h('p', {}, 'No worlds yet.'),
      h('div', { class: 'pager' },
        h('button', { type: 'button', id: 'world-prev', disabled: cursors.length === 0, onclick: () => load(cursors.pop()) }, 'Previous page'),
        h('button', { type: 'button', id: 'world-next', disabled: !page.next_cursor, onclick: () => {
          cursors.push(shownCursor);
          load(page.next_cursor);
        } }, 'Next page')));
  }

  root.append(
    h('h2', {}, 'Worlds'),
    h('form', { class: 'inline', id: 'world-create', onsubmit: async (event) => {
      event.preventDefault();
      markFields(event.target, null);
      try {
        const world = await api.post('/game/worlds', { name: name.value }, { signal: latest('create') });
        location.hash = `#/worlds/${world.id}`;
      } catch (error) {
        if (error instanceof ApiError) markFields(event.target, error);
        showError(error);
      }
    } }, field('New world name', name), h('button', { type: 'submit', id: 'world-create-submit' }, 'Create world')),
    list);
  return load(null);
}

function clockText(world) {
  const c = world.world_clock;
  const two = (n) => String(n).padStart(2, '0');
  return `Week ${c.week}, ${c.day_name} ${two(c.hour)}:${two(c.minute)}:${two(c.second)}`;
}

/** Each violation of a 400, at its JSON path. */
const ADVANCES = [['+1 minute', 60], ['+1 hour', 3600], ['+1 day', 86400]];
const SCHEDULER_NUMBERS = [
  ['timeScale', 'Time scale', 0.1], ['tickIntervalSeconds', 'Tick interval (s)', 0.1],
  ['maxNpcTicksPerStep', 'NPC ticks per step', 1], ['maxJobOpsPerStep', 'Job operations per step', 1]];
const TIERS = ['detailed', 'active', 'ambient', 'dormant'];

export async function worldDetail(root, { api, signal, latest, showError, note, clearMessages }, id) {
  const world = await api.get(`/game/worlds/${id}`, { signal });
  let shownTime = -1;
  const time = h('output', { id: 'world-time' });
  const clock = h('output', { id: 'world-clock' });
  const live = liveIndicator('The world was deleted.');

  // Advances answer in any order when clicked fast; the clock only ever shows a later time.
  function showClock(w) {
    if (w.world_time < shownTime) return;
    shownTime = w.world_time;
    time.value = String(w.world_time);
    clock.value = clockText(w);
  }

  async function advance(delta) {
    try {
      showClock(await api.post(`/game/worlds/${id}/advance`, { delta_seconds: delta },
        { signal, headers: { 'Idempotency-Key': newIdempotencyKey() } }));
    } catch (error) {
      showError(error);
    }
  }

  const seconds = h('input', { id: 'advance-seconds', type: 'number', min: 0, step: 'any', value: '30' });
  const metaEditor = h('textarea', { id: 'meta-editor', rows: 12, spellcheck: 'false' });
  metaEditor.value = pretty(world.meta);
  // The scheduler lives in meta.simulation: its writes refresh the editor, unless the user is editing it.
  let metaEdited = false;
  metaEditor.addEventListener('input', () => { metaEdited = true; });
  const metaErrors = h('div', { id: 'meta-errors' });

  root.append(
    h('h2', {}, `World ${world.name} `, h('small', {}, `#${world.id}`)),
    h('div', { class: 'grid' },
      h('section', { class: 'card', 'aria-labelledby': 'clock-h' },
        h('h3', { id: 'clock-h' }, 'Clock'),
        h('dl', {}, h('dt', {}, 'world_time (s)'), h('dd', {}, time), h('dt', {}, 'world_clock'), h('dd', {}, clock),
          h('dt', {}, 'live updates'), h('dd', {}, live.output)),
        h('div', { class: 'buttons' }, ADVANCES.map(([label, delta]) =>
          h('button', { type: 'button', class: 'advance', 'data-delta': delta, onclick: () => advance(delta) }, label))),
        h('form', { class: 'inline', onsubmit: (event) => {
          event.preventDefault();
          advance(Number(seconds.value));
        } }, field('Seconds', seconds), h('button', { type: 'submit', id: 'advance-custom' }, 'Advance'))),
      h('section', { class: 'card', 'aria-labelledby': 'meta-h' },
        h('h3', { id: 'meta-h' }, 'Meta'),
        field('Meta document (JSON); saving replaces it whole', metaEditor),
        h('button', { type: 'button', id: 'meta-save', onclick: async () => {
          metaErrors.replaceChildren();
          try {
            const saved = await api.put(`/game/worlds/${id}/meta`, { meta: parseObject(metaEditor.value, 'The meta') }, { signal: latest('meta') });
            metaEditor.value = pretty(saved.meta);
            metaEdited = false;
            note('Meta saved.');
            await loadScheduler();
          } catch (error) {
            if (error instanceof ApiError && error.violations.length) metaErrors.append(violationList('meta-violations', error));
            showError(error);
          }
        } }, 'Save meta'),
        metaErrors),
      schedulerSection(),
      h('section', { class: 'card', 'aria-labelledby': 'report-h' },
        h('h3', { id: 'report-h' }, 'Schema report'),
        h('button', { type: 'button', id: 'report-load', onclick: loadReport }, 'Check schemas'),
        h('div', { id: 'schema-report', 'aria-live': 'polite' }))),
    h('p', {}, h('button', { type: 'button', class: 'danger', id: 'world-delete', onclick: async () => {
      if (!confirm(`Delete world "${world.name}"?`)) return;
      try {
        await api.delete(`/game/worlds/${id}`, { signal });
        location.hash = '#/worlds';
      } catch (error) {
        showError(error);
      }
    } }, 'Delete this world')));
  showClock(world);

  function schedulerSection() {
    return h('section', { class: 'card', 'aria-labelledby': 'scheduler-h' },
      h('h3', { id: 'scheduler-h' }, 'Scheduler'),
      h('form', { id: 'scheduler', onsubmit: saveScheduler },
        h('p', {}, 'State: ', h('output', { id: 'scheduler-state' }, '…')),
        SCHEDULER_NUMBERS.map(([key, label, step]) => field(label, h('input', { id: `scheduler-${key}`, name: key, type: 'number', step }))),
        h('fieldset', {}, h('legend', {}, 'Most NPCs per tier'),
          TIERS.map((tier) => field(tier, h('input', { id: `scheduler-tiers-${tier}`, name: `tiers.${tier}.maxNpcs`, type: 'number', min: 0, step: 1 })))),
        h('div', { class: 'buttons' },
          h('button', { type: 'submit', id: 'scheduler-save' }, 'Save scheduler'),
          h('button', { type: 'button', id: 'scheduler-pause', onclick: () => pauseOrResume('pause') }, 'Pause'),
          h('button', { type: 'button', id: 'scheduler-resume', onclick: () => pauseOrResume('resume') }, 'Resume'))));
  }

  function schedulerInput(path) {
    return root.querySelector(`#scheduler [name="${path}"]`);
  }

  function showScheduler(config) {
    for (const [key] of SCHEDULER_NUMBERS) schedulerInput(key).value = config[key];
    for (const tier of TIERS) schedulerInput(`tiers.${tier}.maxNpcs`).value = config.tiers?.[tier]?.maxNpcs ?? '';
    root.querySelector('#scheduler-state').value = config.pauseSimulation ? 'paused' : 'running';
  }

  async function refreshMeta() {
    const fresh = await api.get(`/game/worlds/${id}`, { signal: latest('world') });
    showClock(fresh);
    if (!metaEdited) metaEditor.value = pretty(fresh.meta);
  }

  async function loadScheduler() {
    try {
      showScheduler(await api.get(`/game/worlds/${id}/scheduler/config`, { signal: latest('scheduler') }));
    } catch (error) {
      showError(error);
    }
  }

  // A violation's field ("tiers.dormant.maxNpcs") names its input; the message goes right under it.
  function markViolations(violations) {
    for (const old of root.querySelectorAll('#scheduler .violation')) old.remove();
    for (const input of root.querySelectorAll('#scheduler input')) input.removeAttribute('aria-invalid');
    for (const v of violations) {
      const input = schedulerInput(v.field);
      const message = h('small', { class: 'violation', id: `violation-${v.field.replace(/\W/g, '-')}` }, h('code', { class: 'path' }, v.field), ' ', v.message);
      if (input) {
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-describedby', message.id);
        input.after(message);
      } else root.querySelector('#scheduler').prepend(message);
    }
  }

  async function saveScheduler(event) {
    event.preventDefault();
    const config = { tiers: {} };
    for (const [key] of SCHEDULER_NUMBERS) config[key] = Number(schedulerInput(key).value);
    for (const tier of TIERS) config.tiers[tier] = { maxNpcs: Number(schedulerInput(`tiers.${tier}.maxNpcs`).value) };
    markViolations([]);
    try {
      showScheduler(await api.put(`/game/worlds/${id}/scheduler/config`, config, { signal: latest('scheduler') }));
      note('Scheduler saved.');
      await refreshMeta();
    } catch (error) {
      if (error instanceof ApiError) markViolations(error.violations);
      showError(error);
    }
  }

  async function pauseOrResume(action) {
    try {
      await api.post(`/game/worlds/${id}/scheduler/${action}`, undefined, { signal });
      await loadScheduler();
      await refreshMeta();
    } catch (error) {
      showError(error);
    }
  }

  async function loadReport() {
    clearMessages();
    const box = root.querySelector('#schema-report');
    try {
      const report = await api.get(`/game/worlds/${id}/schema-report`, { signal: latest('report') });
      box.replaceChildren(
        h('p', {}, 'Overall: ', h('strong', { id: 'report-overall' }, report.overall_valid ? 'valid' : 'invalid')),
        report.schema_health.length === 0 ? h('p', {}, 'No schema to report on.') : '',
        report.schema_health.map((entry) => h('div', { class: 'report-entry' },
          h('h4', {}, `${entry.schema_type}: ${entry.is_valid ? 'valid' : 'invalid'}, ${entry.entry_count} entries`),
          [['Errors', entry.errors], ['Warnings', entry.warnings], ['Suggestions', entry.suggestions]]
            .filter(([, items]) => items.length)
            .map(([title, items]) => h('div', {}, h('strong', {}, title), h('ul', {}, items.map((item) => h('li', {}, item))))))));
    } catch (error) {
      if (!isAbort(error)) box.replaceChildren();
      showError(error);
    }
  }

  await loadScheduler();
  // The newest state of the world as it changes elsewhere (conflated by the server; no id, so no resume).
  follow({
    api, signal, path: `/game/worlds/${id}/stream`,
    onEvent: (event) => {
      const fresh = worldState(event);
      if (fresh) {
        showClock(fresh);
        if (!metaEdited) metaEditor.value = pretty(fresh.meta);
        if (fresh.changes.some((change) => ['scheduler', 'paused', 'resumed'].includes(change))) loadScheduler();
      }
      return event.type === 'world_deleted';
    },
    onState: live.onState,
  });
}
