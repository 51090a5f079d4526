import type { Field, Format, Plan, Shape } from '../model/plan.js';
import { patternSample } from './shape-words.js';

const FORMAT_SAMPLES: Record<Format, string> = {
  'date-time': '2026-01-31T12:00:00.000Z',
  date: '2026-01-31',
  time: '12:00:00Z',
  email: 'jane@example.com',
  uri: 'https://example.com/',
  uuid: '3f2b8c1e-4d5a-4b6c-9e7f-0a1b2c3d4e5f',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
  hostname: 'example.com',
};

/**
 * An example payload for a message's fields, built from the plan alone: the plan's own
 * examples first, then values its rules allow (the first enum value, a number in range, a
 * string the pattern or format takes). Every field is filled, optional ones too, so the page
 * shows the whole shape. The docs site keeps it only when the plan's validator accepts it.
 */
export function examplePayload(plan: Plan, fields: readonly Field[]): Record<string, unknown> {
  return objectOf(plan, fields, 0);
}

function objectOf(plan: Plan, fields: readonly Field[], depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    // Deep (or recursive) optional fields are left out: the example stays short and finite.
    if (!f.required && depth >= 3) continue;
    const v = exampleValue(plan, f.shape, depth + 1);
    if (v !== undefined) out[f.name] = v;
  }
  return out;
}

function exampleValue(plan: Plan, shape: Shape, depth: number): unknown {
  if (depth > 8) return undefined;
  if (shape.const) return shape.const.value;
  if (shape.examples && shape.examples.length > 0) return shape.examples[0];
  if (shape.enum && shape.enum.length > 0) return shape.enum[0];
  const t = shape.types[0];
  if (shape.schema) {
    const e = schemaExample(shape.schema, 0);
    if (e !== undefined) return e;
  }
  if (!t) return shape.nullable ? null : undefined;
  if (t.kind === 'named') {
    const named = plan.types.get(t.name);
    return named ? exampleValue(plan, named.shape, depth + 1) : undefined;
  }
  switch (t.name) {
    case 'string':
      return stringValue(shape);
    case 'number':
    case 'integer':
      return numberValue(shape, t.name === 'integer');
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'array': {
      const n = Math.max(shape.minItems ?? 1, 1);
      if (shape.maxItems !== undefined && shape.maxItems < 1) return [];
      const item = shape.items ? exampleValue(plan, shape.items, depth + 1) : 'item';
      if (item === undefined) return [];
      // Distinct items when they must be unique and are numbers; otherwise repeats.
      return Array.from({ length: Math.min(n, 3) }, (_v, i) => (shape.uniqueItems && typeof item === 'number' ? item + i : item));
    }
    case 'object':
      return objectOf(plan, shape.properties ?? [], depth);
    default:
      return 'value';
  }
}

function stringValue(shape: Shape): string {
  let s = shape.format ? FORMAT_SAMPLES[shape.format] : shape.pattern !== undefined ? (patternSample(shape.pattern) ?? 'example') : 'example';
  if (shape.minLength !== undefined && s.length < shape.minLength) s = s.padEnd(shape.minLength, 'x');
  if (shape.maxLength !== undefined && s.length > shape.maxLength) s = s.slice(0, shape.maxLength);
  return s;
}

function numberValue(shape: Shape, integer: boolean): number {
  let low = shape.minimum ?? (shape.exclusiveMinimum !== undefined ? shape.exclusiveMinimum + (integer ? 1 : 0.5) : undefined);
  const high = shape.maximum ?? (shape.exclusiveMaximum !== undefined ? shape.exclusiveMaximum - (integer ? 1 : 0.5) : undefined);
  if (integer && low !== undefined) low = Math.ceil(low);
  if (low !== undefined) return low;
  if (high !== undefined) return Math.min(integer ? Math.floor(high) : high, 1);
  return 1;
}

/**
 * A value for a raw `schema:` fragment: its own example, default, const or first enum value,
 * else the first branch of a oneOf/anyOf, else an object of its required keys. Undefined when
 * none of these says (the type's own example is tried then; the validator has the last word).
 */
function schemaExample(schema: Readonly<Record<string, unknown>>, depth: number): unknown {
  if (depth > 8) return undefined;
  if (Array.isArray(schema['examples']) && schema['examples'].length > 0) return schema['examples'][0];
  if ('default' in schema) return schema['default'];
  if ('const' in schema) return schema['const'];
  if (Array.isArray(schema['enum']) && schema['enum'].length > 0) return schema['enum'][0];
  for (const k of ['oneOf', 'anyOf', 'allOf']) {
    const list = schema[k];
    if (Array.isArray(list) && list.length > 0 && typeof list[0] === 'object' && list[0] !== null) return schemaExample(list[0] as Record<string, unknown>, depth + 1);
  }
  const props = schema['properties'];
  if (typeof props === 'object' && props !== null) {
    const out: Record<string, unknown> = {};
    const required = Array.isArray(schema['required']) ? (schema['required'] as unknown[]) : [];
    for (const key of required) {
      const sub = (props as Record<string, unknown>)[String(key)];
      if (typeof sub !== 'object' || sub === null) return undefined;
      const v = schemaExample(sub as Record<string, unknown>, depth + 1) ?? primitiveFor(sub as Record<string, unknown>);
      if (v === undefined) return undefined;
      out[String(key)] = v;
    }
    return out;
  }
  return undefined;
}

function primitiveFor(schema: Record<string, unknown>): unknown {
  const type = schema['type'];
  if (type === 'string') return typeof schema['pattern'] === 'string' ? patternSample(schema['pattern']) : 'example';
  if (type === 'number' || type === 'integer') return typeof schema['minimum'] === 'number' ? schema['minimum'] : 1;
  if (type === 'boolean') return true;
  return undefined;
}
