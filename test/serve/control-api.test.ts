import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ReceivedMessage, WaitTimeout } from '../../src/serve/api-types.js';
import type { RunningServer } from '../../src/serve/server.js';
import { basic, order, post, send, serve, SHOP } from './helpers.js';

// The server's own API, for tests: messages, wait, reset (generations), report, status.
let server: RunningServer;
let url: string;

beforeAll(async () => {
  server = await serve();
  url = server.url;
});
afterAll(() => server.close());
beforeEach(() => {
  server.intake.reset();
});

const get = (path: string) => send(url, path, { method: 'GET' });
const ids = (list: unknown) => (list as ReceivedMessage[]).map((m) => m.message['messageId']);

describe('GET /trackplan/messages', () => {
  it('lists the messages of the generation with their violations, each located in the plan', async () => {
    await post(url, '/v1/batch', { batch: [order('o1'), order('o2', { total: -1, currency: 'eur' }), { type: 'identify', userId: 'u1', traits: { email: 'nope' } }, { type: 'track', event: 'Wishlist Added', userId: 'u1', messageId: 'w' }] });
    const r = await get('/trackplan/messages');
    expect(r.status).toBe(200);
    const list = JSON.parse(r.text) as ReceivedMessage[];
    expect(list.map((m) => [m.seq - list[0]!.seq, m.generation, m.valid])).toEqual([[0, server.intake.generation, true], [1, server.intake.generation, false], [2, server.intake.generation, false], [3, server.intake.generation, true]]);
    expect(list[1]!.violations).toEqual([
      { code: 'out-of-range', severity: 'error', path: 'properties.total', message: 'must be ≥ 0', value: -1, plan: { file: SHOP, range: { start: { line: 16, col: 7 }, end: { line: 16, col: 12 } } } },
      { code: 'pattern-mismatch', severity: 'error', path: 'properties.currency', message: 'must match /^[A-Z]{3}$/', value: 'eur', plan: { file: SHOP, range: { start: { line: 21, col: 7 }, end: { line: 21, col: 15 } } } },
    ]);
    expect(list[2]!.violations).toEqual([{ code: 'format-mismatch', severity: 'error', path: 'traits.email', message: 'must be a valid email', value: 'nope', plan: { file: SHOP, range: { start: { line: 39, col: 5 }, end: { line: 39, col: 10 } } } }]);
    // A warning leaves a message valid, as the audit counts it.
    expect(list[3]!.violations.map((v) => [v.code, v.severity])).toEqual([['deprecated-event', 'warn']]);
    expect(list[0]!.message).toEqual({ ...order('o1'), receivedAt: list[0]!.receivedAt });
  });

  it('filters by type, event, validity, and keeps the last `limit`', async () => {
    await post(url, '/v1/batch', { batch: [order('a'), order('b', { total: 'x' }), { type: 'page', name: 'Home', userId: 'u', messageId: 'p' }, order('c')] });
    expect(ids(JSON.parse((await get('/trackplan/messages?type=page')).text))).toEqual(['p']);
    expect(ids(JSON.parse((await get('/trackplan/messages?event=Order%20Completed')).text))).toEqual(['m-a', 'm-b', 'm-c']);
    expect(ids(JSON.parse((await get('/trackplan/messages?event=Home')).text))).toEqual(['p']);
    expect(ids(JSON.parse((await get('/trackplan/messages?valid=false')).text))).toEqual(['m-b']);
    expect(ids(JSON.parse((await get('/trackplan/messages?valid=true&limit=2')).text))).toEqual(['p', 'm-c']);
  });

  it.each([
    ['an unknown parameter', '/trackplan/messages?evnt=x', 'querystring must NOT have additional properties'],
    ['valid that is not a boolean', '/trackplan/messages?valid=maybe', 'querystring/valid must be boolean'],
    ['limit 0', '/trackplan/messages?limit=0', 'querystring/limit must be >= 1'],
    ['an unknown type', '/trackplan/messages?type=click', 'querystring/type must be equal to one of the allowed values'],
  ])('refuses %s (400)', async (_what, path, message) => {
    const r = await get(path);
    expect(r.status).toBe(400);
    expect(r.json).toEqual({ error: 'invalid-request', message });
  });
});

describe('POST /trackplan/wait', () => {
  const wait = (body: unknown) => send(url, '/trackplan/wait', { body: JSON.stringify(body) });

  it('answers at once when the messages are already stored', async () => {
    await post(url, '/v1/batch', { batch: [order('w1'), order('w2')] });
    const r = await wait({ match: { event: 'Order Completed' }, count: 2 });
    expect(r.status).toBe(200);
    expect(r.json['generation']).toBe(server.intake.generation);
    expect(ids(r.json['messages'])).toEqual(['m-w1', 'm-w2']);
  });

  it('is told of each message as it is stored, and answers when the count is reached (no polling)', async () => {
    let answered = false;
    const pending = wait({ match: { properties: { order_id: 'late' } }, count: 2, timeoutMs: 10_000 }).then((r) => {
      answered = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(server.intake.waits.size).toBe(1);
    await post(url, '/v1/track', order('late'));
    await new Promise((r) => setTimeout(r, 100));
    expect(answered).toBe(false);
    const t0 = Date.now();
    expect((await post(url, '/v1/track', { ...order('late'), messageId: 'm-late-2' })).status).toBe(200);
    const r = await pending;
    // Answered right after the second message, not at the end of a polling interval or the timeout.
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(ids(r.json['messages'])).toEqual(['m-late', 'm-late-2']);
    expect(server.intake.waits.size).toBe(0);
  });

  it('matches partially: nested objects by key, lists element by element (the message may have more)', async () => {
    await post(url, '/v1/track', { ...order('n1'), context: { page: { path: '/checkout' } }, properties: { order_id: 'n1', total: 5, products: [{ sku: 'a', price: 1 }, { sku: 'b', price: 2 }] } });
    for (const match of [{ properties: { products: [{ sku: 'a' }] } }, { properties: { products: [{}, { price: 2 }] } }, { context: { page: {} } }, { properties: { products: [] } }]) {
      expect([match, (await wait({ match, timeoutMs: 0 })).status]).toEqual([match, 200]);
    }
    for (const match of [{ properties: { products: [{ sku: 'b' }] } }, { properties: { products: [{}, {}, {}] } }, { properties: { total: '5' } }, { properties: { products: {} } }, { constructor: {} }, { properties: { toString: {} } }]) {
      expect([match, (await wait({ match, timeoutMs: 0 })).status]).toEqual([match, 408]);
    }
  });

  it('on timeout answers 408 with the closest messages (most matching values first) and where they differ', async () => {
    await send(url, '/v1/track', { body: 'not json' });
    await post(url, '/v1/batch', { batch: [order('c1', { currency: 'USD' }), { type: 'page', name: 'Home', userId: 'u', messageId: 'p1' }, order('c2', { total: 99 })] });
    const r = await wait({ match: { event: 'Order Completed', properties: { order_id: 'c2', total: 10, coupon: 'X' } }, timeoutMs: 50 });
    expect(r.status).toBe(408);
    const t = r.json as unknown as WaitTimeout;
    expect(t).toMatchObject({ error: 'timeout', generation: server.intake.generation, count: 1, found: 0, timeoutMs: 50, received: { messages: 3 } });
    expect(t.message).toBe(`Waited 50 ms for 1 message matching; 0 matched, of 3 messages stored in generation ${server.intake.generation}.`);
    expect(t.received.rejected['invalid-json']).toBeGreaterThanOrEqual(1);
    expect(t.closest.map((c) => [c.message.message['messageId'], c.matched, c.of, c.differences])).toEqual([
      ['m-c2', 2, 4, [{ path: 'properties.total', expected: 10, actual: 99 }, { path: 'properties.coupon', expected: 'X', missing: true }]],
      ['m-c1', 2, 4, [{ path: 'properties.order_id', expected: 'c2', actual: 'c1' }, { path: 'properties.coupon', expected: 'X', missing: true }]],
      ['p1', 0, 4, [{ path: 'event', expected: 'Order Completed', missing: true }, { path: 'properties', expected: { order_id: 'c2', total: 10, coupon: 'X' }, missing: true }]],
    ]);
  });

  it('ends with 409 when a reset ends its generation, and drops a wait whose client went away', async () => {
    const pending = wait({ match: { event: 'Never' }, timeoutMs: 10_000 });
    await new Promise((r) => setTimeout(r, 50));
    const reset = await send(url, '/trackplan/reset', { method: 'POST' });
    const r = await pending;
    expect(r.status).toBe(409);
    expect(r.json).toEqual({ error: 'reset', message: `The generation this wait was for (${reset.json['generation'] as number - 1}) ended: /trackplan/reset was called while it waited.` });

    const controller = new AbortController();
    const gone = fetch(`${url}/trackplan/wait`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ match: { event: 'Never' }, timeoutMs: 10_000 }), signal: controller.signal }).catch((e: Error) => e.name);
    await new Promise((r) => setTimeout(r, 50));
    expect(server.intake.waits.size).toBe(1);
    controller.abort();
    expect(await gone).toBe('AbortError');
    await new Promise((r) => setTimeout(r, 50));
    expect(server.intake.waits.size).toBe(0);
  });

  it.each([
    ['no match', {}, 'body must have required property \'match\''],
    ['a match that is not an object', { match: 'Order Completed' }, 'body/match must be object'],
    ['a timeout over 60 s', { match: {}, timeoutMs: 60_001 }, 'body/timeoutMs must be <= 60000'],
    ['a count of 0', { match: {}, count: 0 }, 'body/count must be >= 1'],
    ['an unknown key', { match: {}, timeout: 5 }, 'body must NOT have additional properties'],
    ['a match nested 100 deep', { match: JSON.parse(`${'{"a":'.repeat(100)}1${'}'.repeat(100)}`) as object }, 'body/match nests deeper than 64 levels.'],
  ])('refuses %s (400)', async (_what, body, message) => {
    const r = await wait(body);
    expect(r.status).toBe(400);
    expect(r.json).toEqual({ error: 'invalid-request', message });
  });

  it('refuses a body that is not JSON, or a __proto__ key (400, not a crash)', async () => {
    expect((await send(url, '/trackplan/wait', { body: '{"match":' })).status).toBe(400);
    expect((await send(url, '/trackplan/wait', { body: '{"match":{"__proto__":{"x":1}}}' })).status).toBe(400);
    expect((await get('/healthz')).status).toBe(200);
  });
});

describe('generations', () => {
  it('reset starts a generation and issues its key; earlier messages leave the list, the waits and the report', async () => {
    await post(url, '/v1/track', order('old', { total: 'bad' }));
    const r = await send(url, '/trackplan/reset', { method: 'POST' });
    expect(r.status).toBe(200);
    const { generation, writeKey } = r.json as { generation: number; writeKey: string };
    expect(generation).toBe(server.intake.generation);
    expect(writeKey).toMatch(new RegExp(`^tp-${generation}-[0-9a-f]{20}$`));
    expect(JSON.parse((await get('/trackplan/messages')).text)).toEqual([]);
    expect((await send(url, '/trackplan/wait', { body: JSON.stringify({ match: { messageId: 'm-old' }, timeoutMs: 0 }) })).status).toBe(408);
    const report = server.intake.report('current', {});
    expect(report.totals.read).toBe(0);
    expect(report.groups).toEqual([]);
  });

  it('a message sent with an issued key belongs to that key\'s generation whenever it arrives: a late flush of an earlier test is never counted in this one', async () => {
    const first = server.intake.reset();
    await post(url, '/v1/track', order('t1'), basic(first.writeKey));
    const second = server.intake.reset();
    // The first test's client flushes late, after the second test began.
    await post(url, '/v1/batch', { batch: [order('t1-late', { total: 'late' })], writeKey: first.writeKey });
    await post(url, '/v1/track', order('t2'), basic(second.writeKey));
    expect(ids(JSON.parse((await get('/trackplan/messages')).text))).toEqual(['m-t2']);
    expect((await send(url, '/trackplan/wait', { body: JSON.stringify({ match: { messageId: 'm-t1-late' }, timeoutMs: 0 }) })).status).toBe(408);
    const current = server.intake.report('current', {});
    expect([current.totals.read, current.verdict.failed]).toEqual([1, false]);
    // It was received all the same: stored with its own generation, and in the report of everything.
    const late = [...server.intake.store.newestFirst()].find((m) => JSON.parse(m.json).messageId === 'm-t1-late')!;
    expect(late.generation).toBe(first.generation);
    const all = server.intake.report('all', {});
    expect(all.groups.map((g) => [g.path, g.count])).toContainEqual(['properties.total', expect.any(Number)]);
    // A key not issued by the server: the generation current when the message arrives.
    await post(url, '/v1/track', order('t2-other'), basic('my-app-key'));
    expect(ids(JSON.parse((await get('/trackplan/messages')).text))).toEqual(['m-t2', 'm-t2-other']);
  });
});

describe('GET /trackplan/report', () => {
  it('gives the audit report of the generation in every format, with the verdict in a header', async () => {
    await post(url, '/v1/batch', { batch: [order('r1'), order('r2', { currency: 'eur' })] });
    const json = await get('/trackplan/report');
    expect(json.status).toBe(200);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(json.headers['x-trackplan-verdict']).toBe('failed');
    expect((json.json['verdict'] as { headline: string }).headline).toBe('FAILED: 1 violation at error severity.');
    for (const [format, type, start] of [['pretty', 'text/plain; charset=utf-8', 'FAILED: 1 violation'], ['junit', 'application/xml; charset=utf-8', '<?xml'], ['markdown', 'text/markdown; charset=utf-8', ''], ['github', 'text/plain; charset=utf-8', '::error title=trackplan audit::FAILED']] as const) {
      const r = await get(`/trackplan/report?format=${format}`);
      expect([format, r.status, r.headers['content-type'], r.headers['x-trackplan-verdict']]).toEqual([format, 200, type, 'failed']);
      expect(r.text.startsWith(start)).toBe(true);
    }
    const allowed = await get('/trackplan/report?max-violations=1&fail-on=pattern-mismatch,missing-required');
    expect(allowed.headers['x-trackplan-verdict']).toBe('passed');
    expect((allowed.json['verdict'] as { headline: string }).headline).toBe('PASSED: 1 violation of the --fail-on codes (pattern-mismatch, missing-required), within --max-violations 1.');
    const coverage = await get('/trackplan/report?fail-on=missing-required&min-coverage=0.9');
    expect((coverage.json['verdict'] as { reasons: string[] }).reasons).toEqual(['plan coverage 50%, below --min-coverage 90% (1 planned event never seen)']);
    const rate = await get('/trackplan/report?max-rate=0.5');
    expect(rate.headers['x-trackplan-verdict']).toBe('passed');
  });

  it.each([
    ['an unknown code', '/trackplan/report?fail-on=nope', 'Unknown code in --fail-on: nope. Known: '],
    ['a rate over 1', '/trackplan/report?max-rate=2', '--max-rate takes a number from 0 to 1, not "2".'],
    ['an unknown format', '/trackplan/report?format=pdf', 'querystring/format must be equal to one of the allowed values'],
    ['an unknown generation', '/trackplan/report?generation=last', 'querystring/generation must be equal to one of the allowed values'],
  ])('refuses %s with the audit\'s words (400)', async (_what, path, message) => {
    const r = await get(path);
    expect(r.status).toBe(400);
    expect(r.json['error']).toBe('invalid-request');
    expect(String(r.json['message']).startsWith(message)).toBe(true);
  });

  it('fails on an empty generation, as the audit fails on an empty capture', async () => {
    const r = await get('/trackplan/report');
    expect(r.headers['x-trackplan-verdict']).toBe('failed');
    expect((r.json['badInput'] as { counts: object }).counts).toEqual({ 'empty-input': 1 });
  });
});

describe('status and health', () => {
  it('says the generation, its key, the plan and the counts', async () => {
    await post(url, '/v1/track', order('s1'));
    const r = await get('/trackplan/status');
    expect(r.json).toMatchObject({ generation: server.intake.generation, writeKey: server.intake.generations.keyFor(), plan: { file: SHOP, name: 'shop', version: '1.0.0' }, messages: { generation: 1 } });
    expect(r.json['capture']).toBeUndefined();
    expect((await get('/healthz')).json).toEqual({ ok: true });
  });
});
