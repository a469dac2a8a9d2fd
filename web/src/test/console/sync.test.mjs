// Unit tests of the console's pure logic: node --test web/src/test/console (see .ci/run).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError, requestScope } from '../../main/webapp/console/js/api.js';
import {
  SessionSync, applyChange, axisChange, backoffMs, combine, describeChange, flagsChange, isNotOlder, patchBody,
} from '../../main/webapp/console/js/sync.js';

const session = (version, fields = {}) => ({
  id: 7, version, current_node_id: 1, world_time: 0, flags: {}, relationships: {}, ...fields,
});

function conflict(current) {
  return new ApiError({ status: 409, code: 'version_conflict', detail: 'stale', problem: { current_session: current } });
}

/** An api whose PATCH answers come from a script of functions, recording every body sent. */
function scriptedApi(...answers) {
  const sent = [];
  return {
    sent,
    async patch(path, body, options) {
      sent.push({ path, body, ifMatch: options.headers['If-Match'] });
      return answers.shift()(body);
    },
  };
}

test('a flags edit is the keys set and removed against the flags it started from', () => {
  assert.deepEqual(flagsChange({ a: 1, b: 2, c: { d: 1 } }, { a: 1, b: 3, e: true }),
    { flags: { set: { b: 3, e: true }, remove: ['c'] } });
});

test('a change merges into another client\'s session and keeps what that client wrote', () => {
  const theirs = session(5, {
    flags: { door: 'open', theirs: true },
    relationships: { 'npc:1': { affinity: 20, trust: 30, tierId: 'acquaintance' }, 'npc:2': { affinity: 50 } },
  });
  const mine = combine(axisChange('npc:1', 'trust', 90), flagsChange({ door: 'open' }, { door: 'shut' }));
  const body = patchBody(theirs, mine);
  assert.deepEqual(body, {
    expected_version: 5,
    flags: { door: 'shut', theirs: true },
    relationships: { 'npc:1': { affinity: 20, trust: 90 }, 'npc:2': { affinity: 50 } },
  });
});

test('combining keeps the newer value and undoes a removal by a later set', () => {
  const older = combine(flagsChange({ a: 1 }, {}), axisChange('npc:1', 'trust', 10));
  const newer = combine(flagsChange({}, { a: 2 }), axisChange('npc:1', 'trust', 20));
  assert.deepEqual(combine(older, newer), { flags: { set: { a: 2 }, remove: [] }, relationships: { 'npc:1': { trust: 20 } } });
  assert.equal(describeChange(combine(older, newer)), 'trust of npc:1 → 20; flag a set');
});

test('only forward: an older version of the same session is never taken', () => {
  assert.ok(isNotOlder(session(3), session(4)));
  assert.ok(isNotOlder(session(3), session(3)));
  assert.ok(!isNotOlder(session(4), session(3)));
  assert.ok(isNotOlder(null, session(1)));
});

test('backoff doubles from its base, with jitter below the base', () => {
  assert.equal(backoffMs(0, 100, () => 0), 100);
  assert.equal(backoffMs(3, 100, () => 0.99), 899);
});

test('a conflict is merged into current_session and retried, and the view never goes back', async () => {
  const theirs = session(2, { flags: { other: 1 }, relationships: { 'npc:2': { affinity: 40 } } });
  const api = scriptedApi(
    () => { throw conflict(theirs); },
    (body) => session(3, { flags: theirs.flags, relationships: { ...body.relationships, 'npc:1': { ...body.relationships['npc:1'], tierId: 'lover' } } }));
  const shown = [];
  const merged = [];
  const sync = new SessionSync({
    api, session: session(1), wait: async () => {}, quietMs: 0,
    onChange: (view) => shown.push({ version: sync.shown.version, view }),
    onMerged: (m) => merged.push(m),
  });
  await sync.edit(axisChange('npc:1', 'affinity', 100));

  assert.deepEqual(api.sent.map((s) => [s.body.expected_version, s.ifMatch]), [[1, '"1"'], [2, '"2"']]);
  assert.deepEqual(api.sent[1].body.relationships, { 'npc:1': { affinity: 100 }, 'npc:2': { affinity: 40 } });
  const versions = shown.map((s) => s.version);
  assert.deepEqual(versions, [...versions].sort((a, b) => a - b), 'versions shown only grow');
  // While the write was retried the slider kept the user's value: no flicker back to the server's.
  for (const s of shown) assert.equal(s.view.relationships['npc:1'].affinity, 100);
  assert.equal(sync.shown.version, 3);
  assert.deepEqual(sync.view().flags, { other: 1 });
  assert.deepEqual(merged.map((m) => [m.over, m.saved]), [[2, 3]]);
});

test('a late answer of an older version is ignored', () => {
  const sync = new SessionSync({ api: null, session: session(4) });
  assert.equal(sync.accept(session(3, { flags: { stale: true } })), false);
  assert.deepEqual(sync.view().flags, {});
});

test('retries are bounded: after maxRetries the change is given up and reported', async () => {
  let version = 1;
  const api = scriptedApi(...Array.from({ length: 4 }, () => () => { throw conflict(session(++version)); }));
  const errors = [];
  const sync = new SessionSync({ api, session: session(1), maxRetries: 2, wait: async () => {}, quietMs: 0, onError: (e) => errors.push(e) });
  await sync.edit(axisChange('npc:1', 'trust', 5));
  assert.equal(api.sent.length, 3);
  assert.equal(errors.length, 1);
  assert.match(errors[0].message, /gave up after 3 conflicting writes/);
  assert.deepEqual(sync.view().relationships, {}, 'the given-up change is no longer shown');
  assert.equal(sync.shown.version, 4);
});

test('changes made while a write is in flight go out together in the next write', async () => {
  let release;
  const api = scriptedApi(
    (body) => new Promise((resolve) => { release = () => resolve(session(2, { relationships: body.relationships })); }),
    (body) => session(3, { relationships: body.relationships }));
  const sync = new SessionSync({ api, session: session(1), quietMs: 0 });
  const first = sync.edit(axisChange('npc:1', 'trust', 1));
  sync.edit(axisChange('npc:1', 'trust', 2));
  sync.edit(axisChange('npc:1', 'affinity', 3));
  assert.deepEqual(sync.view().relationships, { 'npc:1': { trust: 2, affinity: 3 } });
  release();
  await first;
  assert.equal(api.sent.length, 2);
  assert.deepEqual(api.sent[1].body, { expected_version: 2, relationships: { 'npc:1': { trust: 2, affinity: 3 } } });
  assert.equal(sync.shown.version, 3);
});

test('leaving the view aborts the write and nothing is shown afterwards', async () => {
  const view = new AbortController();
  let changes = 0;
  const api = {
    patch: (path, body, { signal }) => new Promise((resolve, reject) => {
      signal.addEventListener('abort', () => reject(signal.reason));
    }),
  };
  const errors = [];
  const sync = new SessionSync({ api, session: session(1), signal: view.signal, quietMs: 0, onChange: () => changes++,
    onError: (e) => errors.push(e) });
  const writing = sync.edit(axisChange('npc:1', 'trust', 1));
  const before = changes;
  view.abort();
  await writing;
  assert.equal(sync.accept(session(9)), false, 'no answer reaches a view that was left');
  assert.equal(changes, before);
  assert.deepEqual(errors, []);
});

test('a newer request of a kind aborts the older one; leaving the view aborts them all', () => {
  const view = new AbortController();
  const latest = requestScope(view.signal);
  const first = latest('events');
  const second = latest('events');
  const other = latest('page');
  assert.ok(first.aborted);
  assert.ok(!second.aborted && !other.aborted);
  view.abort();
  assert.ok(second.aborted && other.aborted);
});

test('applyChange leaves the session it was given untouched', () => {
  const original = session(1, { flags: { a: 1 } });
  applyChange(original, flagsChange({ a: 1 }, { b: 2 }));
  assert.deepEqual(original.flags, { a: 1 });
});

/** Timers the test moves by hand: setTimeout and clearTimeout over a clock of its own. */
function manualClock() {
  let now = 0;
  let next = 1;
  const due = new Map();
  return {
    now: () => now,
    timers: {
      setTimeout: (fn, ms) => { due.set(next, { at: now + ms, fn }); return next++; },
      clearTimeout: (id) => due.delete(id),
    },
    /** Moves the clock by ms, running what falls due on the way. */
    async advance(ms) {
      const until = now + ms;
      for (;;) {
        const [id, timer] = [...due.entries()].sort((a, b) => a[1].at - b[1].at)[0] || [];
        if (!timer || timer.at > until) break;
        due.delete(id);
        now = timer.at;
        timer.fn();
        await new Promise((resolve) => setImmediate(resolve));
      }
      now = until;
    },
  };
}

test('fifty quick edits of a slider are written once, after the pause, with the last value', async () => {
  const clock = manualClock();
  const api = scriptedApi((body) => session(2, { relationships: body.relationships }));
  const sync = new SessionSync({ api, session: session(1), timers: clock.timers, now: clock.now });
  let saved;
  for (let i = 1; i <= 50; i++) {
    saved = sync.edit(axisChange('npc:1', 'trust', i));
    await clock.advance(10);
  }
  assert.equal(api.sent.length, 0, 'nothing is sent while the keys keep coming within the pause');
  assert.equal(sync.view().relationships['npc:1'].trust, 50, 'the view shows every edit at once');
  await clock.advance(300);
  await saved;
  assert.equal(api.sent.length, 1);
  assert.deepEqual(api.sent[0].body, { expected_version: 1, relationships: { 'npc:1': { trust: 50 } } });
  assert.equal(sync.shown.version, 2);
});

test('edits that never pause are still written every maxWaitMs', async () => {
  const clock = manualClock();
  let version = 1;
  const api = scriptedApi(...Array.from({ length: 5 }, () => (body) => session(++version, { relationships: body.relationships })));
  const sync = new SessionSync({ api, session: session(1), timers: clock.timers, now: clock.now });
  for (let i = 1; i <= 250; i++) {
    sync.edit(axisChange('npc:1', 'affinity', i % 101));
    await clock.advance(10);
  }
  // 2.5 s of edits 10 ms apart: one write a second while they last, then one at the pause.
  await clock.advance(300);
  assert.equal(api.sent.length, 3);
  assert.equal(api.sent.at(-1).body.relationships['npc:1'].affinity, 250 % 101);
});

test('leaving the view drops a change still waiting for its pause and settles its promise', async () => {
  const clock = manualClock();
  const view = new AbortController();
  const api = scriptedApi(() => assert.fail('nothing may be sent after the view was left'));
  const sync = new SessionSync({ api, session: session(1), signal: view.signal, timers: clock.timers, now: clock.now });
  const saved = sync.edit(axisChange('npc:1', 'trust', 1));
  view.abort();
  await saved;
  await clock.advance(1000);
  assert.equal(api.sent.length, 0);
});
