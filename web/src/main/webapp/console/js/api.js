// The console's HTTP client: every call carries the tab's bearer token, and every failure becomes an
// ApiError that keeps what a person needs to act on it (detail, violations, X-Request-Id, Retry-After).

export const API_BASE = '/api/v1';

export class ApiError extends Error {
  constructor({ status, code, detail, requestId, retryAfter, violations, problem }) {
    super(detail || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.requestId = requestId;
    this.retryAfter = retryAfter;
    this.violations = violations || [];
    this.problem = problem;
  }

  /** One line for people: what happened, how long to wait (said once), and the id to quote. */
  describe() {
    const waits = this.status === 429 && this.retryAfter != null;
    // The server's detail may say the wait too ("...; retry after 7 s"): the header's figure is said instead.
    const message = waits ? this.message.replace(/[;,.]?\s*(retry|try again) (after|in) \d+ ?s\.?$/i, '') : this.message;
    const parts = [this.status ? `${this.status} ${this.code || ''}`.trim() + ': ' + message : message];
    if (waits) parts.push(`try again in ${this.retryAfter} s`);
    if (this.requestId) parts.push(`request id ${this.requestId}`);
    return parts.join(' — ');
  }
}

export function isAbort(error) {
  return error?.name === 'AbortError';
}

/** A random key per user action; crypto.randomUUID exists only on secure origins, getRandomValues everywhere. */
export function newIdempotencyKey(crypto = globalThis.crypto) {
  if (crypto.randomUUID) return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * @param token a function answering the current bearer token (read at each call, so signing in
 *              again takes effect at once)
 */
export function createApi({ token, fetchImpl = (...args) => globalThis.fetch(...args), base = API_BASE }) {
  // A string body is sent as it is: JSON text that a JavaScript number could not hold (a 64-bit id).
  async function send(method, path, { body, headers = {}, signal, contentType = 'application/json' } = {}) {
    const sent = { Accept: 'application/json, application/problem+json', ...headers };
    const bearer = token();
    if (bearer) sent.Authorization = `Bearer ${bearer}`;
    if (body !== undefined) sent['Content-Type'] = contentType;
    try {
      return await fetchImpl(base + path, {
        method, headers: sent, signal, body: body === undefined || typeof body === 'string' ? body : JSON.stringify(body),
      });
    } catch (error) {
      if (isAbort(error)) throw error;
      throw new ApiError({ status: 0, detail: `The service cannot be reached (${error.message})` });
    }
  }

  async function call(method, path, options = {}) {
    const response = await send(method, path, options);
    const text = await response.text();
    // An answer that arrives after its view was left must not reach the page (docs/origin.md, defect 14).
    options.signal?.throwIfAborted();
    const json = text ? parseJson(text) : null;
    if (!response.ok) throw refusal(response, json);
    return json;
  }

  /** An event stream: the open response, whose body the caller reads as it comes; a refusal throws its ApiError. */
  async function stream(path, { headers = {}, signal } = {}) {
    const response = await send('GET', path, { headers: { ...headers, Accept: 'text/event-stream' }, signal });
    if (!response.ok) throw refusal(response, parseJson(await response.text()));
    return response;
  }

  return {
    call,
    stream,
    get: (path, options) => call('GET', path, options),
    post: (path, body, options) => call('POST', path, { ...options, body }),
    put: (path, body, options) => call('PUT', path, { ...options, body }),
    patch: (path, body, options) => call('PATCH', path, { ...options, body }),
    delete: (path, options) => call('DELETE', path, options),
  };
}

/**
 * Signals for one view: each is aborted when the view is left, and a request of a kind aborts the
 * previous request of the same kind, so no late answer can overwrite a newer one.
 */
export function requestScope(viewSignal) {
  const controllers = new Map();
  return function latest(kind) {
    controllers.get(kind)?.abort();
    const controller = new AbortController();
    controllers.set(kind, controller);
    return AbortSignal.any([viewSignal, controller.signal]);
  };
}

function refusal(response, json) {
  const retryAfter = response.headers.get('Retry-After');
  return new ApiError({
    status: response.status,
    code: json?.error,
    detail: json?.detail || response.statusText || `HTTP ${response.status}`,
    requestId: response.headers.get('X-Request-Id'),
    retryAfter: retryAfter == null ? null : Number(retryAfter),
    violations: json?.violations,
    problem: json,
  });
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
