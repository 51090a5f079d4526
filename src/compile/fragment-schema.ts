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
const ONE = new Set(['additionalItems', 'additionalProperties', 'contains', 'contentSchema', 'else', 'if', 'items', 'not', 'propertyNames', 'then', 'unevaluatedItems', 'unevaluatedProperties']);
const LIST = new Set(['allOf', 'anyOf', 'oneOf', 'items', 'prefixItems']);
const MAP = new Set(['$defs', 'definitions', 'dependencies', 'dependentSchemas', 'patternProperties', 'properties']);
// Any absolute URI will do as the base of a fragment without one: it only tells references apart.
const BASE = 'https://fragment.trackplan.invalid/';

/**
 * Whether a `$ref` inside the fragment can lead back to its root (`#`, or the root's own
 * `$id`). In doubt (a URI that does not resolve), yes: leaving `type` out is always correct.
 */
export function refersToRoot(fragment: Readonly<JsonSchema>): boolean {
  let root: string;
  try {
    root = new URL(typeof fragment['$id'] === 'string' ? fragment['$id'] : '', BASE).href.split('#')[0]!;
  } catch {
    return true;
  }
  const isRoot = (ref: string, base: string): boolean => {
    try {
      const url = new URL(ref, base);
      return url.hash === '' && url.href.split('#')[0] === root;
    } catch {
      return true;
    }
  };
  const visit = (schema: unknown, base: string, top: boolean): boolean => {
    if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return false;
    const s = schema as JsonSchema;
    let inner = base;
    if (!top && typeof s['$id'] === 'string') {
      try {
        inner = new URL(s['$id'], base).href;
      } catch {
        return true;
      }
    }
    // Against both bases: draft-07 ignores an `$id` beside `$ref`; ajv does not.
    if (typeof s['$ref'] === 'string' && (isRoot(s['$ref'], base) || isRoot(s['$ref'], inner))) return true;
    for (const [k, v] of Object.entries(s)) {
      if (ONE.has(k) && visit(v, inner, false)) return true;
      if (LIST.has(k) && Array.isArray(v) && v.some((x) => visit(x, inner, false))) return true;
      if (MAP.has(k) && v !== null && typeof v === 'object' && Object.values(v).some((x) => visit(x, inner, false))) return true;
    }
    return false;
  };
  return visit(fragment, root, true);
}

// defineProperty: a fragment's key named `__proto__` must stay a key.
function define(o: JsonSchema, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}
