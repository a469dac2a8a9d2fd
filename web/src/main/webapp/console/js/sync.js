// Session writes without flicker and without lost updates (docs/origin.md, defects 13 and 14).
//
// The view shows the newest session the server answered, never an older one, with the user's
// unsaved change laid over it. A change is kept as what the user did (this flag set, that axis
// moved), not as a whole document, so when another client wrote first (409 version_conflict) it is
// applied again to the problem's current_session and sent again, a bounded number of times.

import { isAbort } from './api.js';

export const AXES = ['affinity', 'trust', 'chemistry', 'tension'];
// The server computes these from the axes on every answer; sending them back would store them.
const COMPUTED = ['tierId', 'intimacyLevelId'];

/** The change that turns the flags {@code base} into {@code edited}, top-level keys only. */
export function flagsChange(base, edited) {
  const set = {};
  for (const [key, value] of Object.entries(edited)) {
    if (!(key in base) || JSON.stringify(base[key]) !== JSON.stringify(value)) set[key] = value;
  }
  const remove = Object.keys(base).filter((key) => !(key in edited));
  return { flags: { set, remove } };
}

/** A change setting one axis of one NPC. */
export function axisChange(npc, axis, value) {
  return { relationships: { [npc]: { [axis]: value } } };
}

/** Both changes as one, the newer winning where they touch the same key. */
export function combine(older, newer) {
  if (!older) return newer;
  if (!newer) return older;
  const result = {};
  if (older.flags || newer.flags) {
    const a = older.flags || { set: {}, remove: [] };
    const b = newer.flags || { set: {}, remove: [] };
    const set = { ...a.set };
    for (const key of b.remove) delete set[key];
    Object.assign(set, b.set);
    const remove = [...new Set([...a.remove.filter((key) => !(key in b.set)), ...b.remove])];
    result.flags = { set, remove };
  }
  if (older.relationships || newer.relationships) {
    const relationships = { ...older.relationships };
    for (const [npc, axes] of Object.entries(newer.relationships || {})) {
      relationships[npc] = { ...relationships[npc], ...axes };
    }
    result.relationships = relationships;
  }
  return result;
}

/** The session as it will be once {@code change} is written on top of it. */
export function applyChange(session, change) {
  if (!change) return session;
  const result = { ...session };
  if (change.flags) {
    const flags = { ...session.flags };
    for (const key of change.flags.remove) delete flags[key];
    result.flags = Object.assign(flags, change.flags.set);
  }
  if (change.relationships) {
    const relationships = { ...session.relationships };
    for (const [npc, axes] of Object.entries(change.relationships)) {
      relationships[npc] = { ...relationships[npc], ...axes };
    }
    result.relationships = relationships;
  }
  return result;
}

/** The PATCH body that writes {@code change} on top of {@code session}, conditional on its version. */
export function patchBody(session, change) {
  const target = applyChange(session, change);
  const body = { expected_version: session.version };
  if (change.flags) body.flags = target.flags;
  if (change.relationships) {
    body.relationships = Object.fromEntries(Object.entries(target.relationships).map(([npc, entry]) => [
      npc,
      entry && typeof entry === 'object' && !Array.isArray(entry)
        ? Object.fromEntries(Object.entries(entry).filter(([key]) => !COMPUTED.includes(key)))
        : entry,
    ]));
  }
  return body;
}

/** For people: what a change does, e.g. "trust of npc:1 → 100; flag door set". */
export function describeChange(change) {
  const parts = [];
  for (const [npc, axes] of Object.entries(change.relationships || {})) {
    for (const [axis, value] of Object.entries(axes)) parts.push(`${axis} of ${npc} → ${value}`);
  }
  for (const key of Object.keys(change.flags?.set || {})) parts.push(`flag ${key} set`);
  for (const key of change.flags?.remove || []) parts.push(`flag ${key} removed`);
  return parts.join('; ') || 'no change';
}

/** The "only forward" rule: a session older than the one shown is never shown. */
export function isNotOlder(shown, incoming) {
  return !shown || shown.id !== incoming.id || incoming.version >= shown.version;
}

export function backoffMs(attempt, baseMs, random = Math.random) {
  return baseMs * 2 ** attempt + Math.floor(random() * baseMs);
}

export function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    function onAbort() {
      clearTimeout(timer);
      reject(signal.reason);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * One session as one view sees it. Edits are coalesced: the view shows each at once, but they are
 * written together once the user pauses (quietMs after the last edit), and at least every maxWaitMs
 * while edits keep coming, so fifty key presses on a slider cost one or two PATCHes, not fifty.
 * Changes made while a write is in flight wait for the next pause too, and go out together.
 *
 * Callbacks: onChange(view) whenever what to show changed; onMerged({change, over, saved}) when a
 * change was re-applied to another client's version; onError(error) when a change was given up.
 */
export class SessionSync {
  constructor({ api, session, signal, onChange = () => {}, onMerged = () => {}, onError = () => {},
    maxRetries = 4, baseDelayMs = 100, wait = sleep, quietMs = 300, maxWaitMs = 1000, timers = globalThis,
    now = () => Date.now() }) {
    Object.assign(this, { api, signal, onChange, onMerged, onError, maxRetries, baseDelayMs, wait, quietMs, maxWaitMs,
      timers, now });
    this.shown = session;
    this.inFlight = null;
    this.pending = null;
    this.timer = null;
    this.pendingSince = null;
    this.waiters = [];
    signal?.addEventListener('abort', () => {
      this.cancelTimer();
      this.settle();
    }, { once: true });
  }

  /** True while a change is not yet saved: waiting for a pause, or on its way. */
  busy() {
    return Boolean(this.inFlight || this.pending);
  }

  /** What the view shows: the newest server state with the unsaved changes on top. */
  view() {
    return applyChange(applyChange(this.shown, this.inFlight), this.pending);
  }

  /** NPCs whose computed tier is not yet the server's answer for what the view shows. */
  unsettledNpcs() {
    return new Set([...Object.keys(this.inFlight?.relationships || {}), ...Object.keys(this.pending?.relationships || {})]);
  }

  /** Takes a session the server answered, unless an answer of a newer version was shown already. */
  accept(session) {
    if (this.signal?.aborted || !isNotOlder(this.shown, session)) return false;
    this.shown = session;
    this.onChange(this.view());
    return true;
  }

  /**
   * Shows {@code change} at once and writes it at the next pause; the promise settles once nothing is
   * left to write (saved, given up, or the view left).
   */
  edit(change) {
    this.pending = combine(this.pending, change);
    this.onChange(this.view());
    const saved = new Promise((resolve) => this.waiters.push(resolve));
    if (this.quietMs <= 0) this.flush();
    else this.schedule();
    return saved;
  }

  /** The write waits for quietMs without an edit, but never more than maxWaitMs after the first unsaved edit. */
  schedule() {
    if (this.signal?.aborted) return;
    const at = this.now();
    this.pendingSince ??= at;
    this.cancelTimer();
    const delay = Math.max(0, Math.min(this.quietMs, this.pendingSince + this.maxWaitMs - at));
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.flush();
    }, delay);
  }

  cancelTimer() {
    if (this.timer != null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  settle() {
    if (this.signal?.aborted || (!this.busy() && this.timer == null)) {
      for (const resolve of this.waiters.splice(0)) resolve();
    }
  }

  async flush() {
    if (this.inFlight || !this.pending || this.signal?.aborted) {
      this.settle();
      return;
    }
    this.cancelTimer();
    this.pendingSince = null;
    this.inFlight = this.pending;
    this.pending = null;
    try {
      await this.write(this.inFlight);
    } catch (error) {
      if (isAbort(error)) {
        this.settle();
        return;
      }
      this.inFlight = null;
      this.onChange(this.view());
      this.onError(error);
    }
    // Edits made meanwhile go out at their pause (already scheduled), or now if their wait is over.
    if (this.pending && this.timer == null) return this.flush();
    this.settle();
  }

  async write(change) {
    let conflictedOver = null;
    for (let attempt = 0; ; attempt++) {
      const base = this.shown;
      try {
        const saved = await this.api.patch(`/game/sessions/${base.id}`, patchBody(base, change), {
          headers: { 'If-Match': `"${base.version}"` }, signal: this.signal,
        });
        this.inFlight = null;
        this.accept(saved);
        if (conflictedOver) this.onMerged({ change, over: conflictedOver, saved: saved.version, attempts: attempt + 1 });
        return;
      } catch (error) {
        const current = error?.code === 'version_conflict' ? error.problem?.current_session : null;
        if (!current) throw error;
        this.accept(current);
        conflictedOver = this.shown.version;
        if (attempt >= this.maxRetries) {
          error.message = `${error.message}; gave up after ${attempt + 1} conflicting writes by others`;
          throw error;
        }
        await this.wait(backoffMs(attempt, this.baseDelayMs), this.signal);
      }
    }
  }
}
