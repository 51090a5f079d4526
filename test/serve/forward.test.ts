import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Analytics } from '@segment/analytics-node';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/serve/server.js';
import { basic, order, post, serve } from './helpers.js';
import { fakeUpstream, until } from './upstream.js';

// `serve --forward`: messages answered 200 reach a local upstream that fails, rate-limits,
// hangs and recovers; a restart sends what the last run left; a full queue answers 503.
const root = mkdtempSync(join(tmpdir(), 'trackplan-forward-'));
let n = 0;
const fresh = () => join(root, `q${++n}`);
/** Short enough for tests: the schedule is the same, only the times are smaller. */
const FAST = { flushIntervalMs: 20, minBackoffMs: 20, maxBackoffMs: 300, timeoutMs: 300 };
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function forwarding(upstream: string, queueDir: string, extra: Parameters<typeof serve>[0] = {}): Promise<RunningServer> {
  const s = await serve({ forward: upstream, queueDir, forwarding: FAST, shutdownGraceMs: 200, ...extra });
  let closed = false;
  cleanup.push(async () => {
    if (!closed) await s.close();
  });
  const close = s.close;
  return Object.assign(s, {
    close: async () => {
      closed = true;
      await close();
    },
  });
}

const ids = (batches: { messages: Record<string, unknown>[] }[]) => batches.flatMap((b) => b.messages.map((m) => m['messageId'] as string));

describe('serve --forward', () => {
  it('the real analytics-node client, an upstream that fails (500), rate-limits (429, Retry-After), hangs and recovers: every message arrives, each batch with its own write key', async () => {
    const up = await fakeUpstream();
    cleanup.push(up.close);
    up.next = [{ status: 500 }, { status: 503 }, { status: 429, headers: { 'retry-after': '1' } }, 'hang', { status: 408 }];
    const s = await forwarding(up.url, fresh());
    const sent: string[] = [];
    for (const key of ['key-a', 'key-b']) {
      const analytics = new Analytics({ writeKey: key, host: s.url, flushInterval: 10, maxRetries: 0 });
      for (let i = 0; i < 5; i++) analytics.track({ userId: 'u1', event: 'Order Completed', messageId: `${key}-${i}`, properties: { order_id: `o${i}`, total: i, currency: 'EUR' } });
      await analytics.closeAndFlush({ timeout: 5000 });
      for (let i = 0; i < 5; i++) sent.push(`${key}-${i}`);
    }
    await until(() => new Set(ids(up.accepted)).size === sent.length, 8000);
    // The 429 said one second: it was obeyed (the 5xx before it were retried within the short backoff).
    expect(up.times[3]! - up.times[2]!).toBeGreaterThanOrEqual(990);
    expect(up.times[1]! - up.times[0]!).toBeLessThan(500);
    expect(up.attempts.slice(0, 5)).toEqual(['500', '503', '429', 'hang', '408']);
    expect([...new Set(ids(up.accepted))].sort()).toEqual([...sent].sort());
    // Each batch carries one write key, the one its messages arrived with, in the header and the body.
    for (const b of up.accepted) {
      expect(b.writeKey).toBe(b.bodyKey);
      for (const m of b.messages) expect(String(m['messageId']).startsWith(`${b.writeKey}-`)).toBe(true);
      expect(b.messages.every((m) => m['context'] !== undefined && typeof m['receivedAt'] === 'string')).toBe(true);
    }
    expect(s.forwarder!.stats.failures).toEqual({ '500': 1, '503': 1, '429': 1, timeout: 1, '408': 1 });
    await until(() => s.forwarder!.queue.depth.messages === 0);
    expect(s.forwarder!.stats.forwarded).toBe(ids(up.accepted).length);
  });

  it('an upstream that takes a batch but answers after the timeout gets it again: a duplicate, with the same messageIds, and nothing else', async () => {
    const up = await fakeUpstream();
    cleanup.push(up.close);
    up.next = [{ status: 200, delayMs: 600 }];
    const s = await forwarding(up.url, fresh());
    expect((await post(s.url, '/v1/batch', { batch: [order('d1'), order('d2')] }, basic('k'))).status).toBe(200);
    await until(() => up.accepted.length === 2);
    expect(up.accepted.map((b) => b.messages.map((m) => m['messageId']))).toEqual([['m-d1', 'm-d2'], ['m-d1', 'm-d2']]);
    expect(s.forwarder!.stats.failures).toEqual({ timeout: 1 });
    await until(() => s.forwarder!.queue.depth.messages === 0);
    expect(s.forwarder!.stats.forwarded).toBe(2);
  });

  it('a restart sends the segments the last run left, first; nothing on disk once the upstream took them', async () => {
    const up = await fakeUpstream();
    cleanup.push(up.close);
    up.otherwise = { status: 500 };
    const dir = fresh();
    const s1 = await forwarding(up.url, dir);
    for (const id of ['r1', 'r2', 'r3']) expect((await post(s1.url, '/v1/track', order(id), basic('k1'))).status).toBe(200);
    await until(() => up.attempts.length >= 2);
    await s1.close();
    // Kept on disk: the upstream never said yes.
    const segments = readdirSync(dir).filter((f) => f.startsWith('seg-')).sort();
    expect(segments.flatMap((f) => readFileSync(join(dir, f), 'utf8').trimEnd().split('\n')).map((l) => (JSON.parse(l) as { k: string; m: { messageId: string } })).map((l) => `${l.k}:${l.m.messageId}`)).toEqual(['k1:m-r1', 'k1:m-r2', 'k1:m-r3']);
    expect(up.accepted).toEqual([]);

    up.otherwise = { status: 200 };
    const s2 = await forwarding(up.url, dir);
    expect(s2.forwarder!.queue.depth.messages).toBe(3);
    expect((await post(s2.url, '/v1/track', order('r4'), basic('k1'))).status).toBe(200);
    await until(() => ids(up.accepted).length === 4);
    expect(ids(up.accepted)).toEqual(['m-r1', 'm-r2', 'm-r3', 'm-r4']);
    expect(up.accepted.every((b) => b.writeKey === 'k1')).toBe(true);
    await until(() => s2.forwarder!.queue.depth.messages === 0);
    await s2.close();
    expect(readdirSync(dir).sort()).toEqual([]);
  });

  it('a full queue answers 503 with Retry-After (the SDKs retry), and takes messages again once the upstream catches up', async () => {
    const up = await fakeUpstream();
    cleanup.push(up.close);
    up.otherwise = { status: 500 };
    const s = await forwarding(up.url, fresh(), { queueMaxBytes: 64 * 1024 });
    const big = 'x'.repeat(8000);
    let accepted = 0;
    let refused: Awaited<ReturnType<typeof post>> | undefined;
    for (let i = 0; i < 20 && !refused; i++) {
      const r = await post(s.url, '/v1/track', order(`f${i}`, { note: big }));
      if (r.status === 200) accepted++;
      else refused = r;
    }
    expect(refused?.status).toBe(503);
    expect(refused?.headers['retry-after']).toBe('5');
    expect(refused?.json).toEqual({ error: 'queue-full', message: 'The forward queue is full (the upstream is behind or down); send again later.' });
    expect(accepted).toBeGreaterThan(3);
    expect(s.forwarder!.queue.depth.bytes).toBeLessThanOrEqual(64 * 1024);
    expect(s.intake.status().rejected).toEqual({ 'queue-full': 1 });
    // The refused message was not counted or stored: the SDK sends it again.
    expect(s.intake.status().messages.received).toBe(accepted);
    up.otherwise = { status: 200 };
    await until(() => s.forwarder!.queue.depth.messages === 0);
    expect((await post(s.url, '/v1/track', order('after'))).status).toBe(200);
    await until(() => ids(up.accepted).includes('m-after'));
    expect(new Set(ids(up.accepted)).size).toBe(accepted + 1);
  });

  it('a 4xx other than 408/429 is the upstream saying no: the batch goes to the dead letter file, counted, and the queue moves on', async () => {
    const up = await fakeUpstream();
    cleanup.push(up.close);
    up.next = [{ status: 400 }];
    const dir = fresh();
    const s = await forwarding(up.url, dir);
    expect((await post(s.url, '/v1/track', order('d1'), basic('kd'))).status).toBe(200);
    await until(() => s.forwarder!.stats.rejected === 1);
    expect((await post(s.url, '/v1/track', order('d2'), basic('kd'))).status).toBe(200);
    await until(() => ids(up.accepted).length === 1);
    expect(ids(up.accepted)).toEqual(['m-d2']);
    const dead = readFileSync(join(dir, 'dead-letter.ndjson'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ status: 400, writeKey: 'kd', message: { ...order('d1'), receivedAt: expect.any(String) } });
    expect(s.forwarder!.stats.failures).toEqual({ '400': 1 });
  });

  it('refuses an upstream that is not an http(s) URL, and a queue folder it cannot use', async () => {
    await expect(serve({ forward: 'api.segment.io', queueDir: fresh() })).rejects.toThrow('--forward takes the upstream\'s URL (https://api.segment.io, or one like it), not "api.segment.io".');
    await expect(serve({ forward: 'ftp://x', queueDir: fresh() })).rejects.toThrow('--forward takes an http or https URL, not "ftp://x".');
    const file = join(root, 'a-file');
    writeFileSync(file, '');
    await expect(serve({ forward: 'http://127.0.0.1:9', queueDir: file })).rejects.toThrow(`Cannot use --queue-dir ${file}: not a folder.`);
    // One queue, one server: a second one on the same folder is refused while the first runs.
    const dir = fresh();
    const s = await forwarding('http://127.0.0.1:9', dir);
    await expect(serve({ forward: 'http://127.0.0.1:9', queueDir: dir })).rejects.toThrow(`--queue-dir ${dir} is in use by another trackplan serve (pid ${process.pid}); give each server its own queue folder.`);
    await s.close();
    expect(existsSync(join(dir, 'lock'))).toBe(false);
  });
});
