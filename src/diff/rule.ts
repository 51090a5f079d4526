import { type Field, type MessageDef, messageLabel, type NamedType, type Origin, type Plan, type Shape } from '../model/plan.js';

/** How a change affects consumers of the data (buf's categories, for tracking plans). */
export type Impact = 'breaking' | 'addition' | 'docs';

/** What a diff rule looks at. */
export type Category = 'event' | 'property' | 'type' | 'value';

/**
 * What can change about something present in both versions (see changes.ts): the plan's own keys,
 * a message's, a property's (at any depth, array items and typed extra keys included), or the
 * whole definition of a named type that no message uses.
 */
export type ChangeKey =
  | 'name' | 'description' | 'owners' | 'owner' | 'labels' | 'deprecated' | 'strict' | 'function'
  | 'required' | 'types' | 'enum' | 'const' | 'pattern' | 'format'
  | 'minimum' | 'maximum' | 'exclusiveMinimum' | 'exclusiveMaximum' | 'minLength' | 'maxLength' | 'minItems' | 'maxItems' | 'uniqueItems'
  | 'items' | 'openness' | 'examples' | 'schema' | 'definition';

/** A property present in both versions, at the same place. */
export interface PropertyPair {
  message: MessageDef;
  /** Dotted place inside the message, for messages: `products[].price`; `[]` is an array's items, `*` an object's other keys. */
  where: string;
  base: Field;
  head: Field;
  baseShape: Shape;
  headShape: Shape;
  /** The `strict` that closes this value's objects: the message's, or the plan's inside a named type (as compile does). */
  baseStrict: boolean;
  headStrict: boolean;
}

/** Everything a rule may compare; rules report through `report`. */
export interface DiffInput {
  base: Plan;
  head: Plan;
  /** Messages in both versions, matched by kind and exact name. */
  messages: { base: MessageDef; head: MessageDef }[];
  removedMessages: MessageDef[];
  addedMessages: MessageDef[];
  /** Properties in both versions, at every depth (named types followed). */
  properties: PropertyPair[];
  removedProperties: { message: MessageDef; where: string; field: Field; required: boolean }[];
  addedProperties: { message: MessageDef; where: string; field: Field }[];
  /** Named types (`types:`, imports included) in one version only. */
  removedTypes: NamedType[];
  addedTypes: NamedType[];
  /** Named types that some pair above reached by the same name in both versions: their changes show there. */
  comparedTypes: ReadonlySet<string>;
}

export interface DiffReport {
  message: string;
  /** Where in the head plan (or the base plan, for what was removed). */
  head?: Origin;
  base?: Origin;
}

/** A report made so far, with the rule that made it (what the safety net checks against). */
export interface Reported extends DiffReport {
  rule: DiffRule;
}

/** One breaking-change rule: a stable id, its category and impact. */
export interface DiffRule {
  id: string;
  category: Category;
  impact: Impact;
  description: string;
  /**
   * The keys whose changes this rule classifies when it reports on the thing that changed. A
   * changed key that no report of a covering rule explains is reported by `unclassified-change`.
   */
  covers: readonly ChangeKey[];
  /** Runs after every other rule and sees their reports (the safety net). */
  last?: true;
  check(input: DiffInput, report: (r: DiffReport) => void, earlier: readonly Reported[]): void;
}

export function defineDiffRule(rule: DiffRule): DiffRule {
  return rule;
}

/** `property "total" of event "Order Completed"`. */
export function propName(message: MessageDef, where: string): string {
  return `property "${where}" of ${messageLabel(message)}`;
}
