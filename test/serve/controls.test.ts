import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/serve/server.js';
import { cli } from '../cli/run-cli.js';
import { basic, order, post, send, serve, SHOP } from './helpers.js';
import { fakeUpstream, until } from './upstream.js';

// Protocols' controls, offline: blocked messages are answered 200 (as Segment does), stored
// with why, written to the quarantine and not forwarded; `omit` takes unplanned properties out
// of what goes upstream, at every depth. And /metrics, parsed as Prometheus would.
const root = mkdtempSync(join(tmpdir(), 'trackplan-controls-'));
let n = 0;
const FAST = { flushIntervalMs: 20, minBackoffMs: 20, maxBackoffMs: 300, timeoutMs: 300 };
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

// A nested object and a list of objects, to omit at depth.
const NESTED = join(root, 'nested.yaml');
writeFileSync(NESTED, `trackplan: 1
name: nested
strict: true
events:
  Cart Viewed:
    description: A cart.
    properties:
      cart:
        type: object
        description: The cart.
        properties:
          id:
            type: string
            description: Its id.
      products:
        type: array
        description: What is in it.
        items:
          type: object
          description: One product.
          properties:
            sku:
              type: string
              description: Its SKU.
`);

async function setup(options: Parameters<typeof serve>[0]): Promise<{ s: RunningServer; up: Awaited<ReturnType<typeof fakeUpstream>>; quarantine: string }> {
  const up = await fakeUpstream();
  const quarantine = join(root, `quarantine-${++n}.ndjson`);
  const s = await serve({ forward: up.url, queueDir: join(root, `q${n}`), forwarding: FAST, shutdownGraceMs: 200, quarantine, ...options });
  cleanup.push(up.close, () => s.close());
  return { s, up, quarantine };
}

const lines = (file: string) => readFileSync(file, 'utf8').trimEnd().split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
const forwardedIds = (up: { accepted: { messages: Record<string, unknown>[] }[] }) => up.accepted.flatMap((b) => b.messages.map((m) => m['messageId']));

describe('serve controls', () => {
  it('--unplanned-events block: answered 200, stored as blocked, quarantined with its violation, not forwarded', async () => {
    const { s, up, quarantine } = await setup({ controls: { unplannedEvents: 'block' } });
    const unplanned = { type: 'track', event: 'Coupon Applied', userId: 'u1', messageId: 'm-coupon', properties: { code: 'X' } };
    const r = await post(s.url, '/v1/batch', { batch: [order('ok'), unplanned, order('bad', { total: 'ten' })] }, basic('k'));
    expect(r.status).toBe(200);
    await until(() => forwardedIds(up).length === 2);
    // Violations are allowed (the default): the invalid order goes on.
    expect(forwardedIds(up)).toEqual(['m-ok', 'm-bad']);
    const q = lines(quarantine);
    expect(q).toEqual([{ blocked: 'unplanned-event', receivedAt: expect.any(String), writeKey: 'k', violations: [{ code: 'unplanned-event', severity: 'error', path: 'event', message: 'Event "Coupon Applied" is not in the plan', value: 'Coupon Applied' }], message: { ...unplanned, receivedAt: q[0]!['receivedAt'] } }]);
    const stored = JSON.parse((await send(s.url, '/trackplan/messages', { method: 'GET' })).text) as Record<string, unknown>[];
    expect(stored.map((m) => [m['message'] && (m['message'] as Record<string, unknown>)['messageId'], m['blocked'] ?? null])).toEqual([['m-ok', null], ['m-coupon', 'unplanned-event'], ['m-bad', null]]);
  });

  it('--violations block: messages with an error are quarantined, unplanned events too are not its business', async () => {
    const { s, up, quarantine } = await setup({ controls: { violations: 'block' } });
    const unplanned = { type: 'track', event: 'Coupon Applied', userId: 'u1', messageId: 'm-coupon' };
    expect((await post(s.url, '/v1/batch', { batch: [order('ok'), order('bad', { currency: 'eur' }), unplanned] })).status).toBe(200);
    await until(() => forwardedIds(up).length === 2);
    expect(forwardedIds(up)).toEqual(['m-ok', 'm-coupon']);
    const q = lines(quarantine);
    expect(q.map((l) => [l['blocked'], (l['message'] as Record<string, unknown>)['messageId'], (l['violations'] as { code: string; path: string }[]).map((v) => `${v.code}@${v.path}`)])).toEqual([['violations', 'm-bad', ['pattern-mismatch@properties.currency']]]);
    expect(q[0]).not.toHaveProperty('writeKey');
  });

  it('--unplanned-properties omit: unplanned keys are taken out at every depth before forwarding; the stored message is as sent and says what was omitted', async () => {
    const { s, up, quarantine } = await setup({ plan: NESTED, controls: { unplannedProperties: 'omit', violations: 'block' } });
    const sent = { type: 'track', event: 'Cart Viewed', userId: 'u1', messageId: 'm-cart', properties: { cart: { id: 'c1', secret: 's' }, products: [{ sku: 'a' }, { sku: 'b', email: 'x@y.z' }], debug: true } };
    expect((await post(s.url, '/v1/track', sent)).status).toBe(200);
    await until(() => forwardedIds(up).length === 1);
    // Omitting mends the message: `violations: block` does not block it for the keys omitted.
    expect(up.accepted[0]!.messages[0]!['properties']).toEqual({ cart: { id: 'c1' }, products: [{ sku: 'a' }, { sku: 'b' }] });
    const [m] = JSON.parse((await send(s.url, '/trackplan/messages', { method: 'GET' })).text) as Record<string, unknown>[];
    expect([...(m!['omitted'] as string[])].sort()).toEqual(['properties.cart.secret', 'properties.debug', 'properties.products[1].email']);
    expect((m!['message'] as Record<string, unknown>)['properties']).toEqual(sent.properties);
    expect(readFileSync(quarantine, 'utf8')).toBe('');
    const metrics = parse((await send(s.url, '/metrics', { method: 'GET' })).text);
    expect(metrics.get('trackplan_omitted_properties_total')).toBe(3);
  });

  it('/metrics: Prometheus text, counts by type/event/verdict, violations by code, bad requests by reason, the queue and the upstream', async () => {
    const { s, up } = await setup({ controls: { unplannedEvents: 'block' } });
    up.next = [{ status: 500 }];
    await post(s.url, '/v1/batch', { batch: [order('a'), order('b', { total: -1 }), { type: 'track', event: 'Nope', userId: 'u' }, { type: 'identify', userId: 'u' }] });
    await send(s.url, '/v1/track', { body: '{not json' });
    await until(() => forwardedIds(up).length === 3);
    // The upstream's 200 comes before the segment's file is deleted.
    await until(() => s.forwarder!.queue.depth.messages === 0);
    const r = await send(s.url, '/metrics', { method: 'GET' });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    const m = parse(r.text);
    expect(m.get('trackplan_messages_total{type="track",event="Order Completed",verdict="valid"}')).toBe(1);
    expect(m.get('trackplan_messages_total{type="track",event="Order Completed",verdict="invalid"}')).toBe(1);
    expect(m.get('trackplan_messages_total{type="track",event="Nope",verdict="blocked"}')).toBe(1);
    expect(m.get('trackplan_messages_total{type="identify",event="",verdict="valid"}')).toBe(1);
    expect(m.get('trackplan_violations_total{code="out-of-range"}')).toBe(1);
    expect(m.get('trackplan_violations_total{code="unplanned-event"}')).toBe(1);
    expect(m.get('trackplan_bad_requests_total{reason="invalid-json"}')).toBe(1);
    expect(m.get('trackplan_upstream_failures_total{status="500"}')).toBe(1);
    expect(m.get('trackplan_forwarded_total')).toBe(3);
    expect(m.get('trackplan_forward_queue_messages')).toBe(0);
    expect(m.get('trackplan_forward_queue_bytes')).toBe(0);
    // Every sample has its HELP and TYPE before it.
    const declared = new Set(r.text.split('\n').filter((l) => l.startsWith('# TYPE ')).map((l) => l.split(' ')[2]));
    for (const name of m.keys()) expect(declared.has(name.split('{')[0])).toBe(true);
    expect((await send(s.url, '/readyz', { method: 'GET' })).json).toEqual({ ready: true });
  });

  it('/readyz says 503 while the upstream fails', async () => {
    const { s, up } = await setup({});
    up.otherwise = { status: 502 };
    await post(s.url, '/v1/track', order('r'));
    await until(() => up.attempts.length >= 1);
    await until(() => !s.forwarder!.stats.healthy);
    const r = await send(s.url, '/readyz', { method: 'GET' });
    expect(r.status).toBe(503);
    expect(r.json['ready']).toBe(false);
  });

  it('bad controls in the library: a mode it does not know, a quarantine that is a folder', async () => {
    await expect(serve({ controls: { violations: 'drop' as 'block' } })).rejects.toThrow('The control violations takes allow or block, not "drop".');
    await expect(serve({ quarantine: root })).rejects.toThrow(`Cannot write --quarantine ${root}: it is a folder.`);
  });

  it('bad controls: a flag with another value exits 2 in one line; the config file is checked with located errors', () => {
    const bad = cli(['serve', SHOP, '--violations', 'drop']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('trackplan: --violations takes allow or block, not "drop".\n');
    const dir = mkdtempSync(join(root, 'cfg-'));
    writeFileSync(join(dir, 'trackplan.config.yaml'), 'serve:\n  unplannedEvents: drop\n');
    const r = cli(['serve', SHOP, '--port', '0'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^trackplan\.config\.yaml:2:20/m);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe('trackplan: trackplan.config.yaml has errors; fix them or remove the file.');
  });
});

/** Prometheus' text format, read back: `name{labels}` → value; comments checked for shape. */
function parse(text: string): Map<string, number> {
  const out = new Map<string, number>();
  expect(text.endsWith('\n')).toBe(true);
  for (const line of text.trimEnd().split('\n')) {
    if (line.startsWith('#')) {
      expect(line).toMatch(/^# (HELP|TYPE) [a-z_]+ .+$/);
      continue;
    }
    const m = /^([a-z_]+(?:\{(?:[a-z_]+="(?:[^"\\]|\\.)*",?)*\})?) (-?\d+(?:\.\d+)?)$/.exec(line);
    expect(m, line).not.toBeNull();
    out.set(m![1]!, Number(m![2]));
  }
  return out;
}
