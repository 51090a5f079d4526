import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Analytics } from '@segment/analytics-node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { indexPlan } from '../../src/audit/plan-spec.js';
import { loadPlan } from '../../src/load/load-plan.js';
import { auditText, findings } from '../audit/helpers.js';
// The committed golden client, as a user's project would import it.
import * as edge from '../golden/edge-cases/analytics-node/index.js';
import * as shop from '../golden/ecommerce/analytics-node/index.js';

interface Received {
  batch: { type: string; event?: string; name?: string; properties?: Record<string, unknown>; traits?: Record<string, unknown>; context?: Record<string, unknown>; userId?: string; anonymousId?: string; groupId?: string }[];
}

let server: Server;
let host: string;
const batches: Received[] = [];

beforeAll(async () => {
  // A stand-in for Segment's tracking API on 127.0.0.1: it records what the real client sends.
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/v1/batch') batches.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Received);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  batches.length = 0;
});

async function send(setup: (a: Analytics) => void): Promise<Received['batch']> {
  const analytics = new Analytics({ writeKey: 'test-key', host, flushInterval: 20, maxRetries: 0 });
  setup(analytics);
  await analytics.closeAndFlush({ timeout: 5000 });
  return batches.flatMap((b) => b.batch);
}

describe('the generated analytics-node client, through the real @segment/analytics-node', () => {
  it('sends every event under its exact name, with properties and the plan stamp', async () => {
    const sent = await send((a) => {
      edge.setAnalytics(a);
      edge.event42TerribleEventName3({ userId: 'u1' });
      edge.etcPasswd({ anonymousId: 'a1' });
      edge.bestellungAbgeschlossen({ userId: 'u1', properties: { betrag: 12.5 } });
      edge.orderCompletedJa({ userId: 'u1', properties: { 金額: 3 } });
      edge.eventCollided({ userId: 'u1' });
      edge.eventCollidedSnake({ userId: 'u1' });
      edge.everyTypeSent({
        userId: 'u1',
        properties: { req_string: 'abc', req_number: 1.5, req_integer: 2, req_boolean: false, req_object: { a: 1 }, req_array: ['x', 'y'], req_any: [1, 'two'], req_null: null, currency: 'EUR', constructor: 'c', 'odd key "quoted"': 'q' },
        context: { ip: '10.0.0.1' },
      });
    });
    expect(sent.map((m) => m.event)).toEqual(['42_--terrible=="event\'++name~!3', '../../etc/passwd', 'Bestellung abgeschlossen ✓', '注文完了', 'Event Collided', 'event_collided', 'Every Type Sent']);
    const every = sent[6]!;
    expect(every.properties).toEqual({ req_string: 'abc', req_number: 1.5, req_integer: 2, req_boolean: false, req_object: { a: 1 }, req_array: ['x', 'y'], req_any: [1, 'two'], req_null: null, currency: 'EUR', constructor: 'c', 'odd key "quoted"': 'q' });
    expect(every.context).toMatchObject({ ip: '10.0.0.1', trackplan: { plan: 'edge-cases', version: '0.3.0' } });
    for (const m of sent) expect(m.context?.['trackplan']).toEqual({ plan: 'edge-cases', version: '0.3.0' });
  });

  it('types identify, group, page and screen calls too', async () => {
    const sent = await send((a) => {
      edge.setAnalytics(a);
      edge.identify({ userId: 'u1', traits: { email: 'a@b.co', age: 30 } });
      edge.group({ userId: 'u1', groupId: 'g1', traits: { name: 'Acme', employees: 12 } });
      edge.pageHome({ anonymousId: 'a1', properties: { variant: 'b' } });
      edge.screenSettings({ userId: 'u1', properties: { tab: 'billing' } });
    });
    expect(sent.map((m) => [m.type, m.name ?? '', m.groupId ?? ''])).toEqual([['identify', '', ''], ['group', '', 'g1'], ['page', 'Home', ''], ['screen', 'Settings', '']]);
    expect(sent[0]!.traits).toEqual({ email: 'a@b.co', age: 30 });
  });

  it('reports violations to the handler with paths, and still sends', async () => {
    const reports: edge.ViolationReport[] = [];
    const previous = edge.onViolation((r) => reports.push(r));
    try {
      const sent = await send((a) => {
        edge.setAnalytics(a);
        const bad = { req_string: 'much too long', req_number: 0, req_integer: 2, req_boolean: true, req_object: {}, req_array: ['x', 'x'], req_any: 1, req_null: null, currency: 'eur', raw_fragment: 'nope', extra: 1 };
        edge.everyTypeSent({ userId: 'u1', properties: bad as unknown as edge.EveryTypeSentProperties });
      });
      expect(sent).toHaveLength(1);
    } finally {
      edge.onViolation(previous);
    }
    expect(reports).toHaveLength(1);
    expect(reports[0]!.name).toBe('Every Type Sent');
    expect(reports[0]!.violations.map((v) => `${v.path} ${v.rule}`)).toEqual([
      'properties.req_string length-out-of-range',
      'properties.req_number out-of-range',
      'properties.req_array[1] not-unique',
      'properties.currency pattern-mismatch',
      'properties.raw_fragment schema-mismatch',
      'properties.extra unplanned-property',
    ]);
  });

  it('throws on a violation under NODE_ENV=test with the default handler, so tests fail loudly', async () => {
    expect(process.env['NODE_ENV']).toBe('test');
    const analytics = new Analytics({ writeKey: 'test-key', host, flushInterval: 20, maxRetries: 0 });
    shop.setAnalytics(analytics);
    const products = [{ product_id: 'p1' }];
    expect(() => shop.orderCompleted({ userId: 'u1', properties: { order_id: 'o1', currency: 'usd', products } })).toThrow(/properties\.currency: must match/);
    await analytics.closeAndFlush({ timeout: 5000 });
    expect(batches.flatMap((b) => b.batch)).toHaveLength(0);
  });

  it('does not check under NODE_ENV=production (--validate dev), and still sends', async () => {
    const analytics = new Analytics({ writeKey: 'test-key', host, flushInterval: 20, maxRetries: 0 });
    shop.setAnalytics(analytics);
    process.env['NODE_ENV'] = 'production';
    try {
      expect(shop.isValidating()).toBe(false);
      shop.orderCompleted({ userId: 'u1', properties: { order_id: 'o1', currency: 'usd', products: [{ product_id: 'p1' }] } });
    } finally {
      process.env['NODE_ENV'] = 'test';
    }
    await analytics.closeAndFlush({ timeout: 5000 });
    expect(batches.flatMap((b) => b.batch).map((m) => m.event)).toEqual(['Order Completed']);
  });

  it('setValidation(true) checks under NODE_ENV=production; undefined hands the choice back', async () => {
    const reports: shop.ViolationReport[] = [];
    const previousHandler = shop.onViolation((r) => reports.push(r));
    const analytics = new Analytics({ writeKey: 'test-key', host, flushInterval: 20, maxRetries: 0 });
    shop.setAnalytics(analytics);
    const bad = { order_id: 'o1', currency: 'usd', products: [{ product_id: 'p1' }] };
    process.env['NODE_ENV'] = 'production';
    try {
      expect(shop.setValidation(true)).toBeUndefined();
      expect(shop.isValidating()).toBe(true);
      shop.orderCompleted({ userId: 'u1', properties: bad });
      expect(shop.setValidation(undefined)).toBe(true);
      expect(shop.isValidating()).toBe(false);
      shop.orderCompleted({ userId: 'u2', properties: bad });
    } finally {
      process.env['NODE_ENV'] = 'test';
      shop.setValidation(undefined);
      shop.onViolation(previousHandler);
    }
    // And off wins over NODE_ENV=test, whose default handler would throw.
    shop.setValidation(false);
    try {
      expect(() => shop.orderCompleted({ userId: 'u3', properties: bad })).not.toThrow();
    } finally {
      shop.setValidation(undefined);
    }
    await analytics.closeAndFlush({ timeout: 5000 });
    expect(reports.map((r) => r.violations.map((v) => v.path))).toEqual([['properties.currency']]);
    expect(batches.flatMap((b) => b.batch).map((m) => m.userId)).toEqual(['u1', 'u2', 'u3']);
  });

  it('says that a userId or an anonymousId is needed, before the SDK names four fields', async () => {
    const analytics = new Analytics({ writeKey: 'test-key', host, flushInterval: 20, maxRetries: 0 });
    shop.setAnalytics(analytics);
    // What plain JavaScript (or a cast) can pass: the types refuse both (see type-tests).
    const nobody = { properties: { product_id: 'p1', share_via: 'email' } } as unknown as Parameters<typeof shop.productShared>[0];
    expect(() => shop.productShared(nobody)).toThrow('trackplan: productShared() needs a userId or an anonymousId (or both)');
    expect(() => shop.identify({ userId: null, traits: {} } as unknown as Parameters<typeof shop.identify>[0])).toThrow(/identify\(\) needs a userId or an anonymousId/);
    expect(() => shop.cartViewed({ userId: 42 } as unknown as Parameters<typeof shop.cartViewed>[0])).toThrow('trackplan: cartViewed() was given a number as userId; it must be a string.');
    // The SDK itself would have said only this:
    expect(() => analytics.track({ event: 'x' } as Parameters<Analytics['track']>[0])).toThrow('.userId/anonymousId/previousId/groupId is nil');
    shop.cartViewed({ anonymousId: 'a1' });
    await analytics.closeAndFlush({ timeout: 5000 });
    expect(batches.flatMap((b) => b.batch).map((m) => m.anonymousId)).toEqual(['a1']);
  });

  it('says clearly when no client was set', async () => {
    const fresh = await import('../golden/ecommerce/analytics-node/client.js?fresh=1' as string) as typeof shop;
    expect(() => fresh.cartViewed({ userId: 'u1' })).toThrow(/setAnalytics/);
  });
});

describe('what the generated client sends, audited', () => {
  it('passes against the plan it was generated from, and is flagged as from a stale client against the next version', async () => {
    const sent = await send((a) => {
      shop.setAnalytics(a);
      shop.orderCompleted({ userId: 'u1', properties: { order_id: 'o1', currency: 'USD', products: [{ product_id: 'p1' }] } });
      shop.orderCompleted({ userId: 'u2', properties: { order_id: 'o2', currency: 'EUR', products: [{ product_id: 'p2', quantity: 2 }] } });
    });
    const ndjson = sent.map((m) => JSON.stringify(m)).join('\n');
    const current = await loadPlan('plans/ecommerce.yaml');
    const clean = await auditText(await indexPlan(current.plan!), ndjson);
    expect(clean.messages).toMatchObject({ read: 2, valid: 2 });
    expect(findings(clean)).toEqual([]);
    // The plan moves on to 3.1.0; the deployed client is still the one generated from 3.0.0.
    const text = readFileSync('plans/ecommerce.yaml', 'utf8').replace('version: "3.0.0"', 'version: "3.1.0"');
    const next = await loadPlan('plans/ecommerce.yaml', { text });
    const stale = await auditText(await indexPlan(next.plan!), ndjson);
    expect(findings(stale)).toEqual(['plan-mismatch@1:context.trackplan.version', 'plan-mismatch@2:context.trackplan.version']);
    expect(stale.messages.valid).toBe(2);
  });
});
