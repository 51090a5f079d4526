import type { Primitive, Shape } from '../model/plan.js';
import type { ChangeKey } from './rule.js';

/** The JSON types a shape admits (integer inside number, any as everything). */
export function admitted(s: Shape): Set<Primitive> {
  const out = new Set<Primitive>();
  for (const t of s.types) {
    if (t.kind === 'named') out.add('object'); // resolved already where it matters
    else if (t.name === 'any') for (const p of ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'] as const) out.add(p);
    else out.add(t.name);
  }
  if (out.has('number')) out.add('integer');
  if (s.nullable) out.add('null');
  return out;
}

/** Types the base admitted that the head does not. */
export function lostTypes(b: Shape, h: Shape): Primitive[] {
  const hb = admitted(h);
  return [...admitted(b)].filter((t) => !hb.has(t) && !(t === 'null' && hb.has('null')));
}

/** A numeric or length bound: which way is tighter. */
export const BOUNDS: { key: keyof Shape; tighter: 'higher' | 'lower'; label: string }[] = [
  { key: 'minimum', tighter: 'higher', label: 'minimum' },
  { key: 'exclusiveMinimum', tighter: 'higher', label: 'exclusiveMinimum' },
  { key: 'maximum', tighter: 'lower', label: 'maximum' },
  { key: 'exclusiveMaximum', tighter: 'lower', label: 'exclusiveMaximum' },
  { key: 'minLength', tighter: 'higher', label: 'minLength' },
  { key: 'maxLength', tighter: 'lower', label: 'maxLength' },
  { key: 'minItems', tighter: 'higher', label: 'minItems' },
  { key: 'maxItems', tighter: 'lower', label: 'maxItems' },
];

/** The keys `constraintChanges` compares. */
export const CONSTRAINT_KEYS: readonly ChangeKey[] = [...BOUNDS.map((b) => b.key as ChangeKey), 'pattern', 'format', 'uniqueItems', 'const', 'enum', 'items'];

/** What tightened and what loosened between two versions of one value's rules. */
export function constraintChanges(b: Shape, h: Shape): { tightened: string[]; loosened: string[] } {
  const tightened: string[] = [];
  const loosened: string[] = [];
  for (const { key, tighter, label } of BOUNDS) {
    const x = b[key] as number | undefined;
    const y = h[key] as number | undefined;
    if (x === y) continue;
    if (x === undefined) tightened.push(`${label} ${y} added`);
    else if (y === undefined) loosened.push(`${label} ${x} removed`);
    else if ((tighter === 'higher') === y > x) tightened.push(`${label} ${x} → ${y}`);
    else loosened.push(`${label} ${x} → ${y}`);
  }
  for (const key of ['pattern', 'format'] as const) {
    if (b[key] === h[key]) continue;
    if (b[key] === undefined) tightened.push(`${key} ${h[key]} added`);
    else if (h[key] === undefined) loosened.push(`${key} ${b[key]} removed`);
    // A changed pattern or format may reject values the old one accepted.
    else tightened.push(`${key} ${b[key]} → ${h[key]}`);
  }
  if (!b.uniqueItems && h.uniqueItems) tightened.push('uniqueItems added');
  if (b.uniqueItems && !h.uniqueItems) loosened.push('uniqueItems removed');
  const bc = b.const ? JSON.stringify(b.const.value) : undefined;
  const hc = h.const ? JSON.stringify(h.const.value) : undefined;
  if (bc !== hc) {
    if (hc !== undefined) tightened.push(bc === undefined ? `const ${hc} added` : `const ${bc} → ${hc}`);
    else loosened.push(`const ${bc} removed`);
  }
  if (!b.enum && h.enum) tightened.push(`enum [${h.enum.map((v) => JSON.stringify(v)).join(', ')}] added`);
  if (b.enum && !h.enum) loosened.push('enum removed');
  // Both present: the items are compared as a property of their own (`tags[]`).
  if (!b.items && h.items) tightened.push('items added');
  if (b.items && !h.items) loosened.push('items removed');
  return { tightened, loosened };
}

/** How an object value treats keys the plan does not list: refused, typed, or let through. */
export type Openness = 'closed' | 'typed' | 'open';

/** From the fewest keys admitted to the most. */
export const OPENNESS_RANK: Record<Openness, number> = { closed: 0, typed: 1, open: 2 };

/**
 * How a value's objects treat unlisted keys, as compile's JSON Schema does: `additionalProperties`
 * when written; otherwise closed by `strict` only where keys are listed (`meta: object` takes any).
 * Undefined when the value cannot be an object.
 */
export function openness(s: Shape, strict: boolean): Openness | undefined {
  if (!admitted(s).has('object')) return undefined;
  if (s.additionalProperties === false) return 'closed';
  if (s.additionalProperties === true) return 'open';
  if (s.additionalProperties !== undefined) return 'typed';
  if (!s.properties) return 'open';
  return strict ? 'closed' : 'open';
}
