// Live updates: a view follows its session's or world's event stream. EventSource cannot send the
// bearer header, so the stream is a fetch whose body is read as it comes; a cut stream is resumed with
// Last-Event-ID after a backoff, and the view is told when it is reconnecting.

import { h } from './dom.js';
import { sleep } from './sync.js';

/**
 * Reads text/event-stream as the HTML standard's "event stream interpretation" says: lines end with
 * CRLF, LF or CR (also when a chunk ends between CR and LF); a line starting with a colon is a comment;
 * data lines join with LF; one space after the colon is dropped; a blank line dispatches, an event
 * without data is not dispatched, and one cut off before its blank line never is. Feed it decoded text.
 */
export class EventStreamParser {
  constructor({ onEvent, onRetry = () => {} }) {
    Object.assign(this, { onEvent, onRetry });
    this.line = '';
    this.afterCarriageReturn = false;
    this.data = null;
    this.type = '';
    // Kept across events, as the standard says: an event without an id has the previous one.
    this.lastEventId = '';
  }

  push(text) {
    let start = 0;
    if (this.afterCarriageReturn && text.startsWith('\n')) start = 1;
    this.afterCarriageReturn = false;
    for (let i = start; i < text.length; i++) {
      const c = text[i];
      if (c !== '\r' && c !== '\n') continue;
      this.endLine(this.line + text.slice(start, i));
      this.line = '';
      if (c === '\r' && text[i + 1] === '\n') i++;
      else if (c === '\r' && i + 1 === text.length) this.afterCarriageReturn = true;
      start = i + 1;
    }
    this.line += text.slice(start);
  }

  endLine(line) {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.type = value;
    else if (field === 'data') this.data = this.data == null ? value : `${this.data}\n${value}`;
    else if (field === 'id' && !value.includes('\0')) this.lastEventId = value;
    else if (field === 'retry' && /^\d+$/.test(value)) this.onRetry(Number(value));
  }

  dispatch() {
    const { data, type } = this;
    this.data = null;
    this.type = '';
    if (data == null) return;
    this.onEvent({ type: type || 'message', data, id: this.lastEventId });
  }
}

/** The wait before reconnecting: decorrelated jitter between the floor and three times the previous wait. */
export function reconnectDelayMs(previousMs, floorMs, maxMs, random = Math.random) {
  const upper = Math.max(2 * floorMs, Math.min(Math.max(maxMs, floorMs), 3 * (previousMs ?? floorMs)));
  return Math.round(floorMs + random() * (upper - floorMs));
}

const ENDS_THE_WATCH = [400, 401, 403, 404];

/**
 * Follows the stream at {@code path} until {@code signal} aborts or {@code onEvent} answers true (the
 * session or world is gone). Each event ({type, data, id}) is handed over once and in order: an event
 * whose numeric id is at or below the last one handed over is dropped, except a snapshot, which is the
 * state itself. A cut stream, a silence longer than {@code silenceMs} (the server sends a heartbeat
 * every 15 s), a 429 or a 5xx is followed by a wait (Retry-After, else the backoff, never less than the
 * server's retry hint) and a reconnection with Last-Event-ID. A 400, 401, 403 or 404 ends it.
 *
 * onState(state, detail): 'live' once a stream is open; 'reconnecting' ({ delayMs, error }) while
 * waiting to reconnect; 'ended' after the last event; 'stopped' ({ error }) after a refusal.
 */
export async function follow({ api, path, signal, lastEventId = null, onEvent, onState = () => {},
  baseMs = 250, maxMs = 5000, silenceMs = 45000, wait = sleep, random = Math.random }) {
  let lastId = lastEventId;
  let serverRetryMs = 0;
  let previousMs = null;
  while (!signal.aborted) {
    const connection = new AbortController();
    const both = AbortSignal.any([signal, connection.signal]);
    let silence = null;
    const listen = () => {
      clearTimeout(silence);
      silence = setTimeout(() => connection.abort(new Error(`the stream was silent for ${silenceMs} ms`)), silenceMs);
    };
    let retryAfterMs = null;
    let failure;
    try {
      listen();
      const response = await api.stream(path, { headers: lastId == null ? {} : { 'Last-Event-ID': lastId }, signal: both });
      onState('live');
      previousMs = null;
      const parser = new EventStreamParser({
        onEvent: (event) => {
          // The server's retry hints come as events of empty data (its SSE library writes retry only with data).
          if (event.data === '') return;
          const numeric = /^\d+$/.test(event.id);
          if (numeric && event.type !== 'snapshot' && lastId != null && Number(event.id) <= Number(lastId)) return;
          if (numeric) lastId = event.id;
          if (onEvent(event)) throw new StreamEnded();
        },
        onRetry: (ms) => { serverRetryMs = ms; },
      });
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        listen();
        parser.push(decoder.decode(value, { stream: true }));
      }
      failure = new Error('the server ended the stream');
    } catch (error) {
      if (error instanceof StreamEnded) {
        connection.abort();
        onState('ended');
        return;
      }
      if (signal.aborted) return;
      if (ENDS_THE_WATCH.includes(error.status)) {
        onState('stopped', { error });
        return;
      }
      if (error.status === 429 || error.status >= 500) retryAfterMs = error.retryAfter == null ? null : error.retryAfter * 1000;
      // A silence cut the connection: say so, not that it was aborted.
      failure = connection.signal.aborted ? connection.signal.reason : error;
    } finally {
      clearTimeout(silence);
    }
    const delayMs = retryAfterMs ?? reconnectDelayMs(previousMs, Math.max(baseMs, serverRetryMs), maxMs, random);
    previousMs = delayMs;
    onState('reconnecting', { delayMs, error: failure });
    try {
      await wait(delayMs, signal);
    } catch {
      return;
    }
  }
}

class StreamEnded extends Error {}

/**
 * The world a world stream's event carries, with {@code changes} (what changed since the state before:
 * advance, meta, scheduler, paused, resumed; none for a snapshot); null for an event that carries none.
 */
export function worldState({ type, data }) {
  if (type === 'snapshot') return { ...JSON.parse(data), changes: [] };
  if (type !== 'world_update') return null;
  const { world, changes = [] } = JSON.parse(data);
  return { ...world, changes };
}

/**
 * A view's "live updates" output, and the onState for follow() that keeps it saying, for people, what
 * the stream does: live, reconnecting…, {@code ended} (the text for a deletion), or why it stopped.
 */
export function liveIndicator(ended) {
  const output = h('output', { id: 'live-state' }, 'connecting…');
  const texts = { live: () => 'live', reconnecting: () => 'reconnecting…', ended: () => ended,
    stopped: ({ error }) => `not following: ${error.describe?.() ?? error.message}` };
  return {
    output,
    onState(state, detail) {
      output.value = texts[state](detail);
      output.dataset.state = state;
    },
  };
}
