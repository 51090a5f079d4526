import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/serve/server.js';
import { basic, order, post, send, serve } from './helpers.js';

// Segment's HTTP API as the SDKs send it, and every way a request can be wrong: each gets the
// status Segment gives (never a 5xx, which SDKs retry), is counted, and the server keeps serving.
let server: RunningServer;
let url: string;

beforeAll(async () => {
  server = await serve();
  url = server.url;
});
afterAll(() => server.close());

async function stored(): Promise<{ type: string; event?: string; name?: string; messageId: string }[]> {
  return server.intake.current().map((m) => JSON.parse(m.json) as { type: string; messageId: string });
}

describe("Segment's paths", () => {
  it('takes each call on its own path and the short ones, JSON or text/plain; the path gives the type', async () => {
    server.intake.reset();
    const sent: [string, Record<string, unknown>, string?][] = [
      ['/v1/track', { event: 'Product Viewed', userId: 'u', properties: { product_id: 'p1' } }],
      ['/v1/t', { event: 'Product Viewed', anonymousId: 'a', properties: { product_id: 'p2' } }, 'text/plain;charset=UTF-8'],
      ['/v1/identify', { userId: 'u', traits: { email: 'a@b.co' } }],
      ['/v1/i', { userId: 'u', traits: {} }, 'text/plain'],
      ['/v1/page', { userId: 'u', name: 'Home' }],
      ['/v1/p', { userId: 'u', name: 'Home' }, 'text/plain'],
      ['/v1/screen', { userId: 'u', name: 'Settings' }],
      ['/v1/s', { userId: 'u', name: 'Settings' }],
      ['/v1/group', { userId: 'u', groupId: 'g' }],
      ['/v1/g', { userId: 'u', groupId: 'g' }],
      ['/v1/alias', { userId: 'u', previousId: 'a' }],
      ['/v1/a', { userId: 'u', previousId: 'a' }],
    ];
    for (const [path, message, type] of sent) {
      const r = await send(url, path, { body: JSON.stringify(message), headers: type ? { 'content-type': type } : {} });
      expect([path, r.status, r.text]).toEqual([path, 200, '{}']);
    }
    const got = await stored();
    expect(got.map((m) => m.type)).toEqual(['track', 'track', 'identify', 'identify', 'page', 'page', 'screen', 'screen', 'group', 'group', 'alias', 'alias']);
    // Every message gets receivedAt and a messageId (it had none).
    for (const m of got) expect(m).toMatchObject({ receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), messageId: expect.stringMatching(/^trackplan-[0-9a-f-]{36}$/) });
  });

  it('takes batches on /v1/batch, /v1/b and /v1/import; a batch context and integrations apply to each message, the message winning', async () => {
    server.intake.reset();
    for (const path of ['/v1/batch', '/v1/b', '/v1/import']) {
      const r = await post(url, path, { batch: [order(`${path}-1`), { ...order(`${path}-2`), context: { ip: '10.0.0.9' } }], context: { ip: '10.0.0.1', locale: 'de-DE' }, integrations: { All: false }, sentAt: '2026-01-01T00:00:00.000Z' });
      expect(r.status).toBe(200);
    }
    const got = (await stored()) as unknown as { messageId: string; context: object; integrations: object }[];
    expect(got.map((m) => m.messageId)).toEqual(['m-/v1/batch-1', 'm-/v1/batch-2', 'm-/v1/b-1', 'm-/v1/b-2', 'm-/v1/import-1', 'm-/v1/import-2']);
    expect(got[0]!.context).toEqual({ ip: '10.0.0.1', locale: 'de-DE' });
    expect(got[1]!.context).toEqual({ ip: '10.0.0.9', locale: 'de-DE' });
    expect(got[0]!.integrations).toEqual({ All: false });
  });

  it('reads gzip bodies (one member or several) and a byte-order mark', async () => {
    server.intake.reset();
    expect((await send(url, '/v1/batch', { body: gzipSync(JSON.stringify({ batch: [order('g1')] })), headers: { 'content-encoding': 'gzip' } })).status).toBe(200);
    const text = JSON.stringify({ batch: [order('g2')] });
    const two = Buffer.concat([gzipSync(text.slice(0, 10)), gzipSync(text.slice(10))]);
    expect((await send(url, '/v1/b', { body: two, headers: { 'content-encoding': 'x-gzip' } })).status).toBe(200);
    expect((await send(url, '/v1/t', { body: `\uFEFF${JSON.stringify(order('bom'))}` })).status).toBe(200);
    expect((await stored()).map((m) => m.messageId)).toEqual(['m-g1', 'm-g2', 'm-bom']);
  });

  it('keeps the write key from Basic auth or the body', async () => {
    server.intake.reset();
    await post(url, '/v1/track', order('k1'), basic('header-key'));
    await post(url, '/v1/track', { ...order('k2'), writeKey: 'body-key' });
    await post(url, '/v1/batch', { batch: [order('k3')], writeKey: 'batch-key' });
    expect(server.intake.current().map((m) => m.writeKey)).toEqual(['header-key', 'body-key', 'batch-key']);
  });

  it('serves settings that point analytics-next here, and answers its metrics without storing them', async () => {
    const r = await send(url, '/v1/projects/some-key/settings', { method: 'GET' });
    expect(r.status).toBe(200);
    const host = new URL(url).host;
    expect(r.json['integrations']).toEqual({ 'Segment.io': expect.objectContaining({ apiKey: 'some-key', apiHost: `${host}/v1`, protocol: 'http' }) });
    const before = server.intake.status().messages.received;
    const m = await send(url, '/v1/m', { body: JSON.stringify({ series: [{ type: 'Counter', metric: 'analytics_js.invoke', value: 1, tags: {} }] }), headers: { 'content-type': 'text/plain' } });
    expect(m.status).toBe(200);
    expect(server.intake.status().messages.received).toBe(before);
  });

  it('answers a CORS preflight for a page on another origin sending an Authorization header', async () => {
    const r = await send(url, '/v1/t', { method: 'OPTIONS', headers: { origin: 'http://127.0.0.1:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });
    expect(r.status).toBe(204);
    expect(r.headers['access-control-allow-origin']).toBe('http://127.0.0.1:5173');
    expect(String(r.headers['access-control-allow-headers'])).toMatch(/authorization/i);
    expect(String(r.headers['access-control-allow-methods'])).toMatch(/POST/);
    const post1 = await send(url, '/v1/t', { body: JSON.stringify(order('cors')), headers: { origin: 'http://127.0.0.1:5173' } });
    expect(post1.headers['access-control-allow-origin']).toBe('http://127.0.0.1:5173');
  });
});

describe('bad requests', () => {
  const big = (bytes: number) => ({ ...order('big'), properties: { order_id: 'big', total: 1, pad: 'x'.repeat(bytes) } });
  const deep = (levels: number) => `{"batch":[{"type":"track","event":"Order Completed","userId":"u","properties":{"x":${'['.repeat(levels)}${']'.repeat(levels)}}}]}`;
  // [what, path, request, status, error code, where it is counted: the report's bad input, or refused requests]
  const table: [string, string, { method?: string; headers?: Record<string, string>; body?: string | Buffer }, number, string, 'report' | 'refused'][] = [
    ['not JSON', '/v1/track', { body: '{"event": "Order Completed", tru' }, 400, 'invalid-json', 'report'],
    ['not JSON over several lines', '/v1/batch', { body: '{"batch": [\n  {"type": "track",\n  "event": "x\ny"}]}' }, 400, 'invalid-json', 'report'],
    ['not UTF-8', '/v1/track', { body: Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]) }, 400, 'invalid-utf8', 'report'],
    ['an empty body', '/v1/track', { body: '' }, 400, 'empty-body', 'refused'],
    ['a message over 32 KB', '/v1/track', { body: JSON.stringify(big(33 * 1024)) }, 400, 'message-too-large', 'refused'],
    ['a batch member over 32 KB', '/v1/batch', { body: JSON.stringify({ batch: [order('ok'), big(33 * 1024)] }) }, 400, 'message-too-large', 'refused'],
    ['a batch over 500 KB', '/v1/batch', { body: JSON.stringify({ batch: Array.from({ length: 20 }, () => big(26 * 1024)) }) }, 400, 'batch-too-large', 'refused'],
    ['a gzip bomb (small, over 500 KB inflated)', '/v1/batch', { body: gzipSync(JSON.stringify({ batch: [big(1024 * 1024)] })), headers: { 'content-encoding': 'gzip' } }, 400, 'batch-too-large', 'refused'],
    ['gzip that is not gzip', '/v1/batch', { body: JSON.stringify({ batch: [order('lie')] }), headers: { 'content-encoding': 'gzip' } }, 400, 'bad-gzip', 'refused'],
    ['gzip followed by bytes that are not gzip', '/v1/batch', { body: Buffer.concat([gzipSync(JSON.stringify({ batch: [order('tail')] })), Buffer.from('garbage!')]), headers: { 'content-encoding': 'gzip' } }, 400, 'bad-gzip', 'refused'],
    ['gzip cut short', '/v1/batch', { body: gzipSync(JSON.stringify({ batch: [order('cut')] })).subarray(0, 40), headers: { 'content-encoding': 'gzip' } }, 400, 'bad-gzip', 'refused'],
    ['an encoding other than gzip', '/v1/track', { body: JSON.stringify(order('br')), headers: { 'content-encoding': 'br' } }, 415, 'unsupported-encoding', 'refused'],
    ['a form body', '/v1/track', { body: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 415, 'unsupported-media-type', 'refused'],
    ['a body without Content-Type', '/v1/track', { body: JSON.stringify(order('nct')), headers: { 'content-type': '' } }, 415, 'unsupported-media-type', 'refused'],
    ['a batch that is not {batch: [...]}', '/v1/batch', { body: JSON.stringify(order('nb')) }, 400, 'not-a-batch', 'refused'],
    ['a list posted as a batch', '/v1/batch', { body: JSON.stringify([order('nb')]) }, 400, 'not-a-batch', 'refused'],
    ['a message that is not an object', '/v1/track', { body: '"Order Completed"' }, 400, 'not-a-message', 'refused'],
    ['a message nested too deeply to store', '/v1/batch', { body: deep(100_000) }, 400, 'too-deep', 'refused'],
    ['the wrong method', '/v1/track', { method: 'GET' }, 405, 'method-not-allowed', 'refused'],
    ['the wrong method on the own API', '/trackplan/reset', { method: 'DELETE' }, 405, 'method-not-allowed', 'refused'],
    ['an unknown path', '/v1/trak', { body: JSON.stringify(order('typo')) }, 404, 'not-found', 'refused'],
    ['an unknown path outside /v1', '/index.php', { method: 'GET' }, 404, 'not-found', 'refused'],
  ];

  it.each(table)('%s: %s → %i %s', async (_what, path, req, status, code, where) => {
    server.intake.reset();
    const before = server.intake.status().rejected[code] ?? 0;
    const r = await send(url, path, req);
    expect(r.status).toBe(status);
    expect(r.json['error']).toBe(code);
    expect(typeof r.json['message']).toBe('string');
    expect(server.intake.status().rejected[code]).toBe(before + 1);
    const report = server.intake.report('current', {});
    if (where === 'report') expect(report.badInput.counts).toEqual({ [code]: 1 });
    else expect(report.badInput.counts).toEqual({ 'empty-input': 1 });
    // Nothing of a refused request is stored, and the server goes on serving.
    expect(server.intake.current()).toEqual([]);
    expect((await post(url, '/v1/track', order('after'))).status).toBe(200);
    expect(server.intake.current().map((m) => m.line > 0 && JSON.parse(m.json).messageId)).toEqual(['m-after']);
  });

  it('a 405 names the methods the path takes', async () => {
    expect((await send(url, '/v1/batch', { method: 'PUT' })).headers['allow']).toBe('POST');
    expect((await send(url, '/trackplan/messages', { method: 'POST', body: '{}' })).headers['allow']).toBe('GET, HEAD');
  });

  it('members of a batch that are not messages are counted as the audit counts them; the rest are stored, and the answer is 200 (Segment drops them so)', async () => {
    server.intake.reset();
    const r = await post(url, '/v1/batch', { batch: [order('b1'), 42, null, ['a'], { type: 'track', userId: 'u' }, { type: 'shout', userId: 'u' }, { userId: 'u' }, order('b2')] });
    expect(r.status).toBe(200);
    expect(server.intake.current().map((m) => JSON.parse(m.json).messageId)).toEqual(['m-b1', 'm-b2']);
    const report = server.intake.report('current', {});
    expect(report.badInput.counts).toEqual({ 'malformed-message': 6 });
    expect(report.badInput.examples.map((e) => e.message)).toEqual([
      'A message must be a JSON object, not number.',
      'A message must be a JSON object, not null.',
      'A message must be a JSON object, not a list.',
      'A track message needs an `event` name (a non-empty string).',
      'Unknown message type "shout"; expected track, identify, page, screen, group or alias.',
      'A message without `type` (and without `event`) is not a Segment message.',
    ]);
  });

  it('never answers bad input with a 5xx: 300 seeded garbage bodies on every path', async () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    const pieces = ['{', '}', '[', ']', '"', ':', ',', 'batch', 'type', 'track', 'event', '1e999', '-', '0', 'null', 'true', '\\', '\\u00', '\n', ' ', '\u0000', 'é', '\uFEFF', '{"batch":', '{"type":"track","event":"x","userId":"u","properties":'];
    const paths = ['/v1/track', '/v1/t', '/v1/batch', '/v1/b', '/v1/identify', '/v1/page', '/v1/import'];
    for (let i = 0; i < 300; i++) {
      const body = Array.from({ length: 1 + rand(40) }, () => pieces[rand(pieces.length)]).join('');
      const r = await send(url, paths[rand(paths.length)]!, { body });
      expect(r.status, body).toBeLessThan(500);
    }
    expect((await post(url, '/v1/track', order('alive'))).status).toBe(200);
  });
});

describe('slow clients', () => {
  it('a client that sends its headers too slowly gets a 408 and its connection is closed; counted', async () => {
    const { Socket } = await import('node:net');
    const before = server.intake.status().rejected['timeout'] ?? 0;
    const answer = (text: string) =>
      new Promise<string>((resolve) => {
        const u = new URL(url);
        const s = new Socket();
        let got = '';
        s.connect(Number(u.port), u.hostname, () => s.write(text));
        s.on('data', (d) => (got += d));
        s.on('close', () => resolve(got));
      });
    const t0 = Date.now();
    const [headers, body] = await Promise.all([answer('POST /v1/track HTTP/1.1\r\nHost: x\r\n'), answer('POST /v1/track HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"type":')]);
    expect(headers).toMatch(/^HTTP\/1\.1 408 /);
    expect(body).toMatch(/^HTTP\/1\.1 408 /);
    expect(body).toContain('"error":"timeout"');
    // The test server's limits: 400 ms for headers, 800 ms for the whole request.
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(server.intake.status().rejected['timeout']).toBe(before + 2);
    expect((await post(url, '/v1/track', order('after-slow'))).status).toBe(200);
  });
});

describe('clients that go away', () => {
  it('a client that leaves in the middle of its body is counted once (aborted); nothing of it is stored', async () => {
    server.intake.reset();
    const { Socket } = await import('node:net');
    const before = { ...server.intake.status().rejected };
    const u = new URL(url);
    await new Promise<void>((resolve) => {
      const s = new Socket();
      s.connect(Number(u.port), u.hostname, () => {
        s.write(`POST /v1/batch HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"batch":[${JSON.stringify(order('gone'))}`);
        setTimeout(() => s.end(), 50);
      });
      s.on('close', () => resolve());
    });
    await new Promise((r) => setTimeout(r, 50));
    const after = server.intake.status().rejected;
    const changed = Object.fromEntries(Object.entries(after).filter(([k, n]) => n !== (before[k] ?? 0)).map(([k, n]) => [k, n - (before[k] ?? 0)]));
    expect(changed).toEqual({ aborted: 1 });
    expect(server.intake.current()).toEqual([]);
    expect((await post(url, '/v1/track', order('after-gone'))).status).toBe(200);
  });
});

describe('--write-key', () => {
  let keyed: RunningServer;
  beforeAll(async () => {
    keyed = await serve({ writeKeys: ['k1', 'k2'] });
  });
  afterAll(() => keyed.close());

  it('takes only the keys given (Basic auth or body) and the keys reset issues; anything else is 401, counted, not stored', async () => {
    const u = keyed.url;
    const cases: [string, Record<string, string>, Record<string, unknown>, number][] = [
      ['Basic k1', basic('k1'), order('a'), 200],
      ['body k2', {}, { ...order('b'), writeKey: 'k2' }, 200],
      ['no key', {}, order('c'), 401],
      ['wrong Basic', basic('nope'), order('d'), 401],
      ['wrong body key', {}, { ...order('e'), writeKey: 'nope' }, 401],
      ['a Bearer token', { authorization: 'Bearer k1' }, order('f'), 401],
      ['a made-up issued key', {}, { ...order('g'), writeKey: 'tp-1-00000000000000000000' }, 401],
    ];
    for (const [what, headers, body, status] of cases) expect([what, (await post(u, '/v1/track', body, headers)).status]).toEqual([what, status]);
    const { writeKey } = keyed.intake.reset();
    expect((await post(u, '/v1/track', order('h'), basic(writeKey))).status).toBe(200);
    // A batch whose members carry a key of their own: each must be allowed.
    expect((await post(u, '/v1/batch', { batch: [{ ...order('i'), writeKey: 'nope' }] }, basic('k1'))).status).toBe(401);
    // Not JSON with a wrong key: refused before it is counted as bad input.
    expect((await send(u, '/v1/track', { body: 'nope', headers: basic('nope') })).status).toBe(401);
    expect(keyed.intake.status().rejected['unauthorized']).toBe(7);
    expect(keyed.intake.status().messages.received).toBe(3);
    expect((await send(u, '/v1/projects/nope/settings', { method: 'GET' })).status).toBe(401);
    expect((await send(u, '/v1/projects/k1/settings', { method: 'GET' })).status).toBe(200);
  });
});
