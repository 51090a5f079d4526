// Raw `schema:` fragments keep their own references in compiled schemas, the audit and
// generated clients: the JSON Schema Test Suite's draft-07 groups with a `$ref` or an `$id`,
// each used as a fragment in a plan, must get the verdicts the fragment gets on its own.
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { indexPlan } from '../../src/audit/plan-spec.js';
import { compilePlan } from '../../src/compile/compile-plan.js';
import { validatorModule } from '../../src/compile/validator/module.js';
import type { Plan } from '../../src/model/plan.js';
import { loadText } from '../helpers.js';

interface Group {
  file: string;
  description: string;
  schema: Record<string, unknown>;
  tests: { description: string; data: unknown; valid: boolean }[];
}
const GROUPS = JSON.parse(readFileSync(new URL('fixtures/json-schema-test-suite/draft7-refs.json', import.meta.url), 'utf8')) as Group[];

// Formats are not the subject here (formats.test.ts), and the plan's rules for them differ.
const options = { strict: false, allowUnionTypes: true, ownProperties: true, validateFormats: false, logger: false } as const;
const JSON_TYPES: Record<string, string> = { string: 'string', number: 'number', boolean: 'boolean' };
const jsonType = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : (JSON_TYPES[typeof v] ?? 'object'));

/**
 * A plan with the group's schema as a fragment in two events: in `Suite` its property declares
 * no type; in `Typed` it declares the types of the group's data (so `compile` repeats them in
 * the fragment, where safe). Each `#/definitions/x` of the fragment that could name a plan
 * type has a plan type of that name (a trap: a fragment's reference must never reach it).
 */
function planText(g: Group): string {
  const traps = [...new Set([...JSON.stringify(g.schema).matchAll(/"#\/definitions\/([A-Za-z_][A-Za-z0-9_]*)"/g)].map((m) => m[1]!))].filter((t) => !['string', 'number', 'integer', 'boolean', 'object', 'array', 'any', 'null'].includes(t));
  const types = [...new Set(g.tests.map((t) => jsonType(t.data)))].sort();
  return [
    'trackplan: 1',
    ...(traps.length > 0 ? ['types:', ...traps.map((t) => `  ${t}: {type: "null"}`)] : []),
    'events:',
    '  Suite:',
    '    properties:',
    `      value: {schema: ${JSON.stringify(g.schema)}}`,
    ...traps.map((t) => `      trap_${t}: ${t}`),
    '  Typed:',
    '    properties:',
    `      value: {type: ${JSON.stringify(types)}, schema: ${JSON.stringify(g.schema)}}`,
    '',
  ].join('\n');
}

function standalone(A: typeof Ajv | typeof Ajv2020, schema: object): ValidateFunction | undefined {
  try {
    return new A(options).compile(schema);
  } catch {
    return undefined;
  }
}

describe('JSON Schema Test Suite (draft-07, groups with $ref or $id) as raw fragments', () => {
  // One validator instance for every file, as a user compiling a whole output folder has.
  const ajv07 = new Ajv(options);
  const ajv2020 = new Ajv2020(options);
  const strictAjv = new Ajv({ strict: true, allowUnionTypes: true, ownProperties: true, validateFormats: false, logger: false });

  it.each(GROUPS.map((g) => [`${g.file}: ${g.description}`, g] as const))('%s', async (_name, g) => {
    const { plan, diagnostics } = await loadText(planText(g));
    const own07 = standalone(Ajv, g.schema);
    // `check` refuses exactly the fragments ajv cannot compile on their own.
    const errors = diagnostics.filter((d) => d.severity === 'error');
    expect(errors.length > 0, errors.map((d) => d.message).join('; ')).toBe(own07 === undefined);
    if (!own07) return;
    const p = plan as Plan;
    const own2020 = standalone(Ajv2020, g.schema);
    const valid2020 = new Ajv2020(options).validateSchema(g.schema);

    for (const event of ['Suite', 'Typed']) {
      const message = (data: unknown) => ({ type: 'track', event, userId: 'u1', properties: { value: data } });
      const file = (draft: 'draft-07' | '2020-12') => JSON.parse(compilePlan(p, { draft }).find((f) => f.path.startsWith(`track/${event.toLowerCase()}-`))!.contents) as object;
      const schema07 = file('draft-07');
      const compiled07 = ajv07.compile(schema07);
      // The file is as valid 2020-12 as the fragment is (`compile --draft 2020-12` refuses the rest).
      const schema2020 = file('2020-12');
      expect(ajv2020.validateSchema(schema2020)).toBe(valid2020);
      const compiled2020 = own2020 ? ajv2020.compile(schema2020) : undefined;
      // Strict validators refuse the file exactly when `check` warned that they would.
      const warned = diagnostics.some((d) => d.code === 'fragment-not-strict' && d.path[1] === event);
      let strictRefuses = false;
      try {
        strictAjv.compile(schema07);
      } catch {
        strictRefuses = true;
      }
      expect([event, strictRefuses]).toEqual([event, warned]);

      const audit = (await indexPlan(p)).track.get(event)!.validate;
      for (const t of g.tests) {
        const expected = own07(t.data);
        const at = `${event}: ${t.description} (${JSON.stringify(t.data)})`;
        expect([at, compiled07(message(t.data))]).toEqual([at, expected]);
        if (compiled2020) expect([at, '2020-12', compiled2020(message(t.data))]).toEqual([at, '2020-12', own2020!(t.data)]);
        expect([at, 'audit', audit({ value: t.data }).filter((v) => !v.warn)]).toEqual([at, 'audit', expected ? [] : [expect.objectContaining({ rule: 'schema-mismatch' })]]);
      }
    }

    const generated = validatorModule(p, { typed: true }).fragments!;
    const client = Object.values((await import(`data:text/javascript;base64,${Buffer.from(generated).toString('base64')}`)) as Record<string, (d: unknown) => boolean>);
    expect(client).toHaveLength(1);
    for (const t of g.tests) expect([t.description, 'client', client[0]!(t.data)]).toEqual([t.description, 'client', own07(t.data)]);
  });

  it('agrees with the suite wherever ajv itself does', () => {
    // The comparison above is with ajv on the fragment alone; that ajv is the reference is
    // only fair where it gives the suite's verdicts, which must be nearly everywhere.
    let cases = 0;
    let ajvDiffers = 0;
    for (const g of GROUPS) {
      const own = standalone(Ajv, g.schema);
      if (!own) continue;
      for (const t of g.tests) {
        cases++;
        if (own(t.data) !== t.valid) ajvDiffers++;
      }
    }
    expect(cases).toBeGreaterThan(80);
    expect(ajvDiffers).toBeLessThan(cases / 20);
  });
});
