import { functionName } from '../model/names.js';
import { type Field, type MessageDef, messageLabel, type Origin, type Plan, type Shape } from '../model/plan.js';
import { admitted, openness } from './compare.js';
import { type ChangeKey, type DiffInput, propName } from './rule.js';

/** One key that differs between the two versions of something present in both. */
export interface Change {
  key: ChangeKey;
  /** The thing that changed, where rules report it: in the head and in the base. */
  head: Origin;
  base: Origin;
  /** `property "total" of event "Order Completed"`, `the plan`, `type "Money"`. */
  label: string;
  before: string;
  after: string;
}

type Keys = Partial<Record<ChangeKey, string | undefined>>;

/** JSON with object keys sorted, so that equal data reads the same whatever its key order. */
function canonical(value: unknown): string | undefined {
  const sort = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sort) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])])) : v;
  return value === undefined ? undefined : JSON.stringify(sort(value));
}

/** A set of values in a stable order: the order of an enum's values means nothing. */
const valueSet = (values: readonly unknown[] | undefined) => values && canonical([...new Set(values.map((v) => canonical(v)))].sort());

/**
 * Everything a shape means, with origins left out, fields and enum values in a stable order, and
 * named types by name. Named types are looked at one by one, so recursion stops at their names.
 */
function meaning(s: Shape, strict: boolean): unknown {
  const { origin: _origin, types, enum: values, properties, items, additionalProperties, ...rest } = s;
  return {
    ...rest,
    types: types.map((t) => `${t.kind}:${t.name}`).sort(),
    ...(values ? { enum: valueSet(values) } : {}),
    ...(properties ? { properties: [...properties].sort((a, b) => (a.name < b.name ? -1 : 1)).map((f) => [f.name, f.required, meaning(f.shape, strict)]) } : {}),
    ...(items ? { items: meaning(items, strict) } : {}),
    ...(typeof additionalProperties === 'object' ? { additionalProperties: meaning(additionalProperties, strict) } : {}),
    openness: openness(s, strict),
  };
}

/** Every named type a shape refers to, directly or through other named types (for unions of named types). */
function namedClosure(plan: Plan, s: Shape, into: Map<string, string>): void {
  const visit = (shape: Shape) => {
    for (const t of shape.types) {
      if (t.kind !== 'named' || into.has(t.name)) continue;
      const def = plan.types.get(t.name);
      into.set(t.name, def ? canonical(meaning(def.shape, plan.strict))! : '?');
      if (def) visit(def.shape);
    }
    for (const f of shape.properties ?? []) visit(f.shape);
    if (shape.items) visit(shape.items);
    if (typeof shape.additionalProperties === 'object') visit(shape.additionalProperties);
  };
  visit(s);
}

/** What a property's value admits: its JSON types, and the definitions of named union members. */
function typesText(plan: Plan, s: Shape, reached: Set<string>): string {
  const names = new Map<string, string>();
  // A resolved shape's named members are union members (a lone name was followed already).
  for (const t of s.types) if (t.kind === 'named') namedClosure(plan, { types: [t], nullable: false, origin: s.origin }, names);
  for (const n of names.keys()) reached.add(n);
  const named = [...names].sort(([a], [b]) => (a < b ? -1 : 1)).map(([n, def]) => `${n}=${def}`);
  return [[...admitted(s)].sort().join(' | '), ...named].join('; ');
}

function shapeKeys(plan: Plan, field: Field, s: Shape, strict: boolean, reached: Set<string>): Keys {
  const num = (x: number | undefined) => (x === undefined ? undefined : String(x));
  return {
    required: String(field.required),
    types: typesText(plan, s, reached),
    description: s.description ?? '',
    enum: valueSet(s.enum),
    const: s.const && canonical(s.const.value),
    pattern: s.pattern,
    format: s.format,
    minimum: num(s.minimum),
    maximum: num(s.maximum),
    exclusiveMinimum: num(s.exclusiveMinimum),
    exclusiveMaximum: num(s.exclusiveMaximum),
    minLength: num(s.minLength),
    maxLength: num(s.maxLength),
    minItems: num(s.minItems),
    maxItems: num(s.maxItems),
    uniqueItems: String(s.uniqueItems === true),
    // Items present in both versions are compared as a property of their own (`tags[]`).
    items: s.items ? 'items' : undefined,
    openness: openness(s, strict),
    examples: canonical(s.examples),
    deprecated: canonical(s.deprecated),
    schema: canonical(s.schema),
  };
}

const messageKeys = (m: MessageDef): Keys => ({
  description: m.description ?? '',
  owner: m.owner ?? '',
  labels: canonical(m.labels),
  deprecated: canonical(m.deprecated),
  strict: String(m.strict),
  // The generated function's name, derived or set: setting the derived name changes nothing.
  function: functionName(m),
});

const planKeys = (p: Plan): Keys => ({ name: p.name ?? '', description: p.description ?? '', owners: canonical(p.owners) });

/**
 * Every key that differs between the two versions of what both have: the plan's own keys, each
 * matched message's and property's, and the definitions of named types no pair reached. What is
 * in one version only (a message, a property, a named type) is always classified, as an addition
 * or a removal; this is what the safety net (`unclassified-change`) checks the rules against.
 */
export function changesOf(input: DiffInput): Change[] {
  const out: Change[] = [];
  const compare = (label: string, base: Origin, head: Origin, b: Keys, h: Keys) => {
    for (const key of Object.keys(h) as ChangeKey[]) {
      const [x, y] = [b[key], h[key]];
      // An object type added or removed is a type change; openness compares objects with objects.
      if (x === y || (key === 'openness' && (x === undefined || y === undefined))) continue;
      out.push({ key, label, base, head, before: x ?? '(none)', after: y ?? '(none)' });
    }
  };
  const { base, head } = input;
  const pb = planKeys(base);
  const ph = planKeys(head);
  for (const key of Object.keys(ph) as ChangeKey[]) {
    compare('the plan', { file: base.file, path: [key] }, { file: head.file, path: [key] }, { [key]: pb[key] }, { [key]: ph[key] });
  }
  for (const { base: b, head: h } of input.messages) compare(messageLabel(h), b.origin, h.origin, messageKeys(b), messageKeys(h));
  const reached = new Set(input.comparedTypes);
  for (const p of input.properties) {
    compare(propName(p.message, p.where), p.base.origin, p.head.origin, shapeKeys(base, p.base, p.baseShape, p.baseStrict, reached), shapeKeys(head, p.head, p.headShape, p.headStrict, reached));
  }
  // A named type no message reaches still matters: generated clients export every one.
  for (const t of head.types.values()) {
    const was = base.types.get(t.name);
    if (!was || reached.has(t.name)) continue;
    compare(`type "${t.name}"`, was.origin, t.origin, { definition: canonical(meaning(was.shape, base.strict)) }, { definition: canonical(meaning(t.shape, head.strict)) });
  }
  return out;
}
