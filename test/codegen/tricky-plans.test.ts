import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateClient } from '../../src/codegen/generate.js';
import { loadTemplates } from '../../src/cli/templates-dir.js';
import { loadPlan } from '../../src/load/load-plan.js';
import { ROOT } from './golden-cases.js';

// Names and values found in review to break generated code; each must compile and be sent as written.
const PLAN = `
trackplan: 1
name: "x\\u2028export const injected = 1; //"
# Type names beside the client's own names and functions (issue 10, item 14): the ones check
# lets through must compile; orderCompleted is free because the event has a name of its own.
types:
  orderCompleted: string
  OrderCompleted: {type: object, properties: {a: string}}
  Identify: string
  SetAnalytics: string
  OnViolation: string
  TrackplanContext: string
  constructor: integer
  toString: string
  __proto__: string
  then: string
  client: string
  checkPayload: string
identify:
  traits:
    x: string
events:
  Order Completed:
    codegen: {name: trackOrderCompleted}
    properties:
      a: orderCompleted
      b: OrderCompleted
      c: Identify
      d: SetAnalytics
      e: OnViolation
      f: TrackplanContext
      g: constructor
      h: toString
      i: __proto__
      j: then
      k: client
      l: checkPayload
  "Clicked {{toString}}": {}
  "Hello {{header}} World": {description: "{{functions}} and */ and \\u2028"}
  Client: {}
  Then: {}
  Order: {}
  Validate Order: {}
  "Score ௰": {}
  Any Enum:
    properties:
      x: {type: any, enum: [a, 1, true, null]}
      y: {type: [string, integer], enum: [a, 1]}
      z: {type: any, const: 5}
      constructor: integer
`;

describe('generated code for tricky plans', () => {
  it('compiles for every client under the strictest settings, with exact names', async () => {
    const { plan, diagnostics } = await loadPlan('tricky.yaml', { text: PLAN });
    expect(diagnostics).toEqual([]);
    const dir = mkdtempSync(join(tmpdir(), 'trackplan-tricky-'));
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
    writeFileSync(join(dir, 'tsconfig.json'), readFileSync(join(ROOT, 'test/golden/tsconfig.json')));
    const templates = await loadTemplates();
    for (const client of ['analytics-node', 'analytics-next', 'generic'] as const) {
      mkdirSync(join(dir, client));
      for (const f of generateClient(plan!, { client, validate: 'dev', templates, planFile: 'tricky.yaml', command: 'trackplan generate tricky.yaml' })) {
        writeFileSync(join(dir, client, f.path), f.contents);
      }
    }
    const r = spawnSync(join(ROOT, 'node_modules/.bin/tsc'), ['-p', dir], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    const client = readFileSync(join(dir, 'generic/client.ts'), 'utf8');
    expect(client).toContain('"Clicked {{toString}}"');
    expect(client).toContain('"Hello {{header}} World"');
    expect(client).toContain('export function eventClient(');
    expect(client).toContain('export function eventThen(');
    expect(client).not.toMatch(/export function then\b/);
    const header = readFileSync(join(dir, 'generic/types.ts'), 'utf8').split('\n')[0]!;
    expect(header).not.toMatch(/[\u2028\u2029]/);
  });

  it('a track-only plan on the generic client leaves no unused helper', async () => {
    const { plan } = await loadPlan('t.yaml', { text: 'trackplan: 1\nevents:\n  A: {}\n' });
    const files = generateClient(plan!, { client: 'generic', validate: 'dev', templates: await loadTemplates(), planFile: 't.yaml', command: 'c' });
    expect(files.find((f) => f.path === 'client.ts')!.contents).not.toContain('function method');
  });

  it('refuses a plan with nothing to generate', async () => {
    const { plan } = await loadPlan('e.yaml', { text: 'trackplan: 1\n' });
    expect(() => generateClient(plan!, { client: 'generic', validate: 'dev', templates: {}, planFile: 'e.yaml', command: 'c' })).toThrow(/no events/);
  });
});
