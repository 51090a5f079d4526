import { type AuditSummary, keepBadExample } from '../audit/summary.js';
import { mergeShape, type Shape } from './shape.js';

/** Distinct names noted per message type; past it, new names are counted but not planned (names made of data). */
export const MAX_NAMES = 2000;
/** Longer names are data, never planned. */
export const MAX_NAME_LENGTH = 256;
/** Places (keys) noted in all, per input: bounds memory whatever the traffic. */
export const MAX_PLACES = 250_000;

/** One message (event, page, screen, identify, group) as seen. */
export interface MessageSeen {
  type: string;
  name: string;
  count: number;
  /** The latest `timestamp` seen (as written), with its time in ms for comparing. */
  lastSeen?: { text: string; ms: number };
  /** The properties (or traits) of every message, at the root. */
  root: Shape;
}

/** Everything `infer` found; mergeable like AuditSummary, so inputs (and threads) each fill one. */
export interface InferSummary {
  version: 1;
  inputs: AuditSummary['inputs'];
  /** Input that is not messages, counted and exampled as the audit does. */
  badInput: AuditSummary['badInput'];
  messages: { read: number; byType: Record<string, number> };
  /** Keyed `<type>\0<name>`. */
  seen: Map<string, MessageSeen>;
  /** Messages not planned because their name was made of data (too many names, or too long) or blank, by type. */
  unnamed: Record<string, { messages: number; names: number }>;
}

export function emptyInferSummary(): InferSummary {
  return { version: 1, inputs: [], badInput: { counts: {}, examples: [] }, messages: { read: 0, byType: {} }, seen: new Map(), unnamed: {} };
}

/** The key of a message in `seen`. */
export function seenKey(type: string, name: string): string {
  return `${type}\u0000${name}`;
}

/**
 * Add `b` (later input) into `a`. `unordered`: `b` holds lines from anywhere in the file (gzip
 * batches read by workers); every example is kept, and `sortInferExamples` keeps the first.
 */
export function mergeInferSummaries(a: InferSummary, b: InferSummary, options: { unordered?: boolean } = {}): InferSummary {
  a.inputs.push(...b.inputs);
  for (const [c, n] of Object.entries(b.badInput.counts)) a.badInput.counts[c as keyof typeof a.badInput.counts] = (a.badInput.counts[c as keyof typeof a.badInput.counts] ?? 0) + (n ?? 0);
  for (const e of b.badInput.examples) if (options.unordered === true || keepBadExample(a.badInput.examples, e)) a.badInput.examples.push(e);
  a.messages.read += b.messages.read;
  for (const [t, n] of Object.entries(b.messages.byType)) a.messages.byType[t] = (a.messages.byType[t] ?? 0) + n;
  const names = new Map<string, number>();
  for (const m of a.seen.values()) names.set(m.type, (names.get(m.type) ?? 0) + 1);
  for (const [k, m] of b.seen) {
    const mine = a.seen.get(k);
    if (mine) {
      mine.count += m.count;
      mine.root = mergeShape(mine.root, m.root);
      if (m.lastSeen && (!mine.lastSeen || m.lastSeen.ms > mine.lastSeen.ms)) mine.lastSeen = m.lastSeen;
    } else if ((names.get(m.type) ?? 0) < MAX_NAMES) {
      a.seen.set(k, m);
      names.set(m.type, (names.get(m.type) ?? 0) + 1);
    } else addUnnamed(a, m.type, m.count, 1);
  }
  for (const [t, u] of Object.entries(b.unnamed)) addUnnamed(a, t, u.messages, u.names);
  return a;
}

export function addUnnamed(s: InferSummary, type: string, messages: number, names: number): void {
  const u = (s.unnamed[type] ??= { messages: 0, names: 0 });
  u.messages += messages;
  u.names += names;
}

/** Shift the line numbers of a summary made from a later part of a file (worker pieces). */
export function offsetInferLines(s: InferSummary, file: string, by: number): void {
  if (by === 0) return;
  for (const e of s.badInput.examples) if (e.file === file) e.line += by;
}

/** Bad-input examples in input order (workers fill them out of order), the first ones kept. */
export function sortInferExamples(s: InferSummary): void {
  const files = new Map(s.inputs.map((i, n) => [i.file, n]));
  const all = s.badInput.examples.sort((a, b) => (files.get(a.file) ?? 0) - (files.get(b.file) ?? 0) || a.line - b.line || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  s.badInput.examples = [];
  for (const e of all) if (keepBadExample(s.badInput.examples, e)) s.badInput.examples.push(e);
}
