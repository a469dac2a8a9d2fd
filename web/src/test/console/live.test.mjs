// Unit tests of the console's live streams: node --test web/src/test/console (see .ci/run).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError, createApi } from '../../main/webapp/console/js/api.js';
import { EventStreamParser, follow, reconnectDelayMs, worldState } from '../../main/webapp/console/js/live.js';

function parse(text, size) {
  const events = [];
  const retries = [];
  const parser = new EventStreamParser({ onEvent: (e) => events.push(e), onRetry: (ms) => retries.push(ms) });
  for (let at = 0; at < text.length; at += size) parser.push(text.slice(at, at + size));
  return { events, retries };
}

test('fields, comments and multi-line data, however the text is chunked', () => {
  const stream = ': heartbeat\n:\nid: 7\nevent: advance\ndata: {"a":1,\ndata:  "b":2}\n\ndata\ndata:x\n\n'
    + 'event: dropped without data\nid: 8\n\ndata: after\n\n';
  for (let size = 1; size <= stream.length; size++) {
    assert.deepEqual(parse(stream, size).events, [
      { type: 'advance', data: '{"a":1,\n "b":2}', id: '7' },
      { type: 'message', data: '\nx', id: '7' },
      { type: 'message', data: 'after', id: '8' },
    ], `chunks of ${size}`);
  }
});

test('lines end with CRLF, LF or CR, also when a chunk ends between CR and LF', () => {
  const { events } = parse('data: one\r\n\r\ndata: two\n\ndata: three\r\rdata: four\r\n\r\n', 1);
  assert.deepEqual(events.map((e) => e.data), ['one', 'two', 'three', 'four']);
});

test('an event cut off before its blank line is never dispatched; retry takes digits only', () => {
  const { events, retries } = parse('retry: 2500\nretry: soon\nid: 1\ndata: whole\n\nid: 2\ndata: cut off', 4);
  assert.deepEqual(events, [{ type: 'message', data: 'whole', id: '1' }]);
  assert.deepEqual(retries, [2500]);
});

test('reconnect delays spread between the floor and three times the last wait, capped', () => {
  assert.equal(reconnectDelayMs(null, 250, 5000, () => 0), 250);
  assert.equal(reconnectDelayMs(null, 250, 5000, () => 1), 750);
  assert.equal(reconnectDelayMs(1000, 250, 5000, () => 1), 3000);
  assert.equal(reconnectDelayMs(4000, 250, 5000, () => 1), 5000);
  assert.equal(reconnectDelayMs(null, 8000, 5000, () => 1), 16000, 'the server\'s retry hint beyond the cap');
});

/**
 * A stream's answer, as fetch gives it: its body sends {@code chunks} one read at a time, then ends,
 * fails (a cut) or stays open, as {@code end} says; aborting the request's signal fails it.
 */
function eventStream(chunks, end = 'close') {
  return (init) => {
    // Opened as the server does: a retry hint, with empty data.
    const queue = [': open\nretry: 20\ndata: \n\n', ...chunks].map((chunk) => new TextEncoder().encode(chunk));
    const body = new ReadableStream({
      start(controller) {
        init.signal.addEventListener('abort', () => controller.error(init.signal.reason), { once: true });
      },
      pull(controller) {
        if (queue.length) controller.enqueue(queue.shift());
        else if (end === 'cut') controller.error(new TypeError('network error'));
        else if (end === 'close') controller.close();
        else return new Promise(() => {});
      },
    });
    return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
  };
}

/** An api whose streams come from a script of answers, recording each request's headers. */
function scripted(...answers) {
  const requests = [];
  const api = createApi({ token: () => 'tok', fetchImpl: async (url, init) => {
    requests.push({ url, headers: init.headers });
    return answers.shift()(init);
  } });
  return { api, requests };
}

const event = (version, session = true) => `id: ${version}\nevent: advance\ndata: {"id":${version},"action":"advance"`
  + `${session ? `,"session":{"id":7,"version":${version}}` : ''}}\n\n`;

test('a cut stream resumes with Last-Event-ID, each event handed over once in order, saying it reconnects', async () => {
  const { api, requests } = scripted(
    eventStream([event(3), event(4), event(5).slice(0, 12)], 'cut'),
    eventStream([event(4), event(5, false), 'id: 5\nevent: snapshot\ndata: {"id":7,"version":5}\n\n', event(6)], 'close'),
    eventStream(['event: session_deleted\ndata: {"action":"session_deleted","session_id":7}\n\n'], 'open'));
  const seen = [];
  const states = [];
  const waits = [];
  await follow({
    api, path: '/game/sessions/7/stream', signal: new AbortController().signal, lastEventId: '2',
    onEvent: (e) => { seen.push([e.type, e.id].filter(Boolean).join(' ')); return e.type === 'session_deleted'; },
    onState: (state, detail) => states.push(detail?.delayMs == null ? state : `${state} ${detail.delayMs}`),
    wait: async (ms) => { waits.push(ms); }, random: () => 0,
  });
  assert.deepEqual(seen, ['advance 3', 'advance 4', 'advance 5', 'snapshot 5', 'advance 6', 'session_deleted']);
  assert.deepEqual(requests.map((r) => r.headers['Last-Event-ID']), ['2', '4', '6']);
  assert.ok(requests.every((r) => r.headers.Authorization === 'Bearer tok' && r.headers.Accept === 'text/event-stream'));
  assert.deepEqual(states, ['live', 'reconnecting 250', 'live', 'reconnecting 250', 'live', 'ended']);
});

test('a 429 waits for its Retry-After; a 404 stops following with the refusal', async () => {
  const problem = (status, headers = {}) => new Response(JSON.stringify({ status, error: status === 404 ? 'session_not_found' : 'rate_limited', detail: 'd' }),
    { status, headers: { 'Content-Type': 'application/problem+json', ...headers } });
  const { api } = scripted(() => problem(429, { 'Retry-After': '3' }), () => problem(404));
  const states = [];
  const waits = [];
  await follow({
    api, path: '/game/sessions/7/stream', signal: new AbortController().signal, onEvent: () => false,
    onState: (state, detail) => states.push([state, detail?.error]), wait: async (ms) => { waits.push(ms); },
  });
  assert.deepEqual(waits, [3000]);
  assert.equal(states.at(-1)[0], 'stopped');
  assert.ok(states.at(-1)[1] instanceof ApiError);
  assert.equal(states.at(-1)[1].code, 'session_not_found');
});

test('a silent stream is cut and resumed; leaving the view stops following at once', async () => {
  const view = new AbortController();
  const { api, requests } = scripted(
    eventStream([event(1)], 'open'),
    (init) => { view.abort(); return Promise.reject(init.signal.reason); });
  const states = [];
  await follow({
    api, path: '/game/sessions/7/stream', signal: view.signal, silenceMs: 30,
    onEvent: () => false, onState: (state, detail) => states.push(detail?.error?.message ?? state), wait: async () => {},
  });
  assert.deepEqual(states, ['live', 'the stream was silent for 30 ms']);
  assert.deepEqual(requests.map((r) => r.headers['Last-Event-ID']), [undefined, '1']);
});

test('a world stream\'s events give the world and what changed; a deletion gives none', () => {
  assert.deepEqual(worldState({ type: 'snapshot', data: '{"id":7,"world_time":0}' }), { id: 7, world_time: 0, changes: [] });
  assert.deepEqual(worldState({ type: 'world_update', data: '{"changes":["advance"],"world":{"id":7,"world_time":60}}' }),
    { id: 7, world_time: 60, changes: ['advance'] });
  assert.equal(worldState({ type: 'world_deleted', data: '{"action":"world_deleted","world_id":7}' }), null);
});
