import type { Field, Shape, TypeRef } from '../model/plan.js';
import { fragmentHash, fragmentId } from './fragment-schema.js';
import { stableJson } from './stable-json.js';
import { FORMAT_SYNTAX } from './validator/helpers.js';

export type JsonSchema = Record<string, unknown>;
export type Draft = 'draft-07' | '2020-12';

/** Conversion settings, plus the named types a schema refers to (collected for `definitions`). */
export interface SchemaContext {
  draft: Draft;
  /** Names of `types:` entries referenced so far. */
  refs: Set<string>;
  /** Raw `schema:` fragments used so far, by their JSON (see fragment-schema.ts). */
  fragments: Map<string, FragmentUse>;
}

/** A raw fragment a schema uses: where it goes, and the types declared beside it at each use. */
export interface FragmentUse {
  /** Its `definitions` (`$defs`) key. */
  key: string;
  /** Its `$id`, which each use refers to. */
  id: string;
  schema: JsonSchema;
  /** Declared types, in order of appearance; null once a use declares none. */
  types: string[] | null;
}

/** A new, empty context. */
export function schemaContext(draft: Draft): SchemaContext {
  return { draft, refs: new Set(), fragments: new Map() };
}

/** `#/definitions/X` (draft-07) or `#/$defs/X` (2020-12). */
export function refTo(name: string, draft: Draft): string {
  return `#/${draft === 'draft-07' ? 'definitions' : '$defs'}/${name}`;
}

const CONSTRAINTS = ['pattern', 'format', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'uniqueItems'] as const;

/** The JSON Schema of one shape; `strict` closes objects whose keys the plan lists. */
export function shapeSchema(shape: Shape, strict: boolean, ctx: SchemaContext): JsonSchema {
  const out: JsonSchema = {};
  const hasAny = shape.types.some((t) => t.kind === 'primitive' && t.name === 'any');
  const named = shape.types.filter((t): t is TypeRef & { kind: 'named' } => t.kind === 'named');
  const prims = shape.types.filter((t) => t.kind === 'primitive').map((t) => t.name);
  if (shape.nullable && !prims.includes('null')) prims.push('null');

  if (!hasAny && shape.types.length > 0) {
    if (named.length === 0) out['type'] = prims.length === 1 ? prims[0] : prims;
    else {
      for (const n of named) ctx.refs.add(n.name);
      const members: JsonSchema[] = [...named.map((n) => ({ $ref: refTo(n.name, ctx.draft) })), ...(prims.length > 0 ? [{ type: prims.length === 1 ? prims[0] : prims }] : [])];
      if (members.length === 1) out['allOf'] = members;
      else out['anyOf'] = members;
    }
  }
  if (shape.description !== undefined) out['description'] = shape.description;
  if (shape.enum) out['enum'] = shape.nullable && !shape.enum.includes(null) ? [...shape.enum, null] : [...shape.enum];
  // `nullable` admits null beside a const, as it does beside an enum.
  if (shape.const) {
    if (shape.nullable && shape.const.value !== null) out['enum'] = [shape.const.value, null];
    else out['const'] = shape.const.value;
  }
  for (const k of CONSTRAINTS) if (shape[k] !== undefined) out[k] = shape[k];
  if (shape.format !== undefined) formatSyntax(shape.format, out);
  if (shape.items) out['items'] = shapeSchema(shape.items, strict, ctx);
  if (shape.properties) {
    const { type: _object, ...keys } = objectSchema(shape.properties, strict, ctx, shape.additionalProperties);
    Object.assign(out, keys);
  }
  else if (shape.additionalProperties !== undefined) out['additionalProperties'] = extraSchema(shape.additionalProperties, strict, ctx);
  if (shape.examples) out['examples'] = [...shape.examples];
  if (shape.deprecated !== undefined) {
    out['deprecated'] = true;
    if (typeof shape.deprecated === 'string') out['$comment'] = `Deprecated: ${shape.deprecated}`;
  }
  if (shape.schema) {
    // The raw fragment is combined, not merged, so neither side can silently override the other.
    const use = { $ref: useFragment(shape.schema, out['type'], ctx) };
    if (Object.keys(out).some((k) => k !== 'description')) return { allOf: [out, use] };
    return out['description'] !== undefined ? { description: out['description'], allOf: [use] } : use;
  }
  // A lone `$ref` stays bare; in draft-07 keywords beside `$ref` are ignored, hence the `allOf` above.
  const allOf = out['allOf'] as JsonSchema[] | undefined;
  if (allOf && Object.keys(out).length === 1) return allOf[0]!;
  return out;
}

/**
 * The keywords that say a format's rules to validators whose `format` accepts more (see
 * FORMAT_SYNTAX): beside `format`, or in an `allOf` where the plan has its own `pattern` or
 * `maxLength` there.
 */
export function formatSyntax(format: string, out: JsonSchema): void {
  const syntax = FORMAT_SYNTAX[format];
  if (!syntax) return;
  if (Object.keys(syntax).some((k) => out[k] !== undefined)) out['allOf'] = [...((out['allOf'] as JsonSchema[] | undefined) ?? []), { ...syntax }];
  else Object.assign(out, syntax);
}

/** Register a use of a fragment; returns the `$id` to refer to it by. */
function useFragment(fragment: JsonSchema, type: unknown, ctx: SchemaContext): string {
  const json = stableJson(fragment);
  let entry = ctx.fragments.get(json);
  if (!entry) {
    // Hashes grow only when two fragments of one file would still share a name.
    let hash = fragmentHash(json, 12);
    if ([...ctx.fragments.values()].some((f) => f.key === `fragment-${hash}`)) hash = fragmentHash(json, 64);
    entry = { key: `fragment-${hash}`, id: fragmentId(fragment, hash), schema: fragment, types: [] };
    ctx.fragments.set(json, entry);
  }
  const declared = type === undefined ? null : Array.isArray(type) ? (type as string[]) : [type as string];
  if (declared === null) entry.types = null;
  else if (entry.types) for (const t of declared) if (!entry.types.includes(t)) entry.types.push(t);
  return entry.id;
}

/** `properties`, `required` and `additionalProperties` for a list of fields. */
export function objectSchema(fields: readonly Field[], strict: boolean, ctx: SchemaContext, extra?: boolean | Shape): JsonSchema {
  const properties: JsonSchema = {};
  const required: string[] = [];
  for (const f of fields) {
    Object.defineProperty(properties, f.name, { value: shapeSchema(f.shape, strict, ctx), enumerable: true, writable: true, configurable: true });
    if (f.required) required.push(f.name);
  }
  const out: JsonSchema = { type: 'object', properties };
  if (required.length > 0) out['required'] = required.sort();
  if (extra !== undefined) out['additionalProperties'] = extraSchema(extra, strict, ctx);
  else if (strict) out['additionalProperties'] = false;
  return out;
}

function extraSchema(extra: boolean | Shape, strict: boolean, ctx: SchemaContext): boolean | JsonSchema {
  return typeof extra === 'boolean' ? extra : shapeSchema(extra, strict, ctx);
}
