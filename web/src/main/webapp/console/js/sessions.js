// Sessions: the list, starting one, and playing one: choices, flags, relationships, the event log.

import { ApiError } from './api.js';
import { field, h, markFields, parseObject, pretty } from './dom.js';
import { graphViewer } from './graph.js';
import { startSession, worldOptions } from './launch.js';
import { follow, liveIndicator, worldState } from './live.js';
import { AXES, SessionSync, axisChange, describeChange, flagsChange } from './sync.js';

const EVENTS_PAGE = 10;

export async function sessionsView(root, { api, signal, latest, showError }) {
  const sceneId = h('input', { id: 'start-scene', type: 'number', min: 1, step: 1, required: true, 'data-field': 'scene_id' });
  const world = h('select', { id: 'start-world', 'data-field': 'world_id' }, await worldOptions(api, signal));
  const list = h('div', { id: 'session-list' });
  const rows = h('tbody');
  const more = h('button', { type: 'button', id: 'sessions-more', hidden: true }, 'Older sessions');
  let nextCursor = null;

  async function load(cursor) {
    try {
      const page = await api.get(`/game/sessions?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { signal: latest('page') });
      for (const s of page.sessions) {
        rows.append(h('tr', { 'data-session-id': s.id },
          h('td', {}, h('a', { href: `#/sessions/${s.id}` }, `#${s.id}`)),
          h('td', {}, h('a', { href: `#/scenes/${s.scene_id}` }, `#${s.scene_id}`)),
          h('td', {}, s.world_id ? h('a', { href: `#/worlds/${s.world_id}` }, `#${s.world_id}`) : '—'),
          h('td', {}, s.version), h('td', {}, s.updated_at)));
      }
      nextCursor = page.next_cursor;
      more.hidden = !nextCursor;
    } catch (error) {
      showError(error);
    }
  }
  more.addEventListener('click', () => load(nextCursor));
  list.append(h('div', { class: 'table' }, h('table', {},
    h('thead', {}, h('tr', {}, ['session', 'scene', 'world', 'version', 'updated'].map((t) => h('th', {}, t)))), rows)), more);

  root.append(
    h('h2', {}, 'Sessions'),
    h('section', { class: 'card', 'aria-labelledby': 'start-h' },
      h('h3', { id: 'start-h' }, 'Start a session'),
      h('form', { class: 'inline', id: 'session-start', onsubmit: async (event) => {
        event.preventDefault();
        markFields(event.target, null);
        try {
          await startSession(api, signal, Number(sceneId.value), world.value ? Number(world.value) : null);
        } catch (error) {
          if (error instanceof ApiError) markFields(event.target, error);
          showError(error);
        }
      } }, field('Scene id', sceneId), field('Linked world', world), h('button', { type: 'submit', id: 'start-session' }, 'Start'))),
    h('section', { 'aria-labelledby': 'list-h' }, h('h3', { id: 'list-h' }, 'Your sessions, newest first'), list));
  await load(null);
}

function slider(npc, axis, onCommit) {
  const input = h('input', { type: 'range', min: 0, max: 100, step: 1, 'data-axis': axis, id: `rel-${npc}-${axis}`.replace(/\W/g, '-') });
  const output = h('output', { for: input.id, class: 'axis-value' });
  input.addEventListener('input', () => { output.value = input.value; });
  // "change" comes once per drag or key press, not for every pixel; the sync coalesces them further.
  input.addEventListener('change', () => onCommit(npc, axis, Number(input.value)));
  return h('div', { class: 'slider' }, h('label', { for: input.id }, axis), input, output);
}

export async function sessionDetail(root, { api, signal, latest, showError }, id) {
  const first = await api.get(`/game/sessions/${id}`, { signal });
  const scene = await api.get(`/game/scenes/${first.scene_id}`, { signal });
  const nodes = new Map(scene.nodes.map((n) => [n.id, n]));
  const nodeName = (nodeId) => nodes.get(nodeId)?.label || nodes.get(nodeId)?.key || `#${nodeId}`;

  const version = h('output', { id: 'session-version' });
  const worldTime = h('output', { id: 'session-world-time' });
  const nodeOut = h('output', { id: 'session-node' });
  const syncState = h('output', { id: 'sync-state' }, 'saved');
  const live = liveIndicator('The session was deleted.');
  const mergeNote = h('p', { id: 'merge-note', role: 'status' });
  const choices = h('div', { id: 'choices', class: 'buttons' });
  const graphBox = h('div', { class: 'graph-box', id: 'session-graph' });
  const graph = graphViewer(graphBox);
  // The linked world's clock, beside the session's own: two different times, each labelled.
  const linkedWorld = first.world_id ? await api.get(`/game/worlds/${first.world_id}`, { signal }).catch(() => null) : null;
  const linkedClock = h('dd', { id: 'linked-world-time' });
  function showLinkedWorld(world) {
    const c = world.world_clock;
    linkedClock.replaceChildren(`${world.world_time} s`, h('small', {}, ` (world_time of world #${world.id}, ${c?.day_name ?? ''} `
      + `${String(c?.hour ?? 0).padStart(2, '0')}:${String(c?.minute ?? 0).padStart(2, '0')})`));
  }
  const flagsEditor = h('textarea', { id: 'flags-editor', rows: 8, spellcheck: 'false', 'data-field': 'flags' });
  const flagsForm = h('div', { id: 'flags-form' });
  const npcs = h('div', { id: 'relationships' });
  const npcId = h('input', { id: 'npc-id', type: 'number', min: 1, step: 1, required: true });
  const events = h('tbody', { id: 'events' });
  let flagsBase = null;
  let flagsDirty = false;
  let drawnNode = null;

  const sync = new SessionSync({
    api, session: first, signal,
    onChange: render,
    onMerged: ({ change, over, saved }) => {
      mergeNote.textContent = `Another client saved version ${over} meanwhile: your change (${describeChange(change)}) `
        + `was merged into it and saved as version ${saved}.`;
    },
    onError: (error) => {
      // A refused flags write (flags.world.turnDeltaSeconds, say) is shown at the flags editor.
      if (error instanceof ApiError && error.violations.some((v) => v.field.startsWith('flags'))) markFields(flagsForm, error);
      showError(error);
    },
  });

  function commitAxis(npc, axis, value) {
    write(axisChange(npc, axis, value));
  }

  // Edits are coalesced by the sync (one PATCH per pause); the event log is reloaded once per pause too.
  let edits = 0;
  async function write(change) {
    mergeNote.textContent = '';
    const mine = ++edits;
    await sync.edit(change);
    if (mine === edits) await loadEvents(null);
  }

  function renderChoices(view) {
    const leaving = scene.edges.filter((e) => e.from_node_id === view.current_node_id);
    choices.replaceChildren(...(leaving.length ? leaving.map((e) => h('button', {
      type: 'button', class: 'choice', 'data-edge-id': e.id,
      onclick: () => choose(e),
    }, `${e.choice_label} → ${nodeName(e.to_node_id)}`)) : [h('p', {}, 'No choice leaves this node: the scene ends here.')]));
  }

  async function choose(edge) {
    for (const button of choices.querySelectorAll('button')) button.disabled = true;
    try {
      sync.accept(await api.post(`/game/sessions/${id}/advance`, { edge_id: edge.id }, { signal }));
      choices.querySelector('button')?.focus();
      await loadEvents(null);
    } catch (error) {
      showError(error);
      renderChoices(sync.view());
    }
  }

  function renderRelationships(view) {
    const unsettled = sync.unsettledNpcs();
    const entries = Object.entries(view.relationships || {});
    for (const box of npcs.querySelectorAll('fieldset.npc')) {
      if (!(box.dataset.npc in (view.relationships || {}))) box.remove();
    }
    for (const [npc, entry] of entries) {
      let box = npcs.querySelector(`fieldset[data-npc="${CSS.escape(npc)}"]`);
      if (!box) {
        box = h('fieldset', { class: 'npc', 'data-npc': npc },
          h('legend', {}, npc),
          h('p', { class: 'tiers' }, 'tier ', h('strong', { class: 'tier' }), ' · intimacy ', h('strong', { class: 'intimacy' })),
          AXES.map((axis) => slider(npc, axis, commitAxis)));
        npcs.append(box);
      }
      const values = entry && typeof entry === 'object' ? entry : {};
      for (const axis of AXES) {
        const input = box.querySelector(`input[data-axis="${axis}"]`);
        input.value = Number(values[axis] ?? 0);
        box.querySelector(`output[for="${input.id}"]`).value = input.value;
      }
      // While the server has not answered for the new values, its tier would be stale: say so.
      box.querySelector('.tier').textContent = unsettled.has(npc) ? '…' : values.tierId ?? '—';
      box.querySelector('.intimacy').textContent = unsettled.has(npc) ? '…' : values.intimacyLevelId ?? '—';
    }
  }

  function render(view) {
    version.value = String(sync.shown.version);
    worldTime.value = `${view.world_time} s`;
    nodeOut.value = nodeName(view.current_node_id);
    syncState.value = sync.busy() ? 'saving…' : 'saved';
    if (drawnNode !== view.current_node_id) {
      drawnNode = view.current_node_id;
      renderChoices(view);
      // Fits its box, or pans and zooms; centred on the player's node.
      graph.show(scene, view.current_node_id);
    }
    if (!flagsDirty) {
      flagsBase = view.flags;
      flagsEditor.value = pretty(view.flags);
    }
    renderRelationships(view);
  }

  function eventRow(e) {
    return h('tr', { 'data-event-id': e.id }, h('td', {}, e.ts), h('td', {}, e.action),
      h('td', {}, e.node_id == null ? '' : nodeName(e.node_id)), h('td', {}, h('code', {}, e.diff == null ? '' : JSON.stringify(e.diff))));
  }

  // The stream's events go on top of the log (newest first), each once: a reload of the log may have shown it.
  function showEvent(e) {
    if (!events.querySelector(`tr[data-event-id="${e.id}"]`)) events.prepend(eventRow(e));
  }

  let eventsCursor = null;
  async function loadEvents(cursor) {
    try {
      const page = await api.get(`/game/sessions/${id}/events?limit=${EVENTS_PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { signal: latest('events') });
      if (!cursor) events.replaceChildren();
      for (const e of page.events) events.append(eventRow(e));
      eventsCursor = page.next_cursor;
      root.querySelector('#events-older').hidden = !eventsCursor;
    } catch (error) {
      showError(error);
    }
  }

  flagsEditor.addEventListener('input', () => { flagsDirty = true; });
  flagsForm.append(field('Flags (JSON); keys you change are merged with changes made elsewhere', flagsEditor));

  root.append(
    h('h2', {}, `Session #${first.id} `, h('small', {}, h('a', { href: `#/scenes/${scene.id}` }, scene.title))),
    h('dl', { class: 'facts' },
      h('dt', {}, 'version'), h('dd', {}, version),
      h('dt', {}, 'node'), h('dd', {}, nodeOut),
      h('dt', {}, h('abbr', { title: 'world_time of this session: its own clock, moved by PATCH' }, 'session time')),
      h('dd', {}, worldTime, h('small', {}, ' (this session\'s own world_time)')),
      h('dt', {}, 'world'), h('dd', {}, first.world_id ? h('a', { href: `#/worlds/${first.world_id}` }, `#${first.world_id}`) : 'none'),
      linkedWorld ? [h('dt', {}, 'world clock'), linkedClock] : null,
      h('dt', {}, 'changes'), h('dd', {}, syncState),
      h('dt', {}, 'live updates'), h('dd', {}, live.output)),
    mergeNote,
    h('div', { class: 'grid' },
      h('section', { class: 'card', 'aria-labelledby': 'choices-h' }, h('h3', { id: 'choices-h' }, 'Choices'), choices),
      h('section', { class: 'card wide', id: 'session-graph-card', 'aria-labelledby': 'graph-h' }, h('h3', { id: 'graph-h' }, 'Where you are'),
        graph.toolbar, graphBox),
      h('section', { class: 'card', 'aria-labelledby': 'rel-h' },
        h('h3', { id: 'rel-h' }, 'Relationships'),
        npcs,
        h('form', { class: 'inline', onsubmit: (event) => {
          event.preventDefault();
          const npc = `npc:${npcId.value}`;
          if (npc in (sync.view().relationships || {})) return;
          write({ relationships: { [npc]: Object.fromEntries(AXES.map((axis) => [axis, 0])) } });
          npcId.value = '';
        } }, field('NPC id', npcId), h('button', { type: 'submit', id: 'npc-add' }, 'Add NPC'))),
      h('section', { class: 'card', 'aria-labelledby': 'flags-h' },
        h('h3', { id: 'flags-h' }, 'Flags'),
        flagsForm,
        h('div', { class: 'buttons' },
          h('button', { type: 'button', id: 'flags-save', onclick: () => {
            let edited;
            try {
              edited = parseObject(flagsEditor.value, 'The flags');
            } catch (error) {
              showError(error);
              return;
            }
            const change = flagsChange(flagsBase, edited);
            flagsDirty = false;
            markFields(flagsForm, null);
            write(change);
          } }, 'Save flags'),
          h('button', { type: 'button', id: 'flags-reset', onclick: () => {
            flagsDirty = false;
            render(sync.view());
          } }, 'Discard edits')))),
    h('section', { class: 'card', 'aria-labelledby': 'events-h' },
      h('h3', { id: 'events-h' }, 'Event log, newest first'),
      h('div', { class: 'table' }, h('table', {},
        h('thead', {}, h('tr', {}, ['time', 'action', 'node', 'diff'].map((t) => h('th', {}, t)))), events)),
      h('div', { class: 'buttons' },
        h('button', { type: 'button', id: 'events-newest', onclick: () => loadEvents(null) }, 'Newest'),
        h('button', { type: 'button', id: 'events-older', hidden: true, onclick: () => loadEvents(eventsCursor) }, 'Older events'))));
  render(sync.view());
  await loadEvents(null);
  if (linkedWorld) {
    showLinkedWorld(linkedWorld);
    // The linked world's clock moves elsewhere (advances, the scheduler): it follows that world's stream too.
    follow({
      api, signal, path: `/game/worlds/${linkedWorld.id}/stream`,
      onEvent: (event) => {
        const world = worldState(event);
        if (world) showLinkedWorld(world);
        return event.type === 'world_deleted';
      },
    });
  }
  // Changes made elsewhere arrive as they commit; resuming after the version shown leaves no gap since the read.
  follow({
    api, signal, path: `/game/sessions/${id}/stream`, lastEventId: String(first.version),
    onEvent: ({ type, data }) => {
      const body = JSON.parse(data);
      if (type === 'session_deleted') return true;
      if (type === 'snapshot') sync.accept(body);
      else if (body.action) {
        if (body.session) sync.accept(body.session);
        showEvent(body);
      }
      return false;
    },
    onState: live.onState,
  });
}
