import { createHash } from 'node:crypto';
import type { JsonSchema } from './shape-schema.js';

/**
 * How a raw `schema:` fragment sits in a compiled schema. A fragment is a JSON Schema document
 * of its own: its `#` is its own root, and `#/definitions/x` its own definitions. Pasted into a
 * message schema, those references would point at the message instead (ajv then refused the
 * file, or a fragment's `#/definitions/count` picked up the plan's type `count`). So each
 * fragment becomes an embedded resource, as JSON Schema bundles documents: a `definitions`
 * (`$defs`) entry with an `$id` of its own, used through `$ref`. References inside it resolve
 * against that `$id`, so they mean what they meant when `check` compiled the fragment alone.
 */

/** A fragment's `$id` in compiled output: its own when it has one, else one made from its content. */
export function fragmentId(fragment: Readonly<JsonSchema>, hash: string): string {
  const own = fragment['$id'];
  // A URI of its own (absolute or relative) is kept: the fragment's references may use it.
  // A directory of its own otherwise, so that relative `$id`s inside two fragments
  // (`a.json`) stay two different URIs in one file.
  return typeof own === 'string' && own.split('#')[0] !== '' ? own : `fragment-${hash}/`;
}

/** The hash that names a fragment in compiled output (its `definitions` key and default `$id`). */
export function fragmentHash(json: string, length: number): string {
  return createHash('sha256').update(json, 'utf8').digest('hex').slice(0, length);
}

/**
 * The fragment as embedded: its `$id`, and the type the plan declares beside it (`types`, for
 * validators in strict mode, which refuse `properties` in a schema without `type: object`).
 * The type is left out when something inside the fragment refers to its root, where it
 * would add a constraint the fragment does not have; and when the fragment writes its own.
 */
export function embedFragment(fragment: Readonly<JsonSchema>, id: string, types: readonly string[] = []): JsonSchema {
  const out: JsonSchema = {};
  if (types.length > 0 && fragment['type'] === undefined && !refersToRoot(fragment)) out['type'] = types.length === 1 ? types[0] : [...types];
  for (const [k, v] of Object.entries(fragment)) define(out, k, v);
  out['$id'] = id;
  // draft-07 ignores every keyword beside `$ref`, `$id` included, and ajv overflows its stack
  // on an embedded `$id` beside `$ref` (both drafts). The same reference, one level down, keeps
  // `$id` in force; ajv applies the keywords beside `$ref` anyway, and the fragment's own
  // pointers into them still resolve (an existing `allOf` keeps its indexes).
  if (typeof out['$ref'] === 'string') {
    const ref = out['$ref'];
    delete out['$ref'];
    out['allOf'] = [...(Array.isArray(out['allOf']) ? out['allOf'] : []), { $ref: ref }];
  }
  return out;
}

/** Keywords whose value is a schema, a list of schemas, or a map of schemas (drafts 07 to 2020-12). */
export const ONE: ReadonlySet<string> = new Set(['additionalItems', 'additionalProperties', 'contains', 'contentSchema', 'else', 'if', 'items', 'not', 'propertyNames', 'then', 'unevaluatedItems', 'unevaluatedProperties']);
export const LIST: ReadonlySet<string> = new Set(['allOf', 'anyOf', 'oneOf', 'items', 'prefixItems']);
export const MAP: ReadonlySet<string> = new Set(['$defs', 'definitions', 'dependencies', 'dependentSchemas', 'patternProperties', 'properties']);
// Any absolute URI will do as the base of a fragment without one: it only tells references apart.
export const BASE = 'https://fragment.trackplan.invalid/';

/**
 * Whether a `$ref` inside the fragment can lead back to its root (`#`, or the root's own
 * `$id`). In doubt (a URI that does not resolve), yes: leaving `type` out is always correct.
 */
export function refersToRoot(fragment: Readonly<JsonSchema>): boolean {
  const root = resolveRef(typeof fragment['$id'] === 'string' ? fragment['$id'] : '', BASE)?.split('#')[0];
  if (root === undefined) return true;
  const isRoot = (ref: string, base: string): boolean => {
    const url = resolveRef(ref, base);
    return url === undefined || url === root;
  };
  // Against both bases: draft-07 ignores an `$id` beside `$ref`; ajv does not.
  return someSchema(fragment, root, (s, outer, inner) => inner === undefined || (typeof s['$ref'] === 'string' && (isRoot(s['$ref'], outer) || isRoot(s['$ref'], inner))));
}

/** The URIs a fragment embedded under `id` gives to its schemas: its own and every nested `$id`. */
export function fragmentIds(fragment: Readonly<JsonSchema>, id: string): string[] {
  const root = resolveRef(id, BASE);
  const ids = root === undefined ? [] : [root];
  if (root !== undefined) someSchema(fragment, root, (s, _outer, inner) => (s !== fragment && typeof s['$id'] === 'string' && inner !== undefined && ids.push(inner), false));
  // As written where the fragment gives a relative `$id`.
  return ids.map((u) => (u.startsWith(BASE) ? u.slice(BASE.length) : u));
}

/**
 * Calls `visit` on each schema of a fragment with the base URI around it and the one inside
 * it (undefined if its `$id` does not resolve), until `visit` says stop. Schemas only: a `$ref`
 * in `enum` or `const`, or a property named `$ref`, is data.
 */
function someSchema(schema: unknown, base: string, visit: (s: JsonSchema, outer: string, inner: string | undefined) => boolean, top = true): boolean {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return false;
  const s = schema as JsonSchema;
  const inner = !top && typeof s['$id'] === 'string' ? resolveRef(s['$id'], base) : base;
  if (visit(s, base, inner)) return true;
  if (inner === undefined) return false;
  for (const [k, v] of Object.entries(s)) {
    const subs = ONE.has(k) && !Array.isArray(v) ? [v] : LIST.has(k) && Array.isArray(v) ? v : MAP.has(k) && v !== null && typeof v === 'object' ? Object.values(v) : [];
    if (subs.some((x) => someSchema(x, inner, visit, false))) return true;
  }
  return false;
}

/** `ref` resolved against `base`, without an empty `#`; undefined if it does not resolve. */
export function resolveRef(ref: string, base: string): string | undefined {
  try {
    const url = new URL(ref, base).href;
    return url.endsWith('#') ? url.slice(0, -1) : url;
  } catch {
    return undefined;
  }
}

// defineProperty: a fragment's key named `__proto__` must stay a key.
function define(o: JsonSchema, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}
