import type { SourceRange } from '../diagnostics/diagnostic.js';
import { addStats, compareExamples, mergeGroups } from './fold.js';

/** Violation and bad-input codes the audit reports. */
export const AUDIT_CODES = [
  'unplanned-event',
  'unplanned-property',
  'missing-required',
  'type-mismatch',
  'not-in-enum',
  'const-mismatch',
  'pattern-mismatch',
  'format-mismatch',
  'out-of-range',
  'length-out-of-range',
  'null-not-allowed',
  'not-unique',
  'schema-mismatch',
  'deprecated-event',
  'plan-mismatch',
  'invalid-json',
  'invalid-utf8',
  'malformed-message',
  'truncated-input',
  'trailing-data',
  'empty-input',
] as const;
export type AuditCode = (typeof AUDIT_CODES)[number];

/** One place in the input. */
export interface InputPlace {
  file: string;
  line: number;
}

/** An example of a violation: where, and the offending value (JSON, truncated). */
export interface Example extends InputPlace {
  value?: string;
  /** Where in the message, when the group's path folds it into `*` (`properties.sku_8412`). */
  path?: string;
}

/** Violations of one kind at one place of one message type, counted. */
export interface ViolationGroup {
  /** `track`, `identify`, …; `event` is the event, page or screen name ('' for identify/group). */
  type: string;
  event: string;
  code: AuditCode;
  severity: 'error' | 'warn';
  /** The JSON path inside the message, with list indexes as `[]`: `properties.products[].price`. */
  path: string;
  message: string;
  count: number;
  examples: Example[];
  /** The plan's definition this breaks, when there is one. */
  plan?: { file: string; range?: SourceRange };
  /** The group stands for more than MAX_DISTINCT different names or keys, folded into `*` (see fold.ts). */
  folded?: true;
}

/** Per message (event, page, screen, identify, group). */
export interface MessageStats {
  type: string;
  event: string;
  count: number;
  invalid: number;
  violations: number;
  /** `event` is `*`: more than MAX_DISTINCT different unplanned names of this type, folded. */
  folded?: true;
}

/** Everything an audit found; mergeable, so workers can each fill one. */
export interface AuditSummary {
  version: 1;
  inputs: { file: string; lines: number; blank: number; bytes: number }[];
  messages: { read: number; valid: number; invalid: number; byType: Record<string, { read: number; invalid: number }> };
  stats: Record<string, MessageStats>;
  groups: Record<string, ViolationGroup>;
  /** Input problems: lines that are not JSON, messages that are not messages, truncated files. */
  badInput: { counts: Partial<Record<AuditCode, number>>; examples: (InputPlace & { code: AuditCode; message: string })[] };
  /** Patterns not checked: not proven linear on V8 and not expressible in RE2 (back-references, most look-aheads). */
  uncheckedPatterns: string[];
  /** Checks the engine left out, each with its place in the plan and why (SQL engines: src/sql); absent for the JavaScript engine. */
  notChecked?: string[];
  /** The names seen under each parent, or null once folded (fold.ts); bounded, so it may cross threads. */
  folds?: Record<string, string[] | null>;
}

export const MAX_EXAMPLES = 3;
export const MAX_BAD_INPUT_EXAMPLES = 50;

export function emptySummary(): AuditSummary {
  return { version: 1, inputs: [], messages: { read: 0, valid: 0, invalid: 0, byType: {} }, stats: {}, groups: {}, badInput: { counts: {}, examples: [] }, uncheckedPatterns: [] };
}

/**
 * Add `b` into `a`. Examples keep input order when `a` is earlier input; when it need not be
 * (`unordered`: line batches of one stream, audited by several workers), every example is
 * kept, and `sortExamples` then keeps the first ones.
 */
export function mergeSummaries(a: AuditSummary, b: AuditSummary, options: { unordered?: boolean } = {}): AuditSummary {
  const all = options.unordered === true;
  a.inputs.push(...b.inputs);
  a.messages.read += b.messages.read;
  a.messages.valid += b.messages.valid;
  a.messages.invalid += b.messages.invalid;
  for (const [t, v] of Object.entries(b.messages.byType)) {
    const x = (a.messages.byType[t] ??= { read: 0, invalid: 0 });
    x.read += v.read;
    x.invalid += v.invalid;
  }
  for (const [k, v] of Object.entries(b.stats)) addStats(a, k, { ...v });
  const files = new Map(a.inputs.map((i, n) => [i.file, n]));
  mergeGroups(a, b, (file) => files.get(file) ?? files.size, all ? Infinity : MAX_EXAMPLES);
  for (const [c, n] of Object.entries(b.badInput.counts)) a.badInput.counts[c as AuditCode] = (a.badInput.counts[c as AuditCode] ?? 0) + (n ?? 0);
  for (const e of b.badInput.examples) if (all || keepBadExample(a.badInput.examples, e)) a.badInput.examples.push(e);
  for (const p of b.uncheckedPatterns) if (!a.uncheckedPatterns.includes(p)) a.uncheckedPatterns.push(p);
  return a;
}

/** Count one piece of bad input, keeping it as an example while there is room. */
export function addBadInput(s: AuditSummary, code: AuditCode, place: InputPlace, message: string): void {
  const b = s.badInput;
  b.counts[code] = (b.counts[code] ?? 0) + 1;
  const e = { ...place, code, message };
  if (keepBadExample(b.examples, e)) b.examples.push(e);
}

/**
 * An input with no messages at all (empty, or only blank lines) is almost always a capture that
 * failed upstream; passing it would let CI go green on nothing, so it counts as bad input.
 */
export function flagEmptyInputs(s: AuditSummary): void {
  for (const i of s.inputs) {
    if (i.lines === i.blank) addBadInput(s, 'empty-input', { file: i.file, line: 1 }, `The input is ${i.bytes === 0 ? 'empty' : 'only blank lines'}: there was nothing to audit. Check the step that captured it (or leave it out).`);
  }
}

/** Keep the first examples of bad input, and always the first of each code in each file. */
export function keepBadExample(list: readonly (InputPlace & { code: AuditCode })[], e: InputPlace & { code: AuditCode }): boolean {
  return list.length < MAX_BAD_INPUT_EXAMPLES || !list.some((x) => x.code === e.code && x.file === e.file);
}

/** Examples in input order (workers fill them out of order), the first ones kept. */
export function sortExamples(s: AuditSummary): void {
  for (const g of Object.values(s.groups)) g.examples = g.examples.sort((a, b) => compareExamples(a, b, () => 0)).slice(0, MAX_EXAMPLES);
  const bad = s.badInput.examples.sort((a, b) => (a.file === b.file ? a.line - b.line : 0));
  s.badInput.examples = [];
  for (const e of bad) if (keepBadExample(s.badInput.examples, e)) s.badInput.examples.push(e);
}

/** Shift the line numbers of a summary made from a later part of a file (worker ranges). */
export function offsetLines(s: AuditSummary, file: string, by: number): void {
  if (by === 0) return;
  for (const g of Object.values(s.groups)) for (const e of g.examples) if (e.file === file) e.line += by;
  for (const e of s.badInput.examples) if (e.file === file) e.line += by;
}

/** A value as an example shows it: JSON, at most `max` characters. */
export function exampleValue(v: unknown, max = 80): string | undefined {
  if (v === undefined) return undefined;
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    // Nested too deeply to print (or a cycle): say so rather than fail.
    s = Array.isArray(v) ? '[… nested too deeply to show]' : typeof v === 'object' ? '{… nested too deeply to show}' : '…';
  }
  return shortened(s, max);
}

/** An example's text cut at `max` characters. */
export function shortened(s: string, max = 80): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
