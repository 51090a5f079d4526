// What `infer` notes of the values found at one place of a message: counts by JSON type, the
// string values while they are few, the formats every string so far has, and the same for the
// keys of objects and the items of arrays. Bounded whatever the input (see the limits below),
// plain data (Maps), so shapes from several inputs or threads merge.

/** Distinct string values noted per place: an enum has at most 50 (quicktype's rule). */
export const MAX_VALUES = 50;
/** Longer strings are not enum values (a description, a URL, a token): noting stops. */
export const MAX_VALUE_LENGTH = 100;
/** Keys noted per object; past it the object is a map of data (`sku_8412: …`), planned as `type: object`. */
export const MAX_KEYS = 500;
/** A key longer than this is data, not a name: the object is a map. */
export const MAX_KEY_LENGTH = 256;
/** Objects and arrays deeper than this are counted, not looked into. */
export const MAX_DEPTH = 12;

/** Formats `infer` writes, in the order it prefers them when a value has several. */
export const INFERRED_FORMATS = ['date-time', 'date', 'uuid', 'email', 'ipv4', 'uri'] as const;
export type InferredFormat = (typeof INFERRED_FORMATS)[number];
/** Every format still possible: one bit per INFERRED_FORMATS entry. */
export const ALL_FORMATS = (1 << INFERRED_FORMATS.length) - 1;

/** The values seen at one place. */
export interface Shape {
  /** Times the place was there (null included). */
  seen: number;
  nulls: number;
  string: number;
  integer: number;
  /** Numbers with a fraction (an integer-valued one is counted in `integer`). */
  number: number;
  boolean: number;
  object: number;
  array: number;
  /** String values by count, or null once there were too many or too long to be an enum. */
  values: Map<string, number> | null;
  /** Bits of INFERRED_FORMATS every string seen so far has. */
  formats: number;
  /** Keys of the objects seen here, or null once they are a map of data (too many, too long, too deep). */
  props: Map<string, Shape> | null;
  /** The items of the arrays seen here (every element of every array). */
  items: Shape | undefined;
}

export function newShape(): Shape {
  return { seen: 0, nulls: 0, string: 0, integer: 0, number: 0, boolean: 0, object: 0, array: 0, values: new Map(), formats: ALL_FORMATS, props: new Map(), items: undefined };
}

/** Which formats of `bits` a string has (same checks as the audit's validators, see formats.ts). */
export type FormatTest = (s: string, bits: number) => number;

/** Note one value at a place. `budget` is shared by every shape of an input: places noted in all. */
export function observe(s: Shape, v: unknown, depth: number, formats: FormatTest, budget: { places: number }): void {
  s.seen++;
  if (v === null) {
    s.nulls++;
    return;
  }
  switch (typeof v) {
    case 'string': {
      s.string++;
      const values = s.values;
      if (values !== null) {
        if (v.length > MAX_VALUE_LENGTH) s.values = null;
        else {
          const n = values.get(v);
          if (n !== undefined) values.set(v, n + 1);
          else if (values.size < MAX_VALUES) values.set(v, 1);
          else s.values = null;
        }
      }
      if (s.formats !== 0) s.formats = formats(v, s.formats);
      return;
    }
    case 'number':
      if (Number.isInteger(v)) s.integer++;
      else s.number++;
      return;
    case 'boolean':
      s.boolean++;
      return;
    case 'object':
      break;
    default:
      return;
  }
  if (Array.isArray(v)) {
    s.array++;
    if (depth >= MAX_DEPTH) return;
    const items = (s.items ??= newShape());
    for (let i = 0; i < v.length; i++) observe(items, v[i], depth + 1, formats, budget);
    return;
  }
  s.object++;
  const props = s.props;
  if (props === null) return;
  if (depth >= MAX_DEPTH) {
    s.props = null;
    return;
  }
  const o = v as Record<string, unknown>;
  for (const k in o) {
    let child = props.get(k);
    if (child === undefined) {
      if (props.size >= MAX_KEYS || k.length > MAX_KEY_LENGTH || budget.places <= 0) {
        // Keys made of data: the object is a map; what was noted under it goes.
        budget.places += countPlaces(props);
        s.props = null;
        return;
      }
      budget.places--;
      props.set(k, (child = newShape()));
    }
    observe(child, o[k], depth + 1, formats, budget);
  }
}

/** Places noted under a map of keys (given back to the budget when it is dropped). */
function countPlaces(props: Map<string, Shape>): number {
  let n = props.size;
  for (const c of props.values()) {
    if (c.props) n += countPlaces(c.props);
    if (c.items?.props) n += countPlaces(c.items.props);
  }
  return n;
}

/** Add `b` into `a` (shapes of the same place from two inputs or threads). */
export function mergeShape(a: Shape, b: Shape): Shape {
  a.seen += b.seen;
  a.nulls += b.nulls;
  a.string += b.string;
  a.integer += b.integer;
  a.number += b.number;
  a.boolean += b.boolean;
  a.object += b.object;
  a.array += b.array;
  if (a.values === null || b.values === null) a.values = null;
  else {
    for (const [v, n] of b.values) a.values.set(v, (a.values.get(v) ?? 0) + n);
    if (a.values.size > MAX_VALUES) a.values = null;
  }
  a.formats &= b.formats;
  if (a.props === null || b.props === null) a.props = null;
  else {
    for (const [k, c] of b.props) {
      const mine = a.props.get(k);
      a.props.set(k, mine ? mergeShape(mine, c) : c);
    }
    if (a.props.size > MAX_KEYS) a.props = null;
  }
  if (b.items) a.items = a.items ? mergeShape(a.items, b.items) : b.items;
  return a;
}
