import { describe, expect, it } from 'vitest';
import { diffPlans } from '../../src/diff/diff.js';
import { diffRules } from '../../src/diff/rules/index.js';
import type { FileHost } from '../../src/load/host.js';
import { loadPlan } from '../../src/load/load-plan.js';

// "Never report a change as none": every key of a property definition (README, "Property
// definitions") and of a message and the plan is changed in turn — added, removed, given another
// value — at every kind of place a definition can stand, and each change must give a finding.

type Def = Record<string, unknown>;
type PlanDoc = Record<string, unknown>;

/** A definition carrying the key, and other values for it. Removing the key is a change too (except `type`). */
const KEYS: Record<string, { def: Def; others: unknown[] }> = {
  type: { def: { type: 'string' }, others: ['integer', ['string', 'boolean'], 'any'] },
  description: { def: { type: 'string', description: 'a' }, others: ['b'] },
  required: { def: { type: 'string', required: true }, others: [false] },
  nullable: { def: { type: 'string', nullable: true }, others: [false] },
  enum: { def: { type: 'string', enum: ['a', 'b'] }, others: [['a', 'c'], ['a'], ['a', 'b', 'c']] },
  const: { def: { type: 'string', const: 'a' }, others: ['b'] },
  pattern: { def: { type: 'string', pattern: '^a' }, others: ['^b'] },
  format: { def: { type: 'string', format: 'email' }, others: ['uri'] },
  minimum: { def: { type: 'number', minimum: 1 }, others: [0, 2] },
  maximum: { def: { type: 'number', maximum: 1 }, others: [0, 2] },
  exclusiveMinimum: { def: { type: 'number', exclusiveMinimum: 1 }, others: [0, 2] },
  exclusiveMaximum: { def: { type: 'number', exclusiveMaximum: 1 }, others: [0, 2] },
  minLength: { def: { type: 'string', minLength: 1 }, others: [0, 2] },
  maxLength: { def: { type: 'string', maxLength: 1 }, others: [0, 2] },
  minItems: { def: { type: 'array', items: 'string', minItems: 1 }, others: [0, 2] },
  maxItems: { def: { type: 'array', items: 'string', maxItems: 1 }, others: [0, 2] },
  uniqueItems: { def: { type: 'array', items: 'string', uniqueItems: true }, others: [false] },
  items: { def: { type: 'array', items: 'string' }, others: ['integer', { type: 'string', maxLength: 2 }, { type: 'object', properties: { a: 'string' } }] },
  properties: { def: { type: 'object', properties: { a: 'string' } }, others: [{ a: 'integer' }, { a: 'string', b: 'string' }, { a: { type: 'string', required: true } }, {}] },
  additionalProperties: { def: { type: 'object', properties: { a: 'string' }, additionalProperties: 'string' }, others: ['integer', true, false] },
  examples: { def: { type: 'string', examples: ['a'] }, others: [['b']] },
  deprecated: { def: { type: 'string', deprecated: true }, others: ['use b'] },
  schema: { def: { type: 'string', schema: { minLength: 2 } }, others: [{ minLength: 3 }] },
};

/** Every change of one key: [name, before, after]. */
function mutations(): [string, Def, Def][] {
  const out: [string, Def, Def][] = [];
  for (const [key, { def, others }] of Object.entries(KEYS)) {
    const { [key]: _dropped, ...without } = def;
    if (key !== 'type') out.push([`${key} removed`, def, without], [`${key} added`, without, def]);
    for (const v of others) out.push([`${key} → ${JSON.stringify(v)}`, def, { ...def, [key]: v }]);
  }
  return out;
}

const plan = (extra: PlanDoc): PlanDoc => ({ trackplan: 1, version: '1.0.0', events: { Seen: { properties: { id: 'string' } } }, ...extra });
const event = (properties: Def): PlanDoc => ({ events: { 'Order Completed': { properties } } });
const nest = (def: Def, depth: number): Def => (depth === 0 ? { x: def } : { a: { type: 'object', properties: nest(def, depth - 1) } });

/** The places a definition can stand, as a plan around it. `field: false`: `required` means nothing there. */
const PLACES: Record<string, { plan: (def: Def) => PlanDoc; field: boolean; net?: true }> = {
  'event property': { plan: (d) => plan(event({ x: d })), field: true },
  'page property': { plan: (d) => plan({ pages: { Home: { properties: { x: d } } } }), field: true },
  'identify trait': { plan: (d) => plan({ identify: { traits: { x: d } } }), field: true },
  'nested property': { plan: (d) => plan(event({ o: { type: 'object', properties: { x: d } } })), field: true },
  'array items': { plan: (d) => plan(event({ l: { type: 'array', items: d } })), field: false },
  'typed other keys': { plan: (d) => plan(event({ m: { type: 'object', additionalProperties: d } })), field: false },
  'shared property': { plan: (d) => plan({ properties: { x: d }, ...event({ x: null }) }), field: true },
  'inside a named type': { plan: (d) => plan({ types: { Item: { type: 'object', properties: { x: d } } }, ...event({ t: 'Item' }) }), field: true },
  'inside a type that holds itself': {
    plan: (d) => plan({ types: { Node: { type: 'object', properties: { x: d, children: { type: 'array', items: 'Node' } } } }, ...event({ n: 'Node' }) }),
    field: true,
  },
  '30 levels deep': { plan: (d) => plan(event(nest(d, 30))), field: true },
  // No rule can say what a change inside a union's named member means, or in a type no message
  // uses (generated clients still export it): the safety net reports them.
  'inside a named union member': { plan: (d) => plan({ types: { Item: { type: 'object', properties: { x: d } } }, ...event({ u: ['Item', 'string'] }) }), field: true, net: true },
  'inside an unused named type': { plan: (d) => plan({ types: { Item: { type: 'object', properties: { x: d } } } }), field: true, net: true },
};

/** At the plainest place (an event's property), exactly these rules classify each change. */
const AT_EVENT_PROPERTY: Record<string, string[]> = {
  'type → "integer"': ['type-narrowed', 'type-widened'],
  'type → ["string","boolean"]': ['type-widened'],
  'type → "any"': ['type-widened'],
  'description removed': ['documentation-changed'],
  'description added': ['documentation-changed'],
  'description → "b"': ['documentation-changed'],
  'required removed': ['property-became-optional'],
  'required added': ['property-became-required'],
  'required → false': ['property-became-optional'],
  'nullable removed': ['type-narrowed'],
  'nullable added': ['type-widened'],
  'nullable → false': ['type-narrowed'],
  'enum removed': ['constraint-loosened'],
  'enum added': ['constraint-tightened'],
  'enum → ["a","c"]': ['enum-value-added', 'enum-value-removed'],
  'enum → ["a"]': ['enum-value-removed'],
  'enum → ["a","b","c"]': ['enum-value-added'],
  'const removed': ['constraint-loosened'],
  'const added': ['constraint-tightened'],
  'const → "b"': ['constraint-tightened'],
  'pattern removed': ['constraint-loosened'],
  'pattern added': ['constraint-tightened'],
  'pattern → "^b"': ['constraint-tightened'],
  'format removed': ['constraint-loosened'],
  'format added': ['constraint-tightened'],
  'format → "uri"': ['constraint-tightened'],
  'minimum removed': ['constraint-loosened'],
  'minimum added': ['constraint-tightened'],
  'minimum → 0': ['constraint-loosened'],
  'minimum → 2': ['constraint-tightened'],
  'maximum removed': ['constraint-loosened'],
  'maximum added': ['constraint-tightened'],
  'maximum → 0': ['constraint-tightened'],
  'maximum → 2': ['constraint-loosened'],
  'exclusiveMinimum removed': ['constraint-loosened'],
  'exclusiveMinimum added': ['constraint-tightened'],
  'exclusiveMinimum → 0': ['constraint-loosened'],
  'exclusiveMinimum → 2': ['constraint-tightened'],
  'exclusiveMaximum removed': ['constraint-loosened'],
  'exclusiveMaximum added': ['constraint-tightened'],
  'exclusiveMaximum → 0': ['constraint-tightened'],
  'exclusiveMaximum → 2': ['constraint-loosened'],
  'minLength removed': ['constraint-loosened'],
  'minLength added': ['constraint-tightened'],
  'minLength → 0': ['constraint-loosened'],
  'minLength → 2': ['constraint-tightened'],
  'maxLength removed': ['constraint-loosened'],
  'maxLength added': ['constraint-tightened'],
  'maxLength → 0': ['constraint-tightened'],
  'maxLength → 2': ['constraint-loosened'],
  'minItems removed': ['constraint-loosened'],
  'minItems added': ['constraint-tightened'],
  'minItems → 0': ['constraint-loosened'],
  'minItems → 2': ['constraint-tightened'],
  'maxItems removed': ['constraint-loosened'],
  'maxItems added': ['constraint-tightened'],
  'maxItems → 0': ['constraint-tightened'],
  'maxItems → 2': ['constraint-loosened'],
  'uniqueItems removed': ['constraint-loosened'],
  'uniqueItems added': ['constraint-tightened'],
  'uniqueItems → false': ['constraint-loosened'],
  'items removed': ['constraint-loosened'],
  'items added': ['constraint-tightened'],
  'items → "integer"': ['type-narrowed', 'type-widened'],
  'items → {"type":"string","maxLength":2}': ['constraint-tightened'],
  'items → {"type":"object","properties":{"a":"string"}}': ['property-added', 'type-narrowed', 'type-widened'],
  'properties removed': ['property-removed', 'strictness-loosened'],
  'properties added': ['property-added', 'strictness-tightened'],
  'properties → {"a":"integer"}': ['type-narrowed', 'type-widened'],
  'properties → {"a":"string","b":"string"}': ['property-added'],
  'properties → {"a":{"type":"string","required":true}}': ['property-became-required'],
  'properties → {}': ['property-removed'],
  'additionalProperties removed': ['strictness-tightened'],
  'additionalProperties added': ['strictness-loosened'],
  'additionalProperties → "integer"': ['type-narrowed', 'type-widened'],
  'additionalProperties → true': ['strictness-loosened'],
  'additionalProperties → false': ['strictness-tightened'],
  'examples removed': ['documentation-changed'],
  'examples added': ['documentation-changed'],
  'examples → ["b"]': ['documentation-changed'],
  'deprecated removed': ['deprecation-removed'],
  'deprecated added': ['deprecation-added'],
  'deprecated → "use b"': ['documentation-changed'],
  'schema removed': ['unclassified-change'],
  'schema added': ['unclassified-change'],
  'schema → {"minLength":3}': ['unclassified-change'],
};

async function diff(base: PlanDoc, head: PlanDoc, rules = Object.values(diffRules)) {
  const b = await loadPlan('base.yaml', { text: JSON.stringify(base) });
  const h = await loadPlan('head.yaml', { text: JSON.stringify(head) });
  expect(b.plan, JSON.stringify(b.diagnostics)).toBeDefined();
  expect(h.plan, JSON.stringify(h.diagnostics)).toBeDefined();
  return diffPlans(b.plan!, h.plan!, b.locate, h.locate, rules);
}
const codes = (r: Awaited<ReturnType<typeof diff>>) => [...new Set(r.findings.map((f) => f.code))].sort();

describe('every change of a property definition is found, at every place', () => {
  const cases = Object.entries(PLACES).flatMap(([place, p]) =>
    mutations().filter(([name]) => p.field || !name.startsWith('required')).map(([name, before, after]) => [place, name, before, after] as const),
  );
  it.each(cases)('%s: %s', async (place, name, before, after) => {
    const { plan: at, net } = PLACES[place]!;
    const r = await diff(at(before), at(after));
    const found = codes(r);
    expect(found.length, 'no finding').toBeGreaterThan(0);
    // Classified by a rule of its own, except what only the safety net can report.
    expect(found.includes('unclassified-change'), found.join(', ')).toBe(net === true || name.startsWith('schema'));
    if (place === 'event property') expect(found).toEqual(AT_EVENT_PROPERTY[name]);
  });

  it('the table of expected rules covers every change', () => {
    expect(Object.keys(AT_EVENT_PROPERTY).sort()).toEqual(mutations().map(([name]) => name).sort());
  });
});

/** The message sections of a plan, each with one message written as `body`. */
const MESSAGES: Record<string, (body: Def) => PlanDoc> = {
  event: (b) => plan({ events: { 'Order Completed': b } }),
  page: (b) => plan({ pages: { Home: b } }),
  screen: (b) => plan({ screens: { Settings: b } }),
  identify: (b) => plan({ identify: b }),
  group: (b) => plan({ group: b }),
};
const payload = (kind: string) => (kind === 'identify' || kind === 'group' ? 'traits' : 'properties');

/** [change, before, after, the rules that must classify it]. */
function messageChanges(kind: string): [string, Def, Def, string[]][] {
  const p = payload(kind);
  // identify and group take only description, owner, strict and traits (README, "Events, pages and screens").
  const traits = p === 'traits';
  const body: Def = { description: 'a', owner: 'growth', ...(traits ? {} : { labels: { funnel: 'checkout' } }), [p]: { id: { type: 'string', required: true }, o: { type: 'object', properties: { a: 'string' } } } };
  const cases: [string, Def, Def, string[]][] = [
    ['description changed', body, { ...body, description: 'b' }, ['documentation-changed']],
    ['description removed', body, { ...body, description: undefined }, ['documentation-changed']],
    ['owner changed', body, { ...body, owner: 'checkout' }, ['documentation-changed']],
    ['a label changed', body, { ...body, labels: { funnel: 'browse' } }, ['documentation-changed']],
    ['deprecated', body, { ...body, deprecated: true }, ['deprecation-added']],
    ['no longer deprecated', { ...body, deprecated: 'use b' }, body, ['deprecation-removed']],
    ['deprecation reason changed', { ...body, deprecated: true }, { ...body, deprecated: 'use b' }, ['documentation-changed']],
    // The message and the objects written in it open up, or close.
    ['strict: false', body, { ...body, strict: false }, ['strictness-loosened']],
    ['strict again', { ...body, strict: false }, body, ['strictness-tightened']],
    ['codegen.name set', body, { ...body, codegen: { name: 'renamed' } }, ['codegen-name-changed']],
    ['codegen.name changed', { ...body, codegen: { name: 'renamed' } }, { ...body, codegen: { name: 'renamedAgain' } }, ['codegen-name-changed']],
    ['codegen.name removed', { ...body, codegen: { name: 'renamed' } }, body, ['codegen-name-changed']],
    ['a property added', body, { ...body, [p]: { ...(body[p] as Def), extra: 'string' } }, ['property-added']],
    ['a required property added', body, { ...body, [p]: { ...(body[p] as Def), extra: { type: 'string', required: true } } }, ['required-property-added']],
    ['a property removed', body, { ...body, [p]: { o: (body[p] as Def)['o'] } }, ['property-removed']],
    ['all properties removed', body, { ...body, [p]: undefined }, ['property-removed']],
  ];
  return traits ? cases.filter(([name]) => !/label|deprecat|codegen/.test(name)) : cases;
}

describe('every change of a message is found', () => {
  const cases = Object.keys(MESSAGES).flatMap((kind) => messageChanges(kind).map(([name, before, after, rules]) => [kind, name, before, after, rules] as const));
  it.each(cases)('%s: %s', async (kind, _name, before, after, rules) => {
    expect(codes(await diff(MESSAGES[kind]!(before), MESSAGES[kind]!(after)))).toEqual(rules);
  });
});

describe('every change of the plan itself is found', () => {
  const base = plan({ name: 'web', description: 'a', owners: ['growth'], types: { Money: { type: 'number', minimum: 0 } }, ...event({ total: 'Money', o: { type: 'object', properties: { a: 'string' } } }) });
  const Item = { type: 'object', properties: { sku: 'string' } };
  const cases: [string, PlanDoc, string[]][] = [
    ['name changed', { ...base, name: 'shop' }, ['documentation-changed']],
    ['name removed', { ...base, name: undefined }, ['documentation-changed']],
    ['description changed', { ...base, description: 'b' }, ['documentation-changed']],
    ['owners changed', { ...base, owners: ['growth', 'data'] }, ['documentation-changed']],
    ['strict: false', { ...base, strict: false }, ['strictness-loosened']],
    ['a named type added', { ...base, types: { ...(base['types'] as Def), Item } }, ['named-type-added']],
    ['a named type removed (unused, but exported by generated clients)', { ...plan({ ...event({ total: 'number' }) }), name: 'web', description: 'a', owners: ['growth'], ...event({ total: { type: 'number', minimum: 0 }, o: { type: 'object', properties: { a: 'string' } } }) }, ['named-type-removed']],
    ['a named type renamed', { ...base, types: { Amount: { type: 'number', minimum: 0 } }, ...event({ total: 'Amount', o: { type: 'object', properties: { a: 'string' } } }) }, ['named-type-added', 'named-type-removed']],
  ];
  it.each(cases)('%s', async (_name, head, rules) => {
    expect(codes(await diff(base, head))).toEqual(rules);
  });
});

// What changes nothing that senders, readers or generated code see is not a change (README, `diff`).
describe('rewrites that mean the same are not changes', () => {
  const cases: [string, PlanDoc, PlanDoc][] = [
    ['properties reordered', plan(event({ a: 'string', b: 'number' })), plan(event({ b: 'number', a: 'string' }))],
    ['enum values reordered', plan(event({ a: { type: 'string', enum: ['x', 'y'] } })), plan(event({ a: { type: 'string', enum: ['y', 'x'] } }))],
    ['shorthand written out', plan(event({ a: 'string' })), plan(event({ a: { type: 'string' } }))],
    ['nullable: false written out', plan(event({ a: 'string' })), plan(event({ a: { type: 'string', nullable: false } }))],
    ['a union with null, or nullable', plan(event({ a: ['string', 'null'] })), plan(event({ a: { type: 'string', nullable: true } }))],
    ['number, or number and integer', plan(event({ a: 'number' })), plan(event({ a: ['number', 'integer'] }))],
    ['a definition moved to the shared library', plan(event({ a: { type: 'string', pattern: '^x' } })), plan({ properties: { a: { type: 'string', pattern: '^x' } }, ...event({ a: null }) })],
    ['strict written where it was inherited', plan(event({ a: 'string' })), plan({ events: { 'Order Completed': { strict: true, properties: { a: 'string' } } } })],
    ['codegen.name set to the derived name', plan(event({ a: 'string' })), plan({ events: { 'Order Completed': { codegen: { name: 'orderCompleted' }, properties: { a: 'string' } } } })],
    ['only the version bumped', plan(event({ a: 'string' })), { ...plan(event({ a: 'string' })), version: '1.1.0' }],
    ['labels reordered', plan({ events: { E: { labels: { a: 1, b: 2 } } } }), plan({ events: { E: { labels: { b: 2, a: 1 } } } })],
  ];
  it.each(cases)('%s', async (_name, before, after) => {
    const r = await diff(before, after);
    expect(r.findings).toEqual([]);
  });

  it('types and shared properties moved into an imported file', async () => {
    const lib = { trackplan: 1, types: { Money: { type: 'number', minimum: 0 } }, properties: { currency: { type: 'string', pattern: '^[A-Z]{3}$' } } };
    const uses = event({ total: 'Money', currency: null });
    const files: Record<string, string> = { 'lib.yaml': JSON.stringify(lib), 'base.yaml': JSON.stringify(plan({ types: lib.types, properties: lib.properties, ...uses })), 'head.yaml': JSON.stringify(plan({ import: ['lib.yaml'], ...uses })) };
    const host: FileHost = {
      readFile: async (path) => {
        if (!(path in files)) throw Object.assign(new Error(path), { code: 'ENOENT' });
        return new TextEncoder().encode(files[path]);
      },
    };
    const [b, h] = [await loadPlan('base.yaml', { host }), await loadPlan('head.yaml', { host })];
    expect([b.diagnostics, h.diagnostics]).toEqual([[], []]);
    expect(diffPlans(b.plan!, h.plan!, b.locate, h.locate).findings).toEqual([]);
  });
});

describe('the safety net', () => {
  // Leave out, in turn, each rule that classifies a change: the change is still reported.
  const cases = mutations().flatMap(([name, before, after]) =>
    AT_EVENT_PROPERTY[name]!.filter((id) => diffRules[id as keyof typeof diffRules].covers.length > 0).map((id) => [id, name, before, after] as const),
  );
  it.each(cases)('without %s: %s', async (id, name, before, after) => {
    const rules = Object.values(diffRules).filter((r) => r.id !== id);
    const found = codes(await diff(plan(event({ x: before })), plan(event({ x: after })), rules));
    expect(found.length).toBeGreaterThan(0);
    // Nothing else classified it: the net did, conservatively.
    if (AT_EVENT_PROPERTY[name]!.length === 1) expect(found).toEqual(['unclassified-change']);
  });

  it('says what changed and where, as a breaking change', async () => {
    const r = await diff(plan(event({ x: { type: 'string', schema: { minLength: 2 } } })), plan(event({ x: { type: 'string', schema: { minLength: 3 } } })));
    expect(r.findings).toMatchObject([{ code: 'unclassified-change', impact: 'breaking', path: ['events', 'Order Completed', 'properties', 'x'] }]);
    expect(r.findings[0]!.message).toBe('property "x" of event "Order Completed": `schema` changed ({"minLength":2} → {"minLength":3}), in a way no rule classifies; treated as breaking until someone checks it.');
    expect(r.required).toBe('major');
  });
});
