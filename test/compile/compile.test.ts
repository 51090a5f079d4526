import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { compilePlan, type Manifest } from '../../src/compile/compile-plan.js';
import type { Plan } from '../../src/model/plan.js';
import { loadText, yaml } from '../helpers.js';

// ajv-formats is CommonJS: under NodeNext its default import is `module.exports`, whose
// `.default` is the plugin (it sets both).
const addFormats = addFormatsModule.default;

const PLAN = yaml`
  trackplan: 1
  name: shop
  version: "1.2.0"
  types:
    Product:
      type: object
      properties:
        product_id: {type: string, required: true}
        price: {type: number, minimum: 0}
        tags: {type: array, items: string, maxItems: 3, uniqueItems: true}
  properties:
    currency: {type: string, pattern: "^[A-Z]{3}$"}
  events:
    Order Completed:
      description: An order was placed.
      properties:
        order_id: {type: string, required: true, minLength: 1}
        total: {type: number, exclusiveMinimum: 0}
        currency:
        coupon: {type: string, nullable: true}
        products: {type: array, items: Product, minItems: 1}
        placed_at: {type: string, format: date-time}
        quantity: integer
        channel: {type: string, enum: [web, ios, android]}
        ref: [string, integer]
        meta: {type: object, additionalProperties: true}
        extra: any
    "It's \"quoted\" ✓":
      deprecated: Use Order Completed.
  identify:
    traits:
      email: {type: string, format: email, required: true}
  group:
    traits:
      employees: {type: integer, minimum: 1}
  pages:
    Home: {properties: {variant: {type: string, const: b}}}
  screens:
    Settings: {}
`;

async function compiled(text = PLAN, draft?: '2020-12'): Promise<{ plan: Plan; files: Map<string, string> }> {
  const { plan, diagnostics } = await loadText(text);
  expect(diagnostics).toEqual([]);
  const files = compilePlan(plan!, draft ? { draft } : {});
  return { plan: plan!, files: new Map(files.map((f) => [f.path, f.contents])) };
}

function validatorFor(files: Map<string, string>, type: string, name?: string, ajv: Ajv = newAjv()): ValidateFunction {
  const manifest = JSON.parse(files.get('index.json')!) as Manifest;
  const entry = manifest.messages.find((m) => m.type === type && m.name === name)!;
  return ajv.compile(JSON.parse(files.get(entry.file)!));
}

function newAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv);
  return ajv;
}

const base = { type: 'track', event: 'Order Completed', userId: 'u1', timestamp: '2026-01-02T03:04:05Z' };
const good = { order_id: 'o1', total: 10, currency: 'EUR', coupon: null, products: [{ product_id: 'p1', price: 3, tags: ['a'] }], placed_at: '2026-01-02T03:04:05Z', quantity: 2, channel: 'web', ref: 7, meta: { any: 1 }, extra: [1] };

describe('compiled JSON Schema', () => {
  it('accepts valid messages', async () => {
    const { files } = await compiled();
    const v = validatorFor(files, 'track', 'Order Completed');
    expect(v({ ...base, properties: good }), JSON.stringify(v.errors)).toBe(true);
    expect(v({ ...base, userId: null, anonymousId: 'a1', properties: { order_id: 'o' } }), JSON.stringify(v.errors)).toBe(true);
  });

  it.each([
    ['an unplanned property (strict)', { ...good, unplanned: 1 }, 'additionalProperties'],
    ['a missing required property', { total: 1 }, 'required'],
    ['a wrong type', { ...good, total: '10' }, 'type'],
    ['a value not in the enum', { ...good, channel: 'tv' }, 'enum'],
    ['a pattern mismatch', { ...good, currency: 'eur' }, 'pattern'],
    ['a bad date-time', { ...good, placed_at: 'yesterday' }, 'format'],
    ['an exclusive minimum', { ...good, total: 0 }, 'exclusiveMinimum'],
    ['a non-integer', { ...good, quantity: 1.5 }, 'type'],
    ['an empty array below minItems', { ...good, products: [] }, 'minItems'],
    ['a nested required key', { ...good, products: [{ price: 1 }] }, 'required'],
    ['a nested unplanned key', { ...good, products: [{ product_id: 'p', colour: 'red' }] }, 'additionalProperties'],
    ['a nested minimum', { ...good, products: [{ product_id: 'p', price: -1 }] }, 'minimum'],
    ['duplicate array items', { ...good, products: [{ product_id: 'p', tags: ['a', 'a'] }] }, 'uniqueItems'],
    ['a union mismatch', { ...good, ref: true }, 'type'],
    ['null where not nullable', { ...good, total: null }, 'type'],
  ])('rejects %s', async (_name, properties, keyword) => {
    const { files } = await compiled();
    const v = validatorFor(files, 'track', 'Order Completed');
    expect(v({ ...base, properties })).toBe(false);
    expect(v.errors!.map((e) => e.keyword)).toContain(keyword);
  });

  it('rejects the wrong event name, a missing user, and a bad timestamp', async () => {
    const { files } = await compiled();
    const v = validatorFor(files, 'track', 'Order Completed');
    expect(v({ ...base, event: 'Order Complete', properties: good })).toBe(false);
    expect(v({ type: 'track', event: 'Order Completed', properties: good })).toBe(false);
    expect(v({ type: 'track', event: 'Order Completed', userId: null, anonymousId: null, properties: good })).toBe(false);
    expect(v({ ...base, timestamp: 'now', properties: good })).toBe(false);
  });

  it('describes identify, group, page and screen calls', async () => {
    const { files } = await compiled();
    const identify = validatorFor(files, 'identify');
    expect(identify({ type: 'identify', userId: 'u', traits: { email: 'a@b.co' } })).toBe(true);
    expect(identify({ type: 'identify', userId: 'u', traits: { email: 'nope' } })).toBe(false);
    const group = validatorFor(files, 'group');
    expect(group({ type: 'group', userId: 'u', groupId: 'g', traits: { employees: 5 } })).toBe(true);
    expect(group({ type: 'group', userId: 'u', traits: { employees: 5 } })).toBe(false);
    const page = validatorFor(files, 'page', 'Home');
    // analytics.js adds path/url/title/referrer/search itself; a strict page must accept them.
    expect(page({ type: 'page', name: 'Home', anonymousId: 'a', properties: { variant: 'b', path: '/', url: 'https://x.test/', title: 'Home' } })).toBe(true);
    expect(page({ type: 'page', name: 'Home', anonymousId: 'a', properties: { variant: 'c' } })).toBe(false);
    const screen = validatorFor(files, 'screen', 'Settings');
    expect(screen({ type: 'screen', name: 'Settings', anonymousId: 'a', properties: {} })).toBe(true);
    expect(screen({ type: 'screen', name: 'Settings', anonymousId: 'a', properties: { x: 1 } })).toBe(false);
  });

  it('keeps exact names with quotes and unicode, and marks deprecation', async () => {
    const { files } = await compiled();
    const name = 'It\'s "quoted" ✓';
    const manifest = JSON.parse(files.get('index.json')!) as Manifest;
    const entry = manifest.messages.find((m) => m.name === name)!;
    expect(entry.deprecated).toBe('Use Order Completed.');
    const schema = JSON.parse(files.get(entry.file)!);
    expect(schema.properties.event.const).toBe(name);
    expect(schema.deprecated).toBe(true);
  });

  it('validates against the draft-07 meta-schema, and 2020-12 against its own', async () => {
    const { files } = await compiled();
    const ajv = newAjv();
    for (const [path, text] of files) if (path !== 'index.json') expect(ajv.validateSchema(JSON.parse(text)), path).toBe(true);
    const next = await compiled(PLAN, '2020-12');
    const ajv2020 = new Ajv2020({ strict: true, allowUnionTypes: true });
    addFormats(ajv2020);
    for (const [path, text] of next.files) {
      if (path === 'index.json') continue;
      const schema = JSON.parse(text);
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(ajv2020.validateSchema(schema), path).toBe(true);
      expect(JSON.stringify(schema)).not.toContain('#/definitions/');
    }
    const v = validatorFor(next.files, 'track', 'Order Completed', ajv2020 as unknown as Ajv);
    expect(v({ ...base, properties: good })).toBe(true);
    expect(v({ ...base, properties: { ...good, products: [{ price: 1 }] } })).toBe(false);
  });

  it('is deterministic: the same plan, in any key order, gives byte-identical files', async () => {
    const a = await compiled();
    const b = await compiled();
    expect([...b.files]).toEqual([...a.files]);
    const reordered = PLAN.replace('screens:\n  Settings: {}\n', '').replace('events:\n', 'screens:\n  Settings: {}\nevents:\n');
    expect(reordered).not.toBe(PLAN);
    const c = await compiled(reordered);
    expect([...c.files]).toEqual([...a.files]);
  });

  it('names files with slugs that never collide and never leave the output folder', async () => {
    const { files } = await compiled(yaml`
      trackplan: 1
      events:
        ../../etc/passwd: {}
        Order Completed: {}
        order completed: {codegen: {name: orderCompletedLower}}
        order_completed: {codegen: {name: orderCompletedSnake}}
        "": {}
        "注文完了": {}
        CON: {}
    `.replace('  "": {}\n', ''));
    const paths = [...files.keys()];
    expect(new Set(paths.map((p) => p.toLowerCase())).size).toBe(paths.length);
    for (const p of paths) expect(p).toMatch(/^(index\.json|track\/[a-z0-9-]+\.json)$/);
    expect(paths.some((p) => p.startsWith('track/etc-passwd-'))).toBe(true);
    expect(paths.filter((p) => p.startsWith('track/order-completed-'))).toHaveLength(3);
  });
});

describe('compile edge cases found in review', () => {
  it('keeps a type named __proto__ as a definition, not a prototype', async () => {
    const { files } = await compiled('trackplan: 1\ntypes:\n  __proto__: string\nevents:\n  E:\n    properties:\n      c: __proto__\n');
    const v = validatorFor(files, 'track', 'E');
    expect(v({ type: 'track', event: 'E', userId: 'u', properties: { c: 'x' } })).toBe(true);
    expect(v({ type: 'track', event: 'E', userId: 'u', properties: { c: 123 } })).toBe(false);
  });

  it('admits null beside a const when nullable', async () => {
    const { files } = await compiled('trackplan: 1\nevents:\n  E:\n    properties:\n      c: {type: string, const: a, nullable: true}\n');
    const v = validatorFor(files, 'track', 'E');
    expect(v({ type: 'track', event: 'E', userId: 'u', properties: { c: null } })).toBe(true);
    expect(v({ type: 'track', event: 'E', userId: 'u', properties: { c: 'a' } })).toBe(true);
    expect(v({ type: 'track', event: 'E', userId: 'u', properties: { c: 'b' } })).toBe(false);
  });
});

describe('hidden characters in compiled files', () => {
  it('writes bidi, C1 and separator characters as \\uXXXX, meaning the same values', async () => {
    const name = 'Order \u202eCompleted\u0085';
    const value = 'a\u2028b\u2066c\u200bd\ufeff';
    const { plan } = await loadText(`trackplan: 1\nevents:\n  ${JSON.stringify(name)}:\n    description: "x\\u200fy"\n    properties:\n      v: {type: string, enum: [${JSON.stringify(value)}]}\n`);
    expect(plan).toBeDefined();
    const files = compilePlan(plan!);
    for (const f of files) expect(f.contents).not.toMatch(/[\u0080-\u009f\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060-\u2069\ufeff]/);
    const schema = files.find((f) => f.path.startsWith('track/'))!;
    expect(schema.contents).toContain('\\u202E');
    const parsed = JSON.parse(schema.contents) as { properties: { event: { const: string }; properties: { properties: { v: { enum: string[] } } } } };
    expect(parsed.properties.event.const).toBe(name);
    expect(parsed.properties.properties.properties.v.enum).toEqual([value]);
  });
});
