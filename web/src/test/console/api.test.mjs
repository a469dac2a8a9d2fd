// Unit tests of the console's HTTP client: node --test web/src/test/console (see .ci/run).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError, createApi, newIdempotencyKey } from '../../main/webapp/console/js/api.js';

function answer(status, body, headers = {}) {
  return new Response(body == null ? null : JSON.stringify(body), {
    status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers },
  });
}

test('every call carries the bearer token of the moment, and a string body goes out as it is', async () => {
  const seen = [];
  let token = 'first';
  const api = createApi({ token: () => token, fetchImpl: async (url, init) => { seen.push({ url, init }); return answer(200, {}); } });
  await api.get('/game/worlds');
  token = 'second';
  await api.post('/dev/tokens', '{"user_id": 9007199254740993}');
  assert.equal(seen[0].url, '/api/v1/game/worlds');
  assert.equal(seen[0].init.headers.Authorization, 'Bearer first');
  assert.equal(seen[1].init.headers.Authorization, 'Bearer second');
  assert.equal(seen[1].init.body, '{"user_id": 9007199254740993}', 'all 19 digits kept');
});

test('a problem becomes an ApiError with its detail, violations, request id and wait', async () => {
  const api = createApi({ token: () => 't', fetchImpl: async () => answer(429,
    { status: 429, title: 'Too Many Requests', detail: 'Rate limit exceeded', error: 'rate_limited' },
    { 'Retry-After': '7', 'X-Request-Id': 'req-1' }) });
  const error = await api.get('/game/worlds').catch((e) => e);
  assert.ok(error instanceof ApiError);
  assert.equal(error.code, 'rate_limited');
  assert.equal(error.retryAfter, 7);
  assert.equal(error.describe(), '429 rate_limited: Rate limit exceeded — try again in 7 s — request id req-1');
});

test('violations of a 400 are kept with their JSON paths', async () => {
  const violations = [{ field: 'meta.relationship_schemas.default[1].max', message: 'max must be between 0 and 100' }];
  const api = createApi({ token: () => 't', fetchImpl: async () => answer(400,
    { status: 400, detail: 'bad', error: 'invalid_world_schemas', violations }, { 'X-Request-Id': 'r' }) });
  const error = await api.put('/game/worlds/1/meta', { meta: {} }).catch((e) => e);
  assert.deepEqual(error.violations, violations);
});

test('an unreachable service is an ApiError of status 0; an abort stays an abort', async () => {
  const down = createApi({ token: () => null, fetchImpl: async () => { throw new TypeError('fetch failed'); } });
  const error = await down.get('/x').catch((e) => e);
  assert.equal(error.status, 0);
  assert.match(error.describe(), /cannot be reached/);
  const controller = new AbortController();
  const slow = createApi({ token: () => null, fetchImpl: async () => answer(200, { late: true }) });
  controller.abort();
  await assert.rejects(slow.get('/x', { signal: controller.signal }), { name: 'AbortError' });
});

test('idempotency keys differ per click, with or without randomUUID', () => {
  assert.notEqual(newIdempotencyKey(), newIdempotencyKey());
  const insecure = { getRandomValues: (bytes) => globalThis.crypto.getRandomValues(bytes) };
  assert.match(newIdempotencyKey(insecure), /^[0-9a-f]{32}$/);
});

test('a 429 says its wait once, even when the detail says it too', () => {
  const error = new ApiError({ status: 429, code: 'rate_limited', detail: 'Too many session-patch requests; retry after 3 s',
    retryAfter: 3 });
  assert.equal(error.describe(), '429 rate_limited: Too many session-patch requests — try again in 3 s');
  assert.equal(error.describe().match(/\d+ s/g).length, 1);
});
