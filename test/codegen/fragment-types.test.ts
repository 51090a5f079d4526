// Bad paths of fragment types: references that lead out of the fragment, hostile names, deep
// nesting, huge enums. Generated code compiles (real tsc, strict tsconfig), refuses a wrong
// value, stays byte-identical from run to run and never reaches a file or the network.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTemplates } from '../../src/cli/templates-dir.js';
import { generateClient, type ValidateMode } from '../../src/codegen/generate.js';
import { fragmentTypes, JSTS_OPTIONS } from '../../src/codegen/fragment-types.js';
import { MAX_LITERALS } from '../../src/codegen/fragment-ts-schema.js';
import type { Client } from '../../src/codegen/templates.js';
import { allMessages, type Plan } from '../../src/model/plan.js';
import { cli } from '../cli/run-cli.js';
import { loadText } from '../helpers.js';
import { compileClients } from './tsc-project.js';

const HIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060-\u2069\ufeff]/;

async function planOf(text: string): Promise<Plan> {
  const { plan, diagnostics } = await loadText(text);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return plan!;
}

async function generate(plan: Plan, client: Client = 'generic', validate: ValidateMode = 'dev') {
  return generateClient(plan, { client, validate, templates: await loadTemplates(), planFile: 'plan.yaml', command: 'trackplan generate plan.yaml' });
}

const compiles = compileClients;

const typesOf = async (plan: Plan, validate: ValidateMode = 'never') => (await generate(plan, 'generic', validate)).find((f) => f.path === 'types.ts')!.contents;

describe('a reference leading out of the fragment', () => {
  let hits = 0;
  const server = createServer((_req, res) => {
    hits++;
    res.end('{"type": "string"}');
  });
  let base = '';
  const dir = mkdtempSync(join(tmpdir(), 'trackplan-fragment-ref-'));
  const file = join(dir, 'outside.json');
  writeFileSync(file, '{"type": "string"}');
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('is typed unknown (widest), without a request or a read, whatever reaches generateClient', async () => {
    // `check` refuses such fragments (ajv cannot resolve them); a library caller may still pass
    // a plan built otherwise, so they are put in after loading.
    const plan = await planOf('trackplan: 1\nevents:\n  Leak:\n    properties:\n      a: {schema: {type: string}}\n      b: {schema: {type: string}}\n      c: {schema: {type: string}}\n      d: {schema: {type: string}}\n      e: {schema: {type: string}}\n');
    const hostile = [
      { $ref: `${base}/a.json` },
      { $ref: `file://${file}` },
      { type: 'object', properties: { inner: { $ref: file } }, required: ['inner'], additionalProperties: false },
      { $id: `${base}/root.json`, type: 'object', properties: { x: { $ref: 'other.json#/definitions/x' } }, required: ['x'] },
      { $ref: `${base}/a.json`, type: 'integer' },
    ];
    plan.events[0]!.fields.forEach((f, i) => ((f.shape as { schema?: unknown }).schema = hostile[i]));
    const types = await typesOf(plan);
    expect(hits).toBe(0);
    expect(types).toContain('a?: unknown;');
    expect(types).toContain('b?: unknown;');
    // Were the file read, `inner` would be a string.
    expect(types).toMatch(/inner: unknown;/);
    expect(types).toMatch(/x: unknown;/);
    // Beside it, what the fragment says itself still holds.
    expect(types).toMatch(/e\?: \$Fragment\w+;/);
    expect(types).toMatch(/type \$Fragment\w+ = number;/);
    expect(await compiles(plan, '', ['generic'], 'never')).toBe('');
  });

  it('json-schema-to-typescript itself, with our options, fetches and reads nothing', async () => {
    const { compile } = createRequire(import.meta.url)('json-schema-to-typescript') as typeof import('json-schema-to-typescript');
    for (const $ref of [`${base}/b.json`, `file://${file}`, file, '../outside.json']) {
      // It stops at the reference it was told not to follow; it does not follow it.
      await expect(compile({ type: 'object', properties: { a: { $ref } } }, 'X', { ...JSTS_OPTIONS, cwd: `${dir}/` })).rejects.toThrow();
    }
    expect(hits).toBe(0);
  });
});

describe('hostile names', () => {
  const keys = ['a"b', 'x*/y', 'back\\slash', 'ünï', 'line\u2028sep', 'bidi\u202eevil', '__proto__', 'constructor', 'toString', '[k: string]', 'export type X = 1', '', '$FragmentAAAAAAAAAAAA', '0lead'];
  const fragment = {
    type: 'object',
    definitions: Object.fromEntries(keys.map((k, i) => [k, { type: 'object', properties: { [k]: { const: `v${i}` } }, required: [k] }])),
    properties: Object.fromEntries(keys.map((k) => [k, { $ref: `#/definitions/${encodeURIComponent(k.replace(/~/g, '~0').replace(/\//g, '~1'))}` }])),
    required: ['a"b'],
    additionalProperties: false,
  };
  const text = `trackplan: 1\nevents:\n  Odd Names:\n    properties:\n      odd: {required: true, schema: ${JSON.stringify(fragment)}}\n`;

  it('are written as quoted keys, compile on every client, hide no character, and the types still refuse a wrong value', async () => {
    const plan = await planOf(text);
    expect((await fragmentTypes(plan, allMessages(plan)))!.underived).toEqual([]);
    const types = await typesOf(plan, 'dev');
    expect(types).not.toMatch(HIDDEN);
    expect(types).toContain('"x*/y"');
    expect(types).toContain('"line\\u2028sep"');
    // Every reference resolved: no key's type fell back to unknown.
    expect(types).not.toMatch(/\?: unknown/);
    const tests = [
      "import * as tp from './generic/index.js';",
      "tp.setAnalytics({ track: () => {} });",
      "tp.oddNames({ odd: { 'a\"b': { 'a\"b': 'v0' }, 'x*/y': { 'x*/y': 'v1' } } });",
      '// @ts-expect-error the const of a definition with a hostile name',
      "tp.oddNames({ odd: { 'a\"b': { 'a\"b': 'v1' } } });",
      '// @ts-expect-error the required key with a quote in its name',
      "tp.oddNames({ odd: { 'x*/y': { 'x*/y': 'v1' } } });",
      '',
    ].join('\n');
    expect(await compiles(plan, tests, ['analytics-node', 'analytics-next', 'generic'])).toBe('');
  });

  it('give byte-identical files from one run to the next', async () => {
    const [a, b] = [await generate(await planOf(text)), await generate(await planOf(text))];
    expect(a).toEqual(b);
    // Nothing that changes by itself: no date, no banner of the tool.
    const types = a.find((f) => f.path === 'types.ts')!.contents;
    expect(types).not.toMatch(/DO NOT MODIFY|eslint-disable|\d{4}-\d{2}-\d{2}/);
  });
});

describe('deep and large fragments', () => {
  // YAML allows 200 levels; a fragment level here takes two (`properties`, the key).
  const nest = (depth: number): unknown => (depth === 0 ? { type: 'string' } : { type: 'object', properties: { n: nest(depth - 1) }, required: ['n'] });
  const anyNest = (depth: number): unknown => (depth === 0 ? { type: 'integer' } : { anyOf: [{ type: 'null' }, anyNest(depth - 1)] });
  const words = (n: number) => Array.from({ length: n }, (_v, i) => `w${i}`);
  const text = [
    'trackplan: 1',
    'events:',
    '  Big:',
    '    properties:',
    `      deep: {schema: ${JSON.stringify(nest(90))}}`,
    `      any_deep: {schema: ${JSON.stringify(anyNest(90))}}`,
    `      many: {type: string, nullable: true, schema: {enum: ${JSON.stringify(words(MAX_LITERALS))}}}`,
    `      too_many: {schema: {oneOf: [{enum: ${JSON.stringify(words(MAX_LITERALS + 1))}}, {type: integer}]}}`,
    '',
  ].join('\n');

  it('compile, refuse a wrong value deep inside, and keep enums up to the limit as literals', { timeout: 60_000 }, async () => {
    const plan = await planOf(text);
    expect((await fragmentTypes(plan, allMessages(plan)))!.underived).toEqual([]);
    const types = await typesOf(plan, 'dev');
    expect(types).toContain(`"w${MAX_LITERALS - 1}"`);
    // Past the limit an enum is typed by its members' types: a union TypeScript can intersect.
    expect(types).not.toContain(`"w${MAX_LITERALS}"`);
    const deepValue = (depth: number, leaf: string): string => (depth === 0 ? leaf : `{ n: ${deepValue(depth - 1, leaf)} }`);
    const tests = [
      "import * as tp from './generic/index.js';",
      "tp.setAnalytics({ track: () => {} });",
      `tp.big({ deep: ${deepValue(90, "'leaf'")}, any_deep: 3, many: 'w7', too_many: 'anything' });`,
      'tp.big({ any_deep: null, too_many: 2 });',
      "// @ts-expect-error nullable in the plan, but the fragment's enum has no null (allOf)",
      'tp.big({ many: null });',
      '// @ts-expect-error the leaf, 90 levels down, is a string',
      `tp.big({ deep: ${deepValue(90, '1')} });`,
      '// @ts-expect-error not one of the enum values',
      "tp.big({ many: 'x' });",
      '// @ts-expect-error neither a string nor an integer',
      'tp.big({ too_many: true });',
      '',
    ].join('\n');
    expect(await compiles(plan, tests)).toBe('');
  });

  it('give byte-identical files from one run to the next', async () => {
    expect(await generate(await planOf(text))).toEqual(await generate(await planOf(text)));
  });
});

describe('json-schema-to-typescript is loaded only for plans with fragments', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trackplan-fragment-load-'));
  writeFileSync(join(dir, 'plain.yaml'), 'trackplan: 1\nevents:\n  A:\n    properties:\n      x: {type: string, enum: [a, b]}\n');
  writeFileSync(join(dir, 'fragment.yaml'), 'trackplan: 1\nevents:\n  A:\n    properties:\n      x: {schema: {oneOf: [{type: string}, {type: integer}]}}\n');
  // Node's own record of every module it loads (CommonJS and ES modules).
  const loaded = (plan: string) => {
    const r = cli(['generate', plan, '--out', `out-${plan}`], { cwd: dir, env: { NODE_DEBUG: 'module,esm' } });
    expect(r.code).toBe(0);
    // The record is there at all: the CLI's own dependencies are in it.
    expect(r.stderr).toContain('node_modules/commander');
    return r.stderr;
  };

  it('a plan without fragments does not load it', () => {
    expect(loaded('plain.yaml')).not.toContain('json-schema-to-typescript');
  });

  it('a plan with fragments loads it, and prettier never formats (no parser plugin is loaded)', () => {
    const log = loaded('fragment.yaml');
    expect(log).toContain('node_modules/json-schema-to-typescript/');
    expect(log).not.toMatch(/prettier\/plugins\//);
    expect(readFileSync(join(dir, 'out-fragment.yaml', 'types.ts'), 'utf8')).toMatch(/x\?: \$Fragment\w+;[\s\S]*= \(string \| number\);/);
  });

  it("prints nothing of json-schema-to-typescript's debug log, even with VERBOSE set", () => {
    const r = cli(['generate', 'fragment.yaml', '--out', 'out-verbose'], { cwd: dir, env: { VERBOSE: '1' } });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    // One line, the summary: without the guard there are hundreds.
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toMatch(/^Generated .* out-verbose/);
  });
});
