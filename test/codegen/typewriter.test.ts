import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Analytics } from '@segment/analytics-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSegmentPlan } from '../../src/import/segment.js';
import { loadPlan } from '../../src/load/load-plan.js';
import { functionName } from '../../src/model/names.js';
import type { Shape } from '../../src/model/plan.js';
import { rng, ValueGenerator } from '../compile/value-generator.js';
import * as client from '../golden/typewriter/analytics-node/index.js';
import { TYPEWRITER_DIR } from './golden-cases.js';

const SOURCES = ['plan.publicapi.json', 'plan.configapi-v1.json'];
const read = (f: string) => JSON.parse(readFileSync(join(TYPEWRITER_DIR, f), 'utf8')) as unknown;

/** Every occurrence of a key anywhere in a JSON value. */
function countKey(v: unknown, key: string): number {
  if (Array.isArray(v)) return v.reduce((n: number, x) => n + countKey(x, key), 0);
  if (v === null || typeof v !== 'object') return 0;
  return Object.entries(v).reduce((n, [k, x]) => n + (k === key && typeof x === 'string' ? 1 : 0) + countKey(x, key), 0);
}

describe("trackplan import segment on Typewriter's reference plan", () => {
  it.each(SOURCES)('%s converts to a plan that passes check', async (source) => {
    const result = importSegmentPlan(read(source), source);
    const { plan, diagnostics } = await loadPlan('typewriter.yaml', { text: result.yaml });
    expect(diagnostics).toEqual([]);
    const names = plan!.events.map((e) => e.name);
    expect(names).toContain('42_--terrible==\\"event\'++name~!3');
    expect(names).toContain('Event Collided');
    expect(names).toContain('event_collided');
    expect(result.counts.events).toBe(source === 'plan.publicapi.json' ? 25 : 24);
  });

  it.each(SOURCES)('%s: nothing is dropped silently', (source) => {
    const json = read(source);
    const { notes } = importSegmentPlan(json, source);
    // Every editor identifier (`id`, `key`) left out is a note with its path.
    const dropped = notes.filter((n) => n.code === 'dropped-annotation');
    const topId = typeof (json as { id?: unknown }).id === 'string' ? 1 : 0; // the plan's own id: bookkeeping, noted as metadata
    expect(dropped.filter((n) => n.path.at(-1) === 'id')).toHaveLength(countKey(json, 'id') - topId);
    if (topId) expect(notes.find((n) => n.code === 'dropped-metadata' && n.path.length === 0)?.message).toContain('`id`');
    expect(dropped.filter((n) => n.path.at(-1) === 'key' && n.path.includes('properties'))).toHaveLength(6);
    expect(notes.filter((n) => n.code === 'renamed-function').map((n) => n.message)).toEqual([
      'event "event_collided" and "Event Collided" would share the function `eventCollided`; set `codegen: {name: eventCollided2}`.',
    ]);
  });

  it('gives the same plan from both formats, but for what the two exports really differ in', async () => {
    const a = await loadPlan('a.yaml', { text: importSegmentPlan(read(SOURCES[0]!), 'a').yaml });
    const b = await loadPlan('b.yaml', { text: importSegmentPlan(read(SOURCES[1]!), 'b').yaml });
    const shapes = (p: typeof a) => new Map(p.plan!.events.map((e) => [e.name, JSON.stringify(e.fields.map((f) => [f.name, f.required, f.shape.types, f.shape.nullable]))]));
    const sa = shapes(a);
    const sb = shapes(b);
    // The Config API export lacks "NoID Type" and writes "#1"/"#2" in two names.
    const differ = [...sa.keys()].filter((k) => sa.get(k) !== sb.get(k)).sort();
    expect(differ).toEqual(['NoID Type', 'Property Object Name Collision 1', 'Property Object Name Collision 2']);
  });

  it('reports what is not JSON or not a plan', () => {
    expect(() => importSegmentPlan([], 'x.json')).toThrow(/JSON object/);
    expect(() => importSegmentPlan({ name: 'x' }, 'x.json')).toThrow(/no `rules`/);
  });
});

describe('the generated client for the converted plan sends every event under its exact name', () => {
  let server: Server;
  const received: { event: string; properties: Record<string, unknown> }[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push(...(JSON.parse(Buffer.concat(chunks).toString('utf8')) as { batch: typeof received }).batch);
        res.writeHead(200).end('{}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('through the real @segment/analytics-node', async () => {
    const { plan } = await loadPlan('typewriter.yaml', { text: importSegmentPlan(read(SOURCES[0]!), 'p').yaml });
    const analytics = new Analytics({ writeKey: 'w', host: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, flushInterval: 20, maxRetries: 0 });
    client.setAnalytics(analytics);
    const reports: client.ViolationReport[] = [];
    const previous = client.onViolation((r) => reports.push(r));
    const fns = client as unknown as Record<string, (m: { userId: string; properties: unknown }) => void>;
    const random = rng(7);
    const sent: string[] = [];
    for (const e of plan!.events) {
      const shape: Shape = { types: [{ kind: 'primitive', name: 'object' }], nullable: false, properties: e.fields, origin: e.origin };
      const properties = new ValueGenerator(plan!, random, 0).object(shape, 0);
      fns[functionName(e)]!({ userId: 'u1', properties });
      sent.push(e.name);
    }
    client.onViolation(previous);
    await analytics.closeAndFlush({ timeout: 5000 });
    expect(received.map((m) => m.event).sort()).toEqual([...sent].sort());
    expect(received).toHaveLength(25);
  });
});
