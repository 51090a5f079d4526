/**
 * The words reports use for counts, in one place so that formats cannot drift: every audit
 * format (and its verdict) and `check`'s plan counts take their phrases from here, and a test
 * holds them to it (test/report/same-words.test.ts). Numbers in, text out: what a number means
 * is decided where it is counted (src/audit/report-model.ts), never here.
 *
 * The vocabulary:
 * - messages: `read`, `valid`, `invalid` (a message with a violation at error severity);
 * - bad input: input that is not a message (a line that is not JSON, a cut gzip, an empty
 *   file). It is never added into violations, in any format, though limits may count it;
 * - violations: findings in messages, `errors` and `warnings` by severity;
 * - the rate: `15% invalid or bad`, invalid messages and bad input among both (empty inputs,
 *   which hold nothing to count, are left out of it);
 * - coverage: `7 of 28 planned events seen`, deprecated events left out and said to be.
 */
import type { AuditReport } from '../audit/report-model.js';

/** A count as every report writes it: `12,345`. */
export const num = (x: number): string => x.toLocaleString('en-US');

/** `1 error`, `3 errors`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${num(n)} ${n === 1 ? one : many}`;
}

/** A share as every report writes it: `15%`, `3.57%`, `2.5e-3%`. */
export function pct(x: number): string {
  const p = x * 100;
  return `${p === 0 || p >= 10 ? p.toFixed(0) : p < 0.01 ? p.toExponential(1) : p.toFixed(2)}%`;
}

/** The section labels, the same in every format. */
export const LABELS = { messages: 'Messages', violations: 'Violations', coverage: 'Coverage', badInput: 'Bad input', unplanned: 'Unplanned messages' } as const;

/** What the audit counted, as the phrases below read it (a subset of the report's totals). */
export interface CountsForWords {
  read: number;
  valid: number;
  invalid: number;
  rate: number;
  violations: number;
  errors: number;
  warnings: number;
  /** All bad input, of every code. */
  badInput: number;
}

/** `15% invalid or bad` (bad input in the rate), `15% invalid` (none). */
export function rateText(rate: number, badInRate: number): string {
  return `${pct(rate)} ${badInRate > 0 ? 'invalid or bad' : 'invalid'}`;
}

/** Messages: `51 read · 44 valid · 7 invalid · 1 bad input (15% invalid or bad)`. */
export function messagesText(t: CountsForWords, emptyInputs: number): string {
  const badInRate = t.badInput - emptyInputs;
  const left = emptyInputs > 0 ? `; ${plural(emptyInputs, 'empty input')} not in the rate` : '';
  return `${num(t.read)} read · ${num(t.valid)} valid · ${num(t.invalid)} invalid${t.badInput > 0 ? ` · ${num(t.badInput)} bad input` : ''} (${rateText(t.rate, badInRate)}${left})`;
}

/** Violations: `12 (9 errors, 3 warnings)`, or `0`. */
export function violationsText(t: CountsForWords): string {
  return t.violations === 0 ? '0' : `${num(t.violations)} (${plural(t.errors, 'error')}, ${plural(t.warnings, 'warning')})`;
}

/** Bad input: `1 (1 invalid-json)`, or `0`; codes sorted. */
export function badInputText(counts: Partial<Record<string, number>>): string {
  const codes = Object.entries(counts).filter(([, k]) => (k ?? 0) > 0).sort(([a], [b]) => a.localeCompare(b));
  const total = codes.reduce((n, [, k]) => n + (k ?? 0), 0);
  return total === 0 ? '0' : `${num(total)} (${codes.map(([c, k]) => `${num(k ?? 0)} ${c}`).join(', ')})`;
}

/** Coverage: `7 of 28 planned events seen (25%); 1 deprecated event not counted`. */
export function coverageText(c: { planned: number; seen: number; share: number; deprecated: number }): string {
  return `${num(c.seen)} of ${plural(c.planned, 'planned event')} seen (${pct(c.share)})${c.deprecated > 0 ? `; ${plural(c.deprecated, 'deprecated event')} not counted` : ''}`;
}

/** One violation group's size, as annotations say it: a group counts findings, not messages. */
export function groupCountText(count: number): string {
  return plural(count, 'violation');
}

/**
 * What the limits count, violations and bad input named apart:
 * `9 violations at error severity and 1 bad input (invalid-json)`; with `--fail-on`,
 * `2 violations of the --fail-on codes (plan-mismatch)`; nothing: `no violations at error
 * severity and no bad input`.
 */
export function countedText(c: { violations: number; badInput: number; badCodes: readonly string[]; failOn?: readonly string[] | undefined }): string {
  const which = c.failOn ? `of the --fail-on codes (${c.failOn.join(', ')})` : 'at error severity';
  if (c.violations === 0 && c.badInput === 0) return c.failOn ? `no violations or bad input ${which}` : `no violations ${which} and no bad input`;
  const parts = [
    c.violations > 0 ? `${plural(c.violations, 'violation')} ${which}` : '',
    c.badInput > 0 ? `${num(c.badInput)} bad input (${[...c.badCodes].sort().join(', ')})` : '',
  ];
  return parts.filter(Boolean).join(' and ');
}

/** One message kind as `check` counts it: `29 events (1 deprecated)`, `1 identify`, `7 pages`. */
export function kindCountText(kind: string, count: number, deprecated: number): string {
  const word = kind === 'track' ? 'event' : kind;
  // identify and group are one set of traits each, not countable nouns.
  const text = kind === 'identify' || kind === 'group' ? `${num(count)} ${word}` : plural(count, word);
  return `${text}${deprecated > 0 ? ` (${num(deprecated)} deprecated)` : ''}`;
}

/** One line of the audit summary: its label (`Messages`) and its text. */
export interface SummaryLine {
  label: string;
  text: string;
}

/**
 * The summary every audit format shows, in this order, each as `label: text` in its own way:
 * messages, violations, coverage, and bad input when there is any.
 */
export function auditSummary(r: Pick<AuditReport, 'totals' | 'coverage' | 'badInput'>): { messages: SummaryLine; violations: SummaryLine; coverage: SummaryLine; badInput?: SummaryLine } {
  const emptyInputs = r.badInput.counts['empty-input'] ?? 0;
  return {
    messages: { label: LABELS.messages, text: messagesText(r.totals, emptyInputs) },
    violations: { label: LABELS.violations, text: violationsText(r.totals) },
    coverage: { label: LABELS.coverage, text: coverageText(r.coverage) },
    ...(r.totals.badInput > 0 ? { badInput: { label: LABELS.badInput, text: badInputText(r.badInput.counts) } } : {}),
  };
}

/** The summary's lines in order. */
export function auditSummaryLines(r: Pick<AuditReport, 'totals' | 'coverage' | 'badInput'>): SummaryLine[] {
  const s = auditSummary(r);
  return [s.messages, s.violations, s.coverage, ...(s.badInput ? [s.badInput] : [])];
}
