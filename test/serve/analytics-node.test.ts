import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Analytics } from '@segment/analytics-node';
// The package's own export, as a user's tests import it (built to dist/ by `npm test`).
import { type Collector, start, ViolationsError, WaitTimeoutError } from 'trackplan/collector';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../cli/run-cli.js';
import { SHOP } from './helpers.js';

// The real @segment/analytics-node sending to `trackplan serve` (started in-process through
// `trackplan/collector`), as a service's end-to-end test would: nothing here is a stand-in.
const out = join(mkdtempSync(join(tmpdir(), 'trackplan-serve-node-')), 'capture.ndjson');
let collector: Collector;

beforeAll(async () => {
  collector = await start({ plan: SHOP, out });
});
afterAll(() => collector.close());

function client(writeKey: string): Analytics {
  return new Analytics({ writeKey, host: collector.url, flushInterval: 20, maxRetries: 0 });
}

describe('@segment/analytics-node → trackplan serve', () => {
  it('the test waits for the exact messages through the API, with their violations, and the report is the audit of the capture', async () => {
    const { writeKey, generation } = await collector.reset();
    const analytics = client(writeKey);
    analytics.identify({ userId: 'u1', traits: { email: 'ada@example.com' } });
    analytics.track({ userId: 'u1', event: 'Order Completed', properties: { order_id: 'o1', total: 30, currency: 'EUR' } });
    analytics.track({ userId: 'u1', event: 'Order Completed', properties: { order_id: 'o2', total: '30', currency: 'eur' } });
    analytics.track({ anonymousId: 'a1', event: 'Checkout Started', properties: {} });

    // No sleep, no flush: the wait answers when the message has arrived.
    const [o2] = await collector.waitFor({ type: 'track', event: 'Order Completed', properties: { order_id: 'o2' } });
    expect(o2.generation).toBe(generation);
    expect(o2.writeKey).toBe(writeKey);
    expect(o2.valid).toBe(false);
    expect(o2.message).toMatchObject({ type: 'track', event: 'Order Completed', userId: 'u1', properties: { order_id: 'o2', total: '30', currency: 'eur' }, context: { library: { name: '@segment/analytics-node' } } });
    expect(o2.message['receivedAt']).toEqual(expect.any(String));
    expect(o2.violations.map((v) => [v.code, v.path, v.message, v.value, v.plan?.range?.start.line])).toEqual([
      ['type-mismatch', 'properties.total', 'must be a number', '30', 16],
      ['pattern-mismatch', 'properties.currency', 'must match /^[A-Z]{3}$/', 'eur', 21],
    ]);

    await analytics.closeAndFlush({ timeout: 5000 });
    const all = await collector.messages();
    expect(all.map((m) => [m.message['type'], m.message['event'] ?? '', m.valid, m.violations.map((v) => `${v.code}@${v.path}`)])).toEqual([
      ['identify', '', true, []],
      ['track', 'Order Completed', true, []],
      ['track', 'Order Completed', false, ['type-mismatch@properties.total', 'pattern-mismatch@properties.currency']],
      ['track', 'Checkout Started', false, ['unplanned-event@event']],
    ]);
    expect((await collector.messages({ valid: false, event: 'Checkout Started' })).map((m) => m.message['anonymousId'])).toEqual(['a1']);

    // The report, as `trackplan audit` gives it for the capture (one generation of messages in
    // the file: the reset came before the first one).
    const served = await collector.report('json');
    const audited = cli(['audit', SHOP, out, '--format', 'json']);
    expect(audited.code).toBe(1);
    expect(served).toEqual(JSON.parse(audited.stdout));
    expect(served.verdict.headline).toBe('FAILED: 3 violations at error severity.');
    expect(await collector.report('pretty')).toBe(cli(['audit', SHOP, out]).stdout);
  });

  it('expectNoViolations passes on clean traffic and throws a readable list otherwise', async () => {
    const { writeKey } = await collector.reset();
    const analytics = client(writeKey);
    analytics.track({ userId: 'u1', event: 'Product Viewed', properties: { product_id: 'p1' } });
    await analytics.closeAndFlush({ timeout: 5000 });
    await collector.expectNoViolations();

    // A closed client sends nothing more: the next calls go through a new one.
    const again = client(writeKey);
    again.track({ userId: 'u1', event: 'Product Viewed', properties: {} });
    again.track({ userId: 'u1', event: 'Wishlist Added' });
    await again.closeAndFlush({ timeout: 5000 });
    const error = await collector.expectNoViolations().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ViolationsError);
    expect((error as Error).message).toBe(
      [`1 violation in the messages of this generation (plan ${SHOP}):`, `  ✖ track "Product Viewed" properties.product_id missing-required: is required (1×, e.g. line ${(await collector.messages({ valid: false }))[0]!.line}) — plan ${SHOP}:28`].join('\n'),
    );
    // A warning counts only when asked for.
    const warned = await collector.expectNoViolations({ failOn: ['deprecated-event'] }).catch((e: unknown) => e);
    expect((warned as ViolationsError).groups.map((g) => g.code)).toEqual(['deprecated-event']);
  });

  it('a wait that times out says which messages came closest and how they differ', async () => {
    const { writeKey } = await collector.reset();
    const analytics = client(writeKey);
    analytics.track({ userId: 'u1', event: 'Order Completed', properties: { order_id: 'o9', total: 5 } });
    await analytics.closeAndFlush({ timeout: 5000 });
    const error = await collector.waitFor({ event: 'Order Completed', properties: { order_id: 'o1' } }, { timeoutMs: 100 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    const seq = (await collector.messages())[0]!;
    expect((error as Error).message).toBe(
      [
        `Waited 100 ms for 1 message matching; 0 matched, of 1 message stored in generation ${seq.generation}.`,
        '  wanted: {"event":"Order Completed","properties":{"order_id":"o1"}}',
        '  Closest:',
        `    #${seq.seq} track "Order Completed" (line ${seq.line}), 1 of 2 values: properties.order_id: "o9", wanted "o1"`,
      ].join('\n'),
    );
  });
});
