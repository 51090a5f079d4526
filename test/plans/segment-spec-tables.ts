import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Field, type Plan, resolveNamed, type Shape } from '../../src/model/plan.js';

// Reading Segment's spec tables (test/fixtures/segment-spec/<spec>/tables.json) and comparing
// them with the spec plans (plans/segment/<spec>.yaml). See test/fixtures/segment-spec/README.md.

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SPECS = ['ecommerce', 'b2b-saas', 'video', 'mobile'] as const;
export type Spec = (typeof SPECS)[number];

/** Event -> property path (`products[].price`, `campaign.source`) -> the type as the page writes it; null where it gives none. */
export type Tables = Record<string, Record<string, string | null>>;

export function readTables(spec: Spec): Tables {
  return JSON.parse(readFileSync(join(ROOT, 'test/fixtures/segment-spec', spec, 'tables.json'), 'utf8')) as Tables;
}

export function readExamples(spec: Spec): string {
  return readFileSync(join(ROOT, 'test/fixtures/segment-spec', spec, 'examples.ndjson'), 'utf8');
}

/** What a spec type means in the plan format. */
export type Expected =
  | { kind: 'plain'; type: 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'any'; items?: Expected; enum?: readonly string[]; format?: 'date' | 'date-time' }
  | { kind: 'named'; name: string }
  | { kind: 'union'; members: readonly Expected[] };

const SCALARS: Record<string, Expected> = {
  String: { kind: 'plain', type: 'string' },
  string: { kind: 'plain', type: 'string' },
  Number: { kind: 'plain', type: 'number' },
  // The Video Spec's Float: JSON has one number type.
  Float: { kind: 'plain', type: 'number' },
  Integer: { kind: 'plain', type: 'integer' },
  Boolean: { kind: 'plain', type: 'boolean' },
  Object: { kind: 'plain', type: 'object' },
  Array: { kind: 'plain', type: 'array' },
  // B2B SaaS: "Date ... an ISO-8601 date string", with date-time examples.
  Date: { kind: 'plain', type: 'string', format: 'date-time' },
  // Video: "ISO 8601 Date String", with calendar-date examples.
  'ISO 8601 Date String': { kind: 'plain', type: 'string', format: 'date' },
};

/** The conversion rules of docs/segment-specs.md, as code: the page's type words -> the plan's type. */
export function parseSpecType(written: string | null): Expected {
  if (written === null) return { kind: 'plain', type: 'any' };
  const scalar = SCALARS[written];
  if (scalar) return scalar;
  let m = /^Array<(\w+)>$/.exec(written);
  if (m) return { kind: 'plain', type: 'array', items: { kind: 'named', name: m[1]! } };
  m = /^Array\[(\w+)\]$/.exec(written);
  if (m) return { kind: 'plain', type: 'array', items: parseSpecType(m[1]!) };
  m = /^Object\[(\w+)\]$/.exec(written);
  if (m) return { kind: 'named', name: m[1]! };
  m = /^Enum \{(.+)\}$/.exec(written);
  if (m) return { kind: 'plain', type: 'string', enum: m[1]!.split(',').map((s) => s.trim()) };
  const parts = written.split(/\s*[|,]\s*/);
  if (parts.length > 1) return { kind: 'union', members: parts.map(parseSpecType) };
  throw new Error(`No conversion rule for the spec type "${written}"`);
}

/** Why `shape` does not have the expected type, or undefined when it does. */
export function mismatch(plan: Plan, shape: Shape, expected: Expected): string | undefined {
  if (expected.kind === 'named') {
    const t = shape.types;
    return t.length === 1 && t[0]!.kind === 'named' && t[0]!.name === expected.name ? undefined : `expected the named type ${expected.name}, found ${describe(shape)}`;
  }
  if (expected.kind === 'union') {
    if (shape.types.length !== expected.members.length) return `expected ${expected.members.length} types, found ${describe(shape)}`;
    for (const member of expected.members) {
      // Each expected member is one of the shape's members; an array member carries the shape's `items`.
      const fits = shape.types.some((t) => mismatch(plan, { ...shape, types: [t], nullable: false }, member) === undefined);
      if (!fits) return `no member of ${describe(shape)} is ${JSON.stringify(member)}`;
    }
    return undefined;
  }
  const s = resolveNamed(plan, shape);
  if (s.types.length !== 1 || s.types[0]!.kind !== 'primitive' || s.types[0]!.name !== expected.type) return `expected ${expected.type}, found ${describe(s)}`;
  if (JSON.stringify(s.enum) !== JSON.stringify(expected.enum)) return `expected enum ${JSON.stringify(expected.enum)}, found ${JSON.stringify(s.enum)}`;
  if (s.format !== expected.format) return `expected format ${expected.format}, found ${s.format}`;
  if (expected.items) {
    if (!s.items) return 'expected items, found none';
    const inner = mismatch(plan, s.items, expected.items);
    if (inner) return `items: ${inner}`;
  }
  return undefined;
}

function describe(shape: Shape): string {
  return shape.types.map((t) => t.name).join('|') || '(schema only)';
}

/** A field of a message found by path: `products[].price` goes through the array's items (named types followed). */
export function fieldAt(plan: Plan, fields: readonly Field[], path: string): Field | undefined {
  const [head, ...rest] = path.split('.');
  const array = head!.endsWith('[]');
  const field = fields.find((f) => f.name === (array ? head!.slice(0, -2) : head));
  if (!field || rest.length === 0) return field;
  let shape = resolveNamed(plan, field.shape);
  if (array) shape = resolveNamed(plan, shape.items ?? shape);
  return fieldAt(plan, shape.properties ?? [], rest.join('.'));
}

/** Every field path of a message, nested objects and array items included, named types followed (each once per branch). */
export function fieldPaths(plan: Plan, fields: readonly Field[], prefix = '', seen: ReadonlySet<string> = new Set()): { path: string; field: Field }[] {
  const out: { path: string; field: Field }[] = [];
  for (const field of fields) {
    const path = prefix + field.name;
    out.push({ path, field });
    const children = (shape: Shape, at: string) => {
      const named = shape.types.length === 1 && shape.types[0]!.kind === 'named' ? shape.types[0]!.name : undefined;
      if (named && seen.has(named)) return;
      const next = named ? new Set([...seen, named]) : seen;
      const s = resolveNamed(plan, shape);
      if (s.properties) out.push(...fieldPaths(plan, s.properties, `${at}.`, next));
      if (s.items && s.types.some((t) => t.name === 'array')) children(s.items, `${at}[]`);
    };
    children(field.shape, path);
  }
  return out;
}

/** Every shape in a plan (messages, shared properties, named types), with where it is, for plan-wide checks. */
export function everyShape(plan: Plan): { where: string; shape: Shape; required: boolean }[] {
  const out: { where: string; shape: Shape; required: boolean }[] = [];
  const walk = (shape: Shape, where: string, required: boolean) => {
    out.push({ where, shape, required });
    for (const f of shape.properties ?? []) walk(f.shape, `${where}.${f.name}`, f.required);
    if (shape.items) walk(shape.items, `${where}[]`, false);
    if (typeof shape.additionalProperties === 'object') walk(shape.additionalProperties, `${where}.*`, false);
  };
  for (const m of plan.events) for (const f of m.fields) walk(f.shape, `${m.name}: ${f.name}`, f.required);
  for (const [name, f] of plan.sharedProperties) walk(f.shape, `properties: ${name}`, f.required);
  for (const [name, t] of plan.types) walk(t.shape, `types: ${name}`, false);
  return out;
}

/** The keywords that restrict values beyond a type; a spec plan may carry only those its page gives. */
export const CONSTRAINTS = ['enum', 'const', 'pattern', 'format', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'uniqueItems', 'additionalProperties', 'schema'] as const;

/**
 * A value of the spec type. `variant` picks among union members, enum values and, for a type the
 * page does not give, a number, a text and a boolean in turn; `children` build objects and arrays
 * of objects from the nested rows (`products[].price`).
 */
export function valueFor(expected: Expected, variant: number, children: Record<string, unknown> | undefined): unknown {
  if (expected.kind === 'union') return valueFor(expected.members[variant % expected.members.length]!, variant, children);
  if (expected.kind === 'named') return children ?? {};
  if (expected.enum) return expected.enum[variant % expected.enum.length];
  switch (expected.type) {
    case 'string':
      return expected.format === 'date-time' ? '2026-11-26T10:00:00Z' : expected.format === 'date' ? '2026-11-26' : `text ${variant}`;
    case 'number':
      return 19.5 + variant;
    case 'integer':
      return 3 + variant;
    case 'boolean':
      return variant % 2 === 0;
    case 'object':
      return children ?? {};
    case 'array':
      return children ? [children] : expected.items ? [valueFor(expected.items, variant, undefined)] : [];
    case 'any':
      return [1.25, 'text', true][variant % 3];
  }
}

/** Paths with the objects and arrays that hold them: `campaign.source` implies `campaign` (Mobile lists only the fields). */
export function withParents(paths: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const p of paths) {
    out.add(p);
    const parts = p.split('.');
    for (let i = 1; i < parts.length; i++) out.add(parts.slice(0, i).join('.').replace(/\[\]$/, ''));
  }
  return out;
}

/** The paths a generated value sets, as tables.json writes them. */
export function valuePaths(value: Record<string, unknown>, prefix = ''): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    out.push(prefix + k);
    if (Array.isArray(v) && v.length > 0 && typeof v[0] === 'object' && v[0] !== null) out.push(...valuePaths(v[0] as Record<string, unknown>, `${prefix}${k}[].`));
    else if (typeof v === 'object' && v !== null && !Array.isArray(v)) out.push(...valuePaths(v as Record<string, unknown>, `${prefix}${k}.`));
  }
  return out;
}
