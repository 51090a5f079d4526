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
      for (const f of await generateClient(plan!, { client, validate: 'dev', templates, planFile: 'tricky.yaml', command: 'trackplan generate tricky.yaml' })) {
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
    const files = await generateClient(plan!, { client: 'generic', validate: 'dev', templates: await loadTemplates(), planFile: 't.yaml', command: 'c' });
    expect(files.find((f) => f.path === 'client.ts')!.contents).not.toContain('function method');
  });

  it('refuses a plan with nothing to generate', async () => {
    const { plan } = await loadPlan('e.yaml', { text: 'trackplan: 1\n' });
    await expect(generateClient(plan!, { client: 'generic', validate: 'dev', templates: {}, planFile: 'e.yaml', command: 'c' })).rejects.toThrow(/no events/);
  });
});

// Issue 10, item 15: plan text with controls, bidirectional controls and separators.
describe('hidden characters in plan text', () => {
  // C0 and C1 controls, DEL, bidirectional controls, line and paragraph separators; tab and CR too
  // (generated code uses neither, and comments show them escaped).
  const HIDDEN = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;
  const ODD = '\u202e\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u200e\u200f\u061c\u2028\u2029\u0000\u0001\u001b\u007f\u0085\u009f\t\r\n';
  // A YAML double-quoted scalar holding `s` in escapes only, so the plan's own text is plain.
  const q = (s: string) => `"${[...s].map((c) => (c < ' ' || c > '~' ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c === '"' || c === '\\' ? `\\${c}` : c)).join('')}"`;
  const name = `Order ${ODD} Completed */ x`;
  const PLAN = [
    'trackplan: 1',
    `name: ${q(`web ${ODD}`)}`,
    'version: 1.0.0',
    'identify:',
    `  description: ${q(`who ${ODD}`)}`,
    '  traits:',
    `    ${q(`email ${ODD}`)}: {type: string, description: ${q(`mail ${ODD}`)}}`,
    'events:',
    `  ${q(name)}:`,
    `    description: ${q(`desc ${ODD} */ end`)}`,
    `    owner: ${q(`team ${ODD}`)}`,
    `    labels: {${q(`k ${ODD}`)}: ${q(`v ${ODD}`)}}`,
    `    deprecated: ${q(`use another ${ODD}`)}`,
    '    properties:',
    `      ${q(`key ${ODD}`)}:`,
    `        {type: string, required: true, description: ${q(`p ${ODD}`)}, enum: [${q(`v ${ODD}`)}, plain], examples: [${q(`e ${ODD}`)}], deprecated: ${q(`old ${ODD}`)}}`,
    `      pattern: {type: string, pattern: ${q(`^a[\u202e]?${ODD.replace(/[\t\r\n\u0000]/g, '')}$`)}}`,
    `      raw: {schema: {const: ${q(`c ${ODD}`)}}}`,
    'pages:',
    `  ${q(`Home ${ODD}`)}: {description: ${q(`page ${ODD}`)}}`,
    'screens:',
    `  ${q(`Settings ${ODD}`)}: {}`,
  ].join('\n');

  async function generated(client: 'analytics-node' | 'analytics-next' | 'generic', validate: 'dev' | 'always' | 'never') {
    const { plan, diagnostics } = await loadPlan('hidden.yaml', { text: PLAN });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    return generateClient(plan!, { client, validate, templates: await loadTemplates(), planFile: `plans/${ODD}.yaml`, command: `trackplan generate ${ODD}` });
  }

  it('leaves none raw in any generated file, for every client and mode', async () => {
    const found: string[] = [];
    let files = 0;
    for (const client of ['analytics-node', 'analytics-next', 'generic'] as const) {
      for (const validate of ['dev', 'always', 'never'] as const) {
        for (const f of await generated(client, validate)) {
          files++;
          for (const m of f.contents.matchAll(HIDDEN)) found.push(`${client}/${validate}/${f.path}: U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} at ${m.index}`);
        }
      }
    }
    expect(files).toBe(3 * (6 + 6 + 4));
    expect(found).toEqual([]);
    // Doc comments show them escaped; `*/` does not end the comment; CR LF starts a new line.
    const types = (await generated('generic', 'never')).find((f) => f.path === 'types.ts')!.contents;
    expect(types).toContain(' * desc \\u202E\\u2066\\u2067\\u2068\\u2069\\u202A\\u202B\\u202C\\u202D\\u200E\\u200F\\u061C\\u2028\\u2029\\u0000\\u0001\\u001B\\u007F\\u0085\\u009F\n *  *\\/ end\n');
  });

  it('still compiles, and sends and checks exactly what the plan says', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trackplan-hidden-'));
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
    writeFileSync(join(dir, 'tsconfig.json'), readFileSync(join(ROOT, 'test/golden/tsconfig.json')));
    for (const client of ['analytics-node', 'analytics-next', 'generic'] as const) {
      mkdirSync(join(dir, client));
      for (const f of await generated(client, 'always')) writeFileSync(join(dir, client, f.path), f.contents);
    }
    const r = spawnSync(join(ROOT, 'node_modules/.bin/tsc'), ['-p', dir], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    // The escaped literals mean what the plan says: run the generic client.
    const { build } = await import('esbuild');
    const out = await build({ entryPoints: [join(dir, 'generic/index.ts')], bundle: true, write: false, format: 'esm', platform: 'node', logLevel: 'silent' });
    const mod = (await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0]!.text).toString('base64')}`)) as Record<string, (...a: unknown[]) => unknown>;
    const sent: unknown[][] = [];
    const reports: { name: string; violations: { path: string; rule: string }[] }[] = [];
    mod['setAnalytics']!({ track: (...a: unknown[]) => sent.push(a) });
    mod['onViolation']!((r: (typeof reports)[number]) => reports.push(r));
    const fn = Object.keys(mod).find((k) => k.startsWith('order'))!;
    mod[fn]!({ [`key ${ODD}`]: `v ${ODD}`, pattern: `a${ODD.replace(/[\t\r\n\u0000]/g, '')}`, raw: `c ${ODD}` });
    mod[fn]!({ [`key ${ODD}`]: 'v', pattern: 'b', raw: 'c' });
    expect(sent.map((a) => a[0])).toEqual([name, name]);
    expect((sent[0]![2] as { context: { trackplan: unknown } }).context.trackplan).toEqual({ plan: `web ${ODD}`, version: '1.0.0' });
    expect(reports.map((r) => [r.name, r.violations.map((v) => `${v.path} ${v.rule}`)])).toEqual([
      [name, [`properties[${JSON.stringify(`key ${ODD}`)}] not-in-enum`, 'properties.pattern pattern-mismatch', 'properties.raw schema-mismatch']],
    ]);
  });
});
