import { Ajv } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { indexPlan } from '../../src/audit/plan-spec.js';
import { loadTemplates } from '../../src/cli/templates-dir.js';
import { generateClient } from '../../src/codegen/generate.js';
import { compilePlan } from '../../src/compile/compile-plan.js';
import { validatorModule } from '../../src/compile/validator/module.js';
import { refersToRoot } from '../../src/compile/fragment-schema.js';
import type { Plan } from '../../src/model/plan.js';
import { loadText, yaml } from '../helpers.js';

const addFormats = addFormatsModule.default;

async function plan(text: string): Promise<Plan> {
  const { plan, diagnostics } = await loadText(text);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return plan!;
}

/** The compiled schema of event `E`, and an ajv check of a message whose properties are `p`. */
function compiled(p: Plan, draft: 'draft-07' | '2020-12' = 'draft-07') {
  const file = compilePlan(p, { draft }).find((f) => f.path.startsWith('track/'))!;
  const schema = JSON.parse(file.contents) as Record<string, unknown>;
  const ajv = draft === 'draft-07' ? new Ajv({ allowUnionTypes: true, ownProperties: true, logger: false }) : new Ajv2020({ allowUnionTypes: true, ownProperties: true, logger: false });
  addFormats(ajv);
  const check = ajv.compile(schema);
  return { schema, text: file.contents, valid: (properties: object) => check({ type: 'track', event: 'E', userId: 'u1', properties }) };
}

async function audited(p: Plan, properties: object): Promise<string[]> {
  const validate = (await indexPlan(p)).track.get('E')!.validate;
  return validate(properties).map((v) => `${v.rule}@${v.path}`);
}

describe('raw fragments keep their own references in compiled schemas', () => {
  // Issue 10, item 19: `$ref: "#"` pointed at the message, which then refused valid messages.
  it('`#` is the fragment, not the message', async () => {
    const p = await plan(yaml`
      trackplan: 1
      events:
        E:
          properties:
            tree: {schema: {properties: {child: {$ref: "#"}}, additionalProperties: false}}
    `);
    for (const draft of ['draft-07', '2020-12'] as const) {
      const { valid } = compiled(p, draft);
      expect(valid({ tree: { child: { child: false } } })).toBe(true);
      expect(valid({ tree: { child: { other: 1 } } })).toBe(false);
    }
    expect(await audited(p, { tree: { child: { child: {} } } })).toEqual([]);
    expect(await audited(p, { tree: { child: { other: 1 } } })).toEqual(['schema-mismatch@properties.tree']);
  });

  // Item 19: the fragment's `#/definitions/count` silently became the plan's type `count`.
  it("a fragment's `#/definitions/x` is its own, not the plan's type `x`", async () => {
    const p = await plan(yaml`
      trackplan: 1
      types:
        count: {type: string}
      events:
        E:
          properties:
            label: count
            n: {schema: {definitions: {count: {type: integer, minimum: 0}}, $ref: "#/definitions/count"}}
    `);
    for (const draft of ['draft-07', '2020-12'] as const) {
      const { valid } = compiled(p, draft);
      expect(valid({ label: 'a', n: 3 })).toBe(true);
      expect(valid({ label: 'a', n: 'three' })).toBe(false);
      expect(valid({ label: 'a', n: -1 })).toBe(false);
    }
    expect(await audited(p, { label: 'a', n: 3 })).toEqual([]);
  });

  // Item 19: pointers into the fragment (`#/properties/foo`) did not resolve in the message.
  it('pointers into the fragment resolve, so ajv compiles the file', async () => {
    const p = await plan(yaml`
      trackplan: 1
      events:
        E:
          properties:
            pair: {type: object, schema: {properties: {a: {type: integer}, b: {$ref: "#/properties/a"}}}}
    `);
    const { valid } = compiled(p);
    expect(valid({ pair: { a: 1, b: 2 } })).toBe(true);
    expect(valid({ pair: { a: 1, b: 'x' } })).toBe(false);
  });

  // Item 20: the fragment's own `$id` was replaced, so `audit` and `generate` crashed with
  // "can't resolve reference v.json from id trackplan:frag0".
  it('a fragment keeps its own `$id`, and references relative to it resolve everywhere', async () => {
    const p = await plan(yaml`
      trackplan: 1
      events:
        E:
          properties:
            v: {schema: {$id: "https://example.com/schemas/root.json", properties: {x: {$ref: "v.json"}}, definitions: {v: {$id: "v.json", type: integer}}}}
            w: {schema: {$id: "https://example.com/schemas/root.json", properties: {x: {$ref: "v.json"}}, definitions: {v: {$id: "v.json", type: integer}}}}
    `);
    expect(await audited(p, { v: { x: 1 }, w: { x: 2 } })).toEqual([]);
    expect(await audited(p, { v: { x: 'a' } })).toEqual(['schema-mismatch@properties.v']);
    const files = await generateClient(p, { client: 'generic', validate: 'always', templates: await loadTemplates(), planFile: 'plan.yaml', command: 'trackplan generate' });
    const fragments = files.find((f) => f.path === 'fragments.ts')!.contents;
    const mod = (await import(`data:text/javascript;base64,${Buffer.from(fragments).toString('base64')}`)) as Record<string, (d: unknown) => boolean>;
    expect(Object.values(mod).map((f) => [f({ x: 1 }), f({ x: 'a' })])).toEqual([[true, false]]);
    // Used twice (`v` and `w`), it is written once: two schemas with one `$id` are ambiguous.
    const { schema, valid } = compiled(p);
    expect(JSON.stringify(schema).match(/"\$id":"https:\/\/example.com\/schemas\/root.json"/g)).toHaveLength(1);
    expect(valid({ v: { x: 1 }, w: { x: 2 } })).toBe(true);
    expect(valid({ v: { x: 1 }, w: { x: 'a' } })).toBe(false);
  });

  it('the same fragment with its own `$id` may be used twice (check compiled each alone)', async () => {
    const { diagnostics } = await loadText('trackplan: 1\nevents:\n  E:\n    properties:\n      a: {schema: {$id: "http://x/a.json", type: string}}\n      b: {schema: {$id: "http://x/a.json", type: string}}\n');
    expect(diagnostics).toEqual([]);
  });

  it('relative `$id`s inside two fragments stay apart', async () => {
    const p = await plan(yaml`
      trackplan: 1
      events:
        E:
          properties:
            s: {schema: {definitions: {a: {$id: "a.json", type: string}}, $ref: "a.json"}}
            i: {schema: {definitions: {a: {$id: "a.json", type: integer}}, $ref: "a.json"}}
    `);
    const { valid } = compiled(p);
    expect(valid({ s: 'x', i: 1 })).toBe(true);
    expect(valid({ s: 1, i: 1 })).toBe(false);
    expect(valid({ s: 'x', i: 'x' })).toBe(false);
    expect(await audited(p, { s: 'x', i: 'x' })).toEqual(['schema-mismatch@properties.i']);
  });

  it("repeats the plan's type in the fragment for strict validators, unless the fragment refers to its root", async () => {
    const { plan: p, diagnostics } = await loadText(yaml`
      trackplan: 1
      events:
        E:
          properties:
            plain: {type: object, schema: {properties: {a: {type: string}}}}
            tree: {type: object, schema: {properties: {child: {$ref: "#"}}}}
    `);
    const { schema, valid } = compiled(p!);
    const defs = Object.values(schema['definitions'] as Record<string, Record<string, unknown>>);
    expect(defs.map((d) => [Object.keys(d['properties'] as object)[0], d['type']])).toEqual(
      expect.arrayContaining([
        ['a', 'object'],
        ['child', undefined],
      ]),
    );
    // The root of `tree` takes any value where it is referred to; `type: object` there would
    // have refused `child: 1`.
    expect(valid({ tree: { child: 1 } })).toBe(true);
    // Strict ajv refuses only the second, as `check` warns.
    expect(diagnostics.map((d) => `${d.code}@${d.path.join('.')}`)).toEqual(['fragment-not-strict@events.E.properties.tree.schema']);
    expect(() => addFormats(new Ajv({ strict: true, allowUnionTypes: true })).compile(schema)).toThrow(/missing type "object" for keyword "properties" at "fragment-/);
  });

  it('written once per file, with every type declared beside it (or none, if one use declares none)', async () => {
    const typeOf = async (props: string) => {
      const { schema } = compiled(await plan(`trackplan: 1\nevents:\n  E:\n    properties:\n${props}`));
      const defs = Object.values(schema['definitions'] as Record<string, Record<string, unknown>>);
      expect(defs).toHaveLength(1);
      return defs[0]!['type'];
    };
    const s = '      s: {type: string, schema: {enum: [1, "a"]}}\n';
    const i = '      i: {type: integer, nullable: true, schema: {enum: [1, "a"]}}\n';
    const any = '      x: {schema: {enum: [1, "a"]}}\n';
    expect(await typeOf(s)).toBe('string');
    expect(await typeOf(s + i)).toEqual(['string', 'integer', 'null']);
    expect(await typeOf(s + i + any)).toBeUndefined();
  });

  it('is deterministic, and names a fragment after its content alone', async () => {
    const text = 'trackplan: 1\nevents:\n  E:\n    properties:\n      x: {schema: {minLength: 2}}\n';
    const one = compiled(await plan(text)).text;
    expect(compiled(await plan(text)).text).toBe(one);
    const more = compiled(await plan(`${text}      y: {schema: {maxLength: 2}}\n  F:\n    properties:\n      x: {schema: {minLength: 2}}\n`)).text;
    const key = (s: string) => /"(fragment-[0-9a-f]+)": \{\n\s+"\$id": "fragment-[0-9a-f]+\/",\n\s+"minLength": 2/.exec(s)?.[1];
    expect(key(one)).toMatch(/^fragment-[0-9a-f]{12}$/);
    expect(key(more)).toBe(key(one));
  });
});

describe('refersToRoot', () => {
  it.each([
    [{ properties: { a: { $ref: '#' } } }, true],
    [{ items: [{ $ref: '#' }] }, true],
    [{ $id: 'urn:uuid:deadbeef-1234-ffff-ffff-4321feebdaed', properties: { a: { $ref: 'urn:uuid:deadbeef-1234-ffff-ffff-4321feebdaed' } } }, true],
    [{ $id: 'http://x/root.json', definitions: { n: { $id: 'node.json', properties: { up: { $ref: 'root.json' } } } } }, true],
    [{ properties: { a: { $ref: '#/definitions/a' } }, definitions: { a: { type: 'string' } } }, false],
    // A nested `$id` is a root of its own: its `#` is not the fragment's.
    [{ definitions: { n: { $id: 'http://x/node.json', properties: { self: { $ref: '#' } } } } }, false],
    // Data, not schemas: a `$ref` in `enum` or `const`, or a property named `$ref`.
    [{ enum: [{ $ref: '#' }], const: { $ref: '#' }, properties: { $ref: { type: 'string' } } }, false],
  ])('%j: %s', (schema, expected) => {
    expect(refersToRoot(schema)).toBe(expected);
  });
});

describe('fragments that give one `$id` to different schemas', () => {
  it('are an error of check, naming both (a compiled file with both would be ambiguous)', async () => {
    const { diagnostics } = await loadText(yaml`
      trackplan: 1
      events:
        E:
          properties:
            a: {schema: {$id: "https://example.com/a.json", type: string}}
            b: {schema: {$id: "https://example.com/a.json", type: integer}}
            c: {schema: {definitions: {n: {$id: "https://example.com/n.json", minimum: 1}}}}
            d: {schema: {definitions: {n: {$id: "https://example.com/n.json", minimum: 2}}}}
            e: {schema: {$id: "x/", definitions: {n: {$id: "n.json", minimum: 1}}}}
            f: {schema: {$id: "x/n.json", minimum: 2}}
            g: {schema: {definitions: {n: {$id: "n.json", minimum: 1}}}}
            h: {schema: {definitions: {n: {$id: "n.json", minimum: 2}}}}
    `);
    expect(diagnostics.map((d) => `${d.code}@${d.path.join('.')}: ${/the `\$id` (\S+)/.exec(d.message)?.[1]} (at ${/\(at (\S+)\)/.exec(d.message)?.[1]})`)).toEqual([
      'invalid-schema@events.E.properties.b.schema: https://example.com/a.json (at events.E.properties.a.schema)',
      'invalid-schema@events.E.properties.d.schema: https://example.com/n.json (at events.E.properties.c.schema)',
      'invalid-schema@events.E.properties.f.schema: x/n.json (at events.E.properties.e.schema)',
    ]);
  });
});

describe("a fragment's `$id` in generated code", () => {
  it('never ends up in a comment, where `*/` would turn the rest into code', async () => {
    const id = 'https://example.com/a*/globalThis.fragmentIdRan=1;/*';
    const p = await plan(yaml`
      trackplan: 1
      events:
        E:
          properties:
            root: {schema: {$id: ${JSON.stringify(id)}, type: string}}
            nested: {schema: {definitions: {a: {$id: ${JSON.stringify(id.replace('a*', 'b*'))}, type: object, properties: {next: {$ref: "#"}}}}, properties: {p: {$ref: ${JSON.stringify(id.replace('a*', 'b*'))}}}}}
    `);
    // A recursive nested schema is a function of its own in ajv's code, named by its `$id`.
    const audit = await audited(p, { root: 'x', nested: { p: { next: { next: {} } } } });
    expect(await audited(p, { root: 1, nested: { p: { next: 1 } } })).toEqual(['schema-mismatch@properties.root', 'schema-mismatch@properties.nested']);
    expect(audit).toEqual([]);
    expect((globalThis as Record<string, unknown>)['fragmentIdRan']).toBeUndefined();
    expect(validatorModule(p, { typed: true }).fragments).not.toMatch(/sourceURL/);
  });
});

describe("a fragment's strings in generated code", () => {
  it('are data: text that looks like ajv\'s declarations is left as it is', async () => {
    const p = await plan(yaml`
      trackplan: 1
      events:
        E:
          properties:
            s: {schema: {enum: ['require("fs")', 'export const frag0 = 1', 'require("ajv/dist/runtime/equal").default', 'x', {a: 1}]}}
    `);
    for (const s of ['require("fs")', 'export const frag0 = 1', 'require("ajv/dist/runtime/equal").default', 'x']) expect(await audited(p, { s })).toEqual([]);
    expect(await audited(p, { s: 'const frag0 = 1' })).toEqual(['schema-mismatch@properties.s']);
    const generated = validatorModule(p, { typed: true }).fragments!;
    expect(generated).toContain('export { frag0 }');
    // ajv's own run-time helper (deep equality, for `{a: 1}`) is still replaced by ours.
    expect(generated).toMatch(/const func\d+ = eq;/);
  });
});
