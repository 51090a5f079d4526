// Types of raw `schema:` fragments are never narrower than the fragment: every value the JSON
// Schema Test Suite says a draft-07 schema accepts must compile against the generated type of a
// property carrying that schema as a fragment (alone, and beside the plan types of its data),
// under the strictest tsconfig, with the native TypeScript compiler. Values the suite says are
// invalid are compiled too: TypeScript refuses some (what the types are for), never required.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTemplates } from '../../src/cli/templates-dir.js';
import { generateClient } from '../../src/codegen/generate.js';
import { fragmentTypes } from '../../src/codegen/fragment-types.js';
import { allMessages } from '../../src/model/plan.js';
import { loadText } from '../helpers.js';
import { ROOT } from './golden-cases.js';

interface Group {
  file: string;
  description: string;
  schema: unknown;
  tests: { description: string; data: unknown; valid: boolean }[];
}
const read = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as Group[];
const GROUPS = [...read('fixtures/json-schema-test-suite/draft7-shapes.json'), ...read('../compile/fixtures/json-schema-test-suite/draft7-refs.json')];

const jsonType = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : typeof v === 'number' && Number.isInteger(v) ? 'integer' : typeof v);

/** A plan with the schema as a fragment: alone (`Suite`), and beside the types of the group's data (`Typed`). */
function planText(g: Group): string {
  const types = [...new Set(g.tests.map((t) => jsonType(t.data)))].sort();
  return [
    'trackplan: 1',
    'events:',
    '  Suite:',
    '    properties:',
    `      value: {schema: ${JSON.stringify(g.schema)}}`,
    '  Typed:',
    '    properties:',
    `      value: {type: ${JSON.stringify(types)}, schema: ${JSON.stringify(g.schema)}}`,
    '',
  ].join('\n');
}

/** A JSON value as a TypeScript expression on one line (`__proto__` as a key, not the prototype). */
function literal(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(literal).join(', ')}]`;
  if (v !== null && typeof v === 'object') {
    return `{ ${Object.entries(v).map(([k, x]) => `${k === '__proto__' ? `[${JSON.stringify(k)}]` : JSON.stringify(k)}: ${literal(x)}`).join(', ')} }`;
  }
  return JSON.stringify(v);
}

// The families whose invalid values TypeScript can tell (a `$ref` to the meta-schema, as in
// definitions.json, is outside the fragment: unknown; a schema `true`/`false` alone is not a
// plan's `schema:`, which is a map).
const FAMILIES_TYPED = ['oneOf.json', 'anyOf.json', 'allOf.json', 'enum.json', 'const.json', 'items.json', 'additionalItems.json', 'properties.json', 'required.json', 'type.json', 'additionalProperties.json', 'if-then-else.json', 'ref.json'];

describe('fragment types admit every value the JSON Schema Test Suite says is valid', () => {
  it('compiles every valid value, in every group check accepts, with tsc under the strict tsconfig', { timeout: 240_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trackplan-fragment-suite-'));
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
    writeFileSync(join(dir, 'tsconfig.json'), readFileSync(join(ROOT, 'test/golden/tsconfig.json')));
    const templates = await loadTemplates();
    const invalidLines = new Map<string, { group: Group; test: string }>();
    let used = 0;
    let valid = 0;
    const underived: unknown[] = [];
    for (const [i, g] of GROUPS.entries()) {
      const { plan, diagnostics } = await loadText(planText(g));
      if (!plan || diagnostics.some((d) => d.severity === 'error')) continue; // check refuses it (an unresolvable $ref)
      used++;
      // json-schema-to-typescript derives every one (none falls back to the plan's type).
      underived.push(...((await fragmentTypes(plan, allMessages(plan)))?.underived ?? []));
      const gdir = join(dir, `g${i}`);
      mkdirSync(gdir);
      for (const f of await generateClient(plan, { client: 'generic', validate: 'never', templates, planFile: 'suite.yaml', command: 'c' })) writeFileSync(join(gdir, f.path), f.contents);
      // Three lines before the values: a value's line is its index + 4.
      const head = `// ${g.file}: ${g.description.replace(/\n/g, ' ')}\nimport type { SuiteProperties, TypedProperties } from './types.js';\nexport type Both = SuiteProperties | TypedProperties;\n`;
      const lines = (ok: boolean) => g.tests.filter((t) => t.valid === ok).flatMap((t, j) => [`export const s${j}: SuiteProperties = { value: ${literal(t.data)} };`, `export const t${j}: TypedProperties = { value: ${literal(t.data)} };`]);
      const good = lines(true);
      valid += good.length;
      writeFileSync(join(gdir, 'valid.ts'), head + good.join('\n') + '\n');
      const bad = lines(false);
      writeFileSync(join(gdir, 'invalid.ts'), head + bad.join('\n') + '\n');
      const invalid = g.tests.filter((t) => !t.valid);
      bad.forEach((_l, j) => invalidLines.set(`g${i}/invalid.ts:${j + 4}`, { group: g, test: invalid[Math.floor(j / 2)]!.description }));
    }
    expect(underived).toEqual([]);
    expect(used).toBeGreaterThan(180);
    expect(valid).toBeGreaterThan(500);

    const r = spawnSync(join(ROOT, 'node_modules/.bin/tsc'), ['-p', dir], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const errors = (r.stdout + r.stderr).split('\n').filter((l) => /error TS\d+/.test(l));
    // Not narrower: no error anywhere but in the invalid values.
    const unexpected = errors.filter((l) => !/^g\d+\/invalid\.ts\(/.test(l));
    expect(unexpected).toEqual([]);
    // Real types: in each family TypeScript can express, some invalid value is refused.
    const refused = new Set(errors.map((l) => /^(g\d+\/invalid\.ts)\((\d+),/.exec(l)).filter((m) => m !== null).map((m) => `${m[1]}:${m[2]}`));
    const families = new Set([...refused].map((k) => invalidLines.get(k)?.group.file));
    expect(FAMILIES_TYPED.filter((f) => !families.has(f))).toEqual([]);
  });
});
