// From what was seen at a place to what the plan says of it: the rules of `trackplan infer`
// (README "infer"). Pure: a Shape in, a PropertyGuess out.
import { INFERRED_FORMATS, type InferredFormat, type Shape } from './shape.js';

export interface GuessOptions {
  /** Share of its parent's occurrences a property must be present in to be required (1: every one). */
  requiredThreshold: number;
  /** Write enum values (false: `--no-enums`, never a value of the input in the plan). */
  enums: boolean;
}

/** A JSON type as the plan names it. */
export type PlanType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'null';

/** What the plan will say of one property (or of the items of an array). */
export interface PropertyGuess {
  /** Types by share, most seen first; one for a plain type, more for a union. */
  types: { type: PlanType; count: number }[];
  nullable: boolean;
  required: boolean;
  enum?: string[];
  format?: InferredFormat;
  /** Object keys, sorted; undefined when the object is a map of data (any keys). */
  properties?: Map<string, PropertyGuess>;
  items?: PropertyGuess;
  /** The distinct strings seen, sorted, while they were few enough to note (shape.ts). */
  values?: readonly string[];
  /** Evidence: times present, times its parent was there, nulls. */
  seen: number;
  of: number;
  nulls: number;
}

/** Guess a place seen `s.seen` times where its parent object was seen `of` times. */
export function guessProperty(s: Shape, of: number, o: GuessOptions): PropertyGuess {
  const numbers = s.integer + s.number;
  const counts: [PlanType, number][] = [
    ['string', s.string],
    // `integer` only when every number seen was whole.
    [s.number > 0 ? 'number' : 'integer', numbers],
    ['boolean', s.boolean],
    ['object', s.object],
    ['array', s.array],
  ];
  const types = counts.filter(([, n]) => n > 0).map(([type, count]) => ({ type, count }));
  // Most seen first; ties in a fixed order, so the output is the same for the same input.
  types.sort((a, b) => b.count - a.count || a.type.localeCompare(b.type));
  if (types.length === 0) types.push({ type: 'null', count: s.nulls });
  const g: PropertyGuess = { types, nullable: s.nulls > 0 && types[0]!.type !== 'null', required: of > 0 && s.seen >= o.requiredThreshold * of, seen: s.seen, of, nulls: s.nulls };
  if (s.values !== null && s.values.size > 0) g.values = [...s.values.keys()].sort(compareText);
  const onlyStrings = types.length === 1 && types[0]!.type === 'string';
  // A format says more than an enum of timestamps or IDs that happened to repeat.
  if (onlyStrings && s.formats !== 0) g.format = INFERRED_FORMATS[31 - Math.clz32(s.formats & -s.formats)]!;
  else if (onlyStrings && o.enums && s.values !== null && isEnum(s.values, s.string)) g.enum = [...s.values.keys()].sort(compareText);
  if (s.object > 0 && s.props !== null) {
    g.properties = new Map();
    for (const k of [...s.props.keys()].sort(compareText)) g.properties.set(k, guessProperty(s.props.get(k)!, s.object, o));
  }
  if (s.array > 0 && s.items && s.items.seen > 0) g.items = guessProperty(s.items, s.items.seen, { ...o, requiredThreshold: 1 });
  return g;
}

/**
 * quicktype's rule for an enum: at least 10 values seen, fewer distinct ones than the square
 * root of that, at most 50, and not all of them numbers written as text.
 * https://github.com/glideapps/quicktype (StringTypes / inferEnums)
 */
export function isEnum(values: ReadonlyMap<string, number>, count: number): boolean {
  const distinct = values.size;
  if (count < 10 || distinct === 0 || distinct > 50 || distinct >= Math.sqrt(count)) return false;
  for (const v of values.keys()) if (v.trim() === '' || Number.isNaN(Number(v))) return true;
  return false;
}

/** Code-point order: the same in every locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
