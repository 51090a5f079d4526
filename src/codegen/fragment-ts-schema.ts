import { fragmentRefs } from './fragment-refs.js';
import { INHERITED } from './inherited-members.js';

/**
 * A raw `schema:` fragment rewritten into the few JSON Schema forms whose meaning
 * json-schema-to-typescript turns into TypeScript exactly, so that the type it derives admits
 * every value the fragment admits (the widest correct type where TypeScript has no
 * equivalent), never fewer. Taken as they stand, json-schema-to-typescript reads
 * `{properties: …}` without `type` as an object only (JSON Schema lets a string through),
 * `{}` as an object, `items: [a, b]` as exactly two items (fewer are valid), `not` and
 * `if/then/else` not at all or too narrowly; it also honours its own keywords (`tsType`,
 * `tsEnumNames`), which a fragment must not be able to use to write code.
 *
 * Every schema written here is one of: `{tsType}` (only the texts this file makes), `{type}`
 * of a primitive, `{type: "object", properties, required, additionalProperties}`, `{enum}` of
 * primitive literals, `{$ref: "#/definitions/<name>"}`, `{anyOf}` or `{allOf}` of those.
 * Keywords with no TypeScript meaning (`pattern`, `minimum`, `format`, `uniqueItems`, …) are
 * left out: they only narrow, and leaving them out only widens.
 */

/** The JSON types, as TypeScript tells them apart (`integer` is a `number`). */
export const JSON_TYPES = ['string', 'number', 'boolean', 'null', 'object', 'array'] as const;
type JsonType = (typeof JSON_TYPES)[number];
/** A set of JSON types as bits, in JSON_TYPES order. */
export type TypeMask = number;
export const ALL_TYPES: TypeMask = (1 << JSON_TYPES.length) - 1;

/** The mask of JSON types a `type` keyword (or a plan's list of primitives) allows. */
export function maskOf(types: readonly string[]): TypeMask {
  let mask = 0;
  for (const t of types) {
    const i = JSON_TYPES.indexOf((t === 'integer' ? 'number' : t) as JsonType);
    mask |= i < 0 ? ALL_TYPES : 1 << i;
  }
  return mask;
}

type Out = Record<string, unknown>;

/** Enums longer than this are typed by their members' types: a union of thousands of literals, intersected with the plan's type, is more than TypeScript will represent. */
export const MAX_LITERALS = 1000;

/** A fragment ready for json-schema-to-typescript, and whether it says anything beyond its allowed types. */
export interface TsSchema {
  /** An object schema whose `definitions` hold the root (under `name`) and every definition it uses. */
  schema: Out;
  /** False when the fragment adds nothing TypeScript can say to the allowed types. */
  constrains: boolean;
}

/**
 * The fragment as json-schema-to-typescript should read it, for values of the JSON types in
 * `allowed` (the types the plan declares beside it). `name` prefixes the definitions made
 * for references and array items, which become named declarations.
 */
export function tsSchema(fragment: unknown, allowed: TypeMask, name: string): TsSchema {
  const refs = fragmentRefs(fragment);
  const definitions: Out = {};
  const defNames = new Map<unknown, Map<TypeMask, string>>();
  const itemNames = new Map<string, string>();
  let defs = 0;
  let items = 0;

  function define(key: string, value: Out): void {
    Object.defineProperty(definitions, key, { value, enumerable: true, writable: true, configurable: true });
  }

  /** A reference to the definition of `target` read with `mask`, made on first use (so recursion ends). */
  function refTo(target: unknown, mask: TypeMask): Out {
    let byMask = defNames.get(target);
    if (!byMask) defNames.set(target, (byMask = new Map()));
    let key = byMask.get(mask);
    if (key === undefined) {
      key = `${name}_D${defs++}`;
      byMask.set(mask, key);
      define(key, {});
      define(key, named(convert(target, mask).schema));
    }
    return { $ref: `#/definitions/${key}` };
  }

  /** TypeScript text for an element type: a keyword, or the name of a definition made for it. */
  function elementText(s: Out): string {
    if (typeof s['tsType'] === 'string' && /^(unknown|never)$/.test(s['tsType'])) return s['tsType'];
    // A definition that is only a reference would be merged into its target.
    if (typeof s['$ref'] === 'string' && Object.keys(s).length === 1) return s['$ref'].slice('#/definitions/'.length);
    if (typeof s['type'] === 'string' && ['string', 'number', 'boolean', 'null'].includes(s['type']) && Object.keys(s).length === 1) return s['type'];
    const json = JSON.stringify(s);
    let key = itemNames.get(json);
    if (key === undefined) {
      key = `${name}_I${items++}`;
      itemNames.set(json, key);
      define(key, s);
    }
    return key;
  }

  function convert(node: unknown, allowed: TypeMask): TsSchema {
    if (allowed === 0 || node === false) return { schema: { tsType: 'never' }, constrains: true };
    if (!isObject(node)) return { schema: plain(allowed), constrains: false };
    const mask = allowed & declaredMask(node, 0);
    if (mask === 0) return { schema: { tsType: 'never' }, constrains: true };
    // An enum (or const) lists every value: the other keywords can only narrow it.
    const values = Object.prototype.hasOwnProperty.call(node, 'const') ? [node['const']] : Array.isArray(node['enum']) ? node['enum'] : undefined;
    if (values) return { schema: literals(values, mask), constrains: true };

    const branches: Out[] = [];
    // Whether the object and array keywords say more than "an object", "an array".
    let keywords = false;
    for (const [i, t] of JSON_TYPES.entries()) {
      if (!(mask & (1 << i))) continue;
      const b = t === 'object' ? objectBranch(node) : t === 'array' ? arrayBranch(node) : { schema: { type: t }, constrains: false };
      branches.push(b.schema);
      keywords ||= b.constrains;
    }
    const parts: Out[] = [];
    for (const s of list(node['allOf'])) parts.push(convert(s, mask).schema);
    for (const k of ['anyOf', 'oneOf']) {
      // oneOf: exactly one branch matches; TypeScript's union admits a value matching several, which is wider.
      if (Array.isArray(node[k])) parts.push(anyOf(node[k].map((s: unknown) => convert(s, mask).schema)));
    }
    if (typeof node['$ref'] === 'string') {
      const target = refs.target(node);
      if (target !== undefined) parts.push(refTo(target, mask));
    }
    // Valid: `if` and `then`, or `else` where `if` fails; TypeScript cannot say "fails", so
    // `(if & then) | else`. With `then` or `else` missing, anything may pass. `not` has no
    // TypeScript equivalent: left out.
    if (node['if'] !== undefined && node['then'] !== undefined && node['else'] !== undefined) {
      parts.push(anyOf([{ allOf: [convert(node['if'], mask).schema, convert(node['then'], mask).schema] }, convert(node['else'], mask).schema]));
    }
    const base = keywords ? anyOf(branches) : plain(mask);
    if (parts.length === 0) return { schema: base, constrains: keywords || mask !== allowed };
    // Every part is already limited to `mask`: the bare types add nothing.
    if (!keywords) return { schema: parts.length === 1 ? parts[0]! : { allOf: parts }, constrains: true };
    return { schema: { allOf: [base, ...parts] }, constrains: true };
  }

  function objectBranch(node: Out): TsSchema {
    const props = isObject(node['properties']) ? node['properties'] : {};
    const required = [...new Set(list(node['required']).filter((r): r is string => typeof r === 'string'))];
    const properties: Out = {};
    for (const [k, s] of Object.entries(props)) {
      let t = convert(s, ALL_TYPES).schema;
      // An object literal has `constructor`, `toString`, …: as an optional key of another
      // type, TypeScript would refuse `{}` itself (as in ts-types.ts).
      if (!required.includes(k) && INHERITED[k] !== undefined) t = anyOf([t, { tsType: INHERITED[k] }]);
      Object.defineProperty(properties, k, { value: t, enumerable: true, writable: true, configurable: true });
    }
    for (const k of required) if (!Object.prototype.hasOwnProperty.call(properties, k)) Object.defineProperty(properties, k, { value: { tsType: 'unknown' }, enumerable: true, writable: true, configurable: true });
    const extra = node['additionalProperties'];
    // Keys matching a `patternProperties` pattern are not "additional", and TypeScript cannot
    // say which keys match: any other key, of any type.
    const patterned = isObject(node['patternProperties']) && Object.keys(node['patternProperties']).length > 0;
    const additional = patterned || extra === undefined || extra === true ? true : extra === false ? false : convert(extra, ALL_TYPES).schema;
    const keys = Object.keys(properties);
    if (keys.length === 0) {
      if (additional === false) return { schema: { tsType: 'Record<string, never>' }, constrains: true };
      if (additional === true) return { schema: { type: 'object' }, constrains: false };
    }
    const out: Out = { type: 'object', properties, additionalProperties: additional };
    if (required.length > 0) out['required'] = required;
    return { schema: out, constrains: true };
  }

  function arrayBranch(node: Out): TsSchema {
    const its = node['items'];
    if (its === undefined || its === true) return { schema: { tsType: 'readonly unknown[]' }, constrains: false };
    if (its === false) return { schema: { tsType: 'readonly []' }, constrains: true };
    if (!Array.isArray(its)) return { schema: { tsType: `readonly ${elementText(convert(its, ALL_TYPES).schema)}[]` }, constrains: true };
    // A tuple: an array may stop before its end, unless `minItems` says otherwise.
    const min = typeof node['minItems'] === 'number' ? node['minItems'] : 0;
    const elements = its.map((s, i) => `${elementText(convert(s, ALL_TYPES).schema)}${i < min ? '' : '?'}`);
    const more = node['additionalItems'];
    if (more === undefined || more === true) elements.push('...unknown[]');
    else if (more !== false) elements.push(`...${elementText(convert(more, ALL_TYPES).schema)}[]`);
    return { schema: { tsType: `readonly [${elements.join(', ')}]` }, constrains: true };
  }

  const top = convert(fragment, allowed);
  // The root referred to from inside itself (`$ref: "#"`) with the same types: its definition is the type.
  const own = defNames.get(fragment)?.get(allowed);
  define(name, named(own !== undefined ? { $ref: `#/definitions/${own}` } : top.schema));
  // json-schema-to-typescript declares the definitions a schema refers to, under their keys;
  // those used only in our `tsType` texts (array items) it would leave out. So the schema
  // given to it is a carrier that refers to every definition; its own declaration is dropped.
  const carrier: Out = { type: 'object', properties: {}, additionalProperties: false, definitions };
  for (const key of Object.keys(definitions)) Object.defineProperty(carrier['properties'], key, { value: { $ref: `#/definitions/${key}` }, enumerable: true });
  return { schema: carrier, constrains: top.constrains };
}

/**
 * The JSON types a schema can admit, from what it says at its top: `type`, `enum`/`const`,
 * and the same of its `allOf` (all hold) and `anyOf`/`oneOf` members (one holds). Read before
 * the rest, so that `{type: object, oneOf: [{properties: …}, …]}` makes objects of the members
 * rather than a union of every type.
 */
function declaredMask(node: unknown, depth: number): TypeMask {
  if (node === false) return 0;
  if (!isObject(node) || depth > 64) return ALL_TYPES;
  let mask = ALL_TYPES;
  const type = node['type'];
  if (typeof type === 'string') mask &= maskOf([type]);
  else if (Array.isArray(type)) mask &= maskOf(type.filter((t): t is string => typeof t === 'string'));
  const values = Object.prototype.hasOwnProperty.call(node, 'const') ? [node['const']] : Array.isArray(node['enum']) ? node['enum'] : undefined;
  if (values) mask &= values.reduce((m: number, v) => m | (1 << JSON_TYPES.indexOf(jsonType(v))), 0);
  for (const s of list(node['allOf'])) mask &= declaredMask(s, depth + 1);
  for (const k of ['anyOf', 'oneOf']) if (Array.isArray(node[k])) mask &= node[k].reduce((m: number, s: unknown) => m | declaredMask(s, depth + 1), 0);
  return mask;
}

/** A definition that is only a `$ref` would be merged into its target and lose its name: one level down, it keeps it. */
function named(s: Out): Out {
  return typeof s['$ref'] === 'string' ? { allOf: [s] } : s;
}

/** Any value of the given types. */
function plain(mask: TypeMask): Out {
  if (mask === ALL_TYPES) return { tsType: 'unknown' };
  const members = JSON_TYPES.filter((_t, i) => mask & (1 << i)).map((t): Out => (t === 'object' ? { type: 'object' } : t === 'array' ? { tsType: 'readonly unknown[]' } : { type: t }));
  return members.length === 1 ? members[0]! : { anyOf: members };
}

/** The values of an enum that have a type in `mask`, as literal types where TypeScript has them. */
function literals(values: readonly unknown[], mask: TypeMask): Out {
  const lits: unknown[] = [];
  let wide = 0;
  for (const v of values) {
    const type = jsonType(v);
    const bit = 1 << JSON_TYPES.indexOf(type);
    if (!(mask & bit)) continue;
    // Objects and arrays, and numbers JSON cannot write (`.inf` in YAML), by their type.
    if (type === 'object' || type === 'array' || (typeof v === 'number' && !Number.isFinite(v))) wide |= bit;
    else if (!lits.some((l) => Object.is(l, v) || l === v)) lits.push(v);
  }
  if (lits.length > MAX_LITERALS) {
    for (const v of lits) wide |= 1 << JSON_TYPES.indexOf(jsonType(v));
    lits.length = 0;
  }
  const members: Out[] = [];
  if (lits.length > 0) members.push({ enum: lits });
  if (wide) members.push(plain(wide));
  return members.length === 0 ? { tsType: 'never' } : members.length === 1 ? members[0]! : { anyOf: members };
}

function anyOf(members: Out[]): Out {
  return members.length === 1 ? members[0]! : { anyOf: members };
}

function jsonType(v: unknown): JsonType {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'string' ? 'string' : typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'object';
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

