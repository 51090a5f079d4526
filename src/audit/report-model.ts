import type { Plan } from '../model/plan.js';
import { countedText, pct, plural, rateText } from '../report/count-words.js';
import { type AuditCode, type AuditSummary, type MessageStats, type ViolationGroup } from './summary.js';

/** When the audit fails the build. */
export interface AuditLimits {
  /** Codes that count (default: every error-severity code). */
  failOn?: readonly AuditCode[];
  /** Fail only when violations and bad input counted (`totals.counted`) are more than this (default 0). */
  maxViolations?: number;
  /** Fail when the share of invalid messages and bad input (`totals.rate`) exceeds this (0.01 = 1%). */
  maxRate?: number;
  /** Fail when fewer than this share of planned events were seen (0.9 = 90%). */
  minCoverage?: number;
}

/** Everything a reporter shows, computed once; reporters only format it. */
export interface AuditReport {
  version: 1;
  plan: { file: string; name?: string; version?: string };
  /** The verdict, and the limit that decided it, in one line: the first line of every report. */
  verdict: { failed: boolean; headline: string; reasons: string[] };
  /**
   * `violations` = `errors` + `warnings`; `badInput` is never in them. `counted` is what
   * `--max-violations` compares: `countedViolations` (error severity, or the `--fail-on` codes)
   * plus `countedBadInput` (all of it, or of the `--fail-on` codes).
   */
  totals: AuditSummary['messages'] & {
    violations: number;
    counted: number;
    rate: number;
    warnings: number;
    errors: number;
    badInput: number;
    countedViolations: number;
    countedBadInput: number;
  };
  inputs: AuditSummary['inputs'];
  /** Per planned or seen message, most violations first. */
  messages: (MessageStats & { planned: boolean; rate: number })[];
  /** Violation groups, most frequent first. */
  groups: ViolationGroup[];
  /** `folded`: the `*` of more than MAX_DISTINCT different names (fold.ts). */
  unplanned: { type: string; event: string; count: number; folded?: true }[];
  /** Of planned events that are not deprecated; `deprecated` says how many were left out. */
  coverage: { planned: number; seen: number; share: number; missing: string[]; deprecated: number };
  badInput: AuditSummary['badInput'];
  uncheckedPatterns: string[];
  /** Checks an SQL engine left out (src/sql); only present when there are some. */
  notChecked?: string[];
}

const WARN_CODES: ReadonlySet<string> = new Set(['deprecated-event', 'plan-mismatch']);

/** Turn a summary into the report model, applying the limits. */
export function buildReport(summary: AuditSummary, plan: Plan, limits: AuditLimits = {}): AuditReport {
  const groups = Object.values(summary.groups).sort((a, b) => b.count - a.count || key(a).localeCompare(key(b)));
  const counts = (g: ViolationGroup) => (limits.failOn ? limits.failOn.includes(g.code) : g.severity === 'error' && !WARN_CODES.has(g.code));
  const badCountedCodes = Object.entries(summary.badInput.counts).filter(([c, k]) => (k ?? 0) > 0 && (!limits.failOn || limits.failOn.includes(c as AuditCode)));
  const countedBadInput = badCountedCodes.reduce((n, [, k]) => n + (k ?? 0), 0);
  const countedViolations = groups.filter(counts).reduce((n, g) => n + g.count, 0);
  const counted = countedViolations + countedBadInput;
  const violations = groups.reduce((n, g) => n + g.count, 0);
  const warnings = groups.filter((g) => g.severity === 'warn').reduce((n, g) => n + g.count, 0);
  const badInput = Object.values(summary.badInput.counts).reduce((n: number, k) => n + (k ?? 0), 0);
  const bad = badInputLines(summary.badInput);
  const rate = summary.messages.read + bad === 0 ? 0 : (summary.messages.invalid + bad) / (summary.messages.read + bad);

  // Coverage is of events that are planned and not deprecated: a deprecated event is meant to
  // go unsent. How many were left out is reported, so that `check`'s count adds up.
  const deprecated = plan.events.filter((e) => e.deprecated !== undefined).length;
  const planned = plan.events.filter((e) => e.deprecated === undefined).map((e) => e.name);
  const seenNames = new Set(Object.values(summary.stats).filter((s) => s.type === 'track' && !s.folded).map((s) => s.event));
  const missing = planned.filter((n) => !seenNames.has(n)).sort();
  const share = planned.length === 0 ? 1 : (planned.length - missing.length) / planned.length;

  // Each limit given is checked on its own; with no count limit, anything counted fails. The
  // headline names every limit checked, failed or passed, in the words of count-words.ts.
  const countedWords = countedText({ violations: countedViolations, badInput: countedBadInput, badCodes: badCountedCodes.map(([c]) => c), failOn: limits.failOn });
  const checks: { failed: boolean; text: string }[] = [];
  if (limits.maxRate !== undefined) {
    const over = rate > limits.maxRate;
    checks.push({ failed: over, text: `${rateText(rate, bad)}, ${over ? 'above' : 'within'} --max-rate ${pct(limits.maxRate)}` });
  }
  if (limits.maxViolations !== undefined) {
    const over = counted > limits.maxViolations;
    checks.push({ failed: over, text: `${countedWords}, ${over ? 'more than' : 'within'} --max-violations ${limits.maxViolations}` });
  }
  // Violations and bad input are named apart: a cut gzip or an empty capture needs another fix.
  if (limits.maxRate === undefined && limits.maxViolations === undefined) checks.push({ failed: counted > 0, text: countedWords });
  if (limits.minCoverage !== undefined) {
    const under = share < limits.minCoverage;
    checks.push({ failed: under, text: `plan coverage ${pct(share)}, ${under ? 'below' : 'not below'} --min-coverage ${pct(limits.minCoverage)}${under ? ` (${plural(missing.length, 'planned event')} never seen)` : ''}` });
  }
  const reasons = checks.filter((c) => c.failed).map((c) => c.text);
  const failed = reasons.length > 0;
  const headline = `${failed ? 'FAILED' : 'PASSED'}: ${(failed ? reasons : checks.map((c) => c.text)).join('; ')}.`;

  const plannedKeys = new Set([...plan.events.map((e) => `track\u0000${e.name}`), ...plan.pages.map((p) => `page\u0000${p.name}`), ...plan.screens.map((s) => `screen\u0000${s.name}`), ...(plan.identify ? ['identify\u0000'] : []), ...(plan.group ? ['group\u0000'] : [])]);
  const messages = Object.entries(summary.stats)
    .map(([k, s]) => ({ ...s, planned: plannedKeys.has(k), rate: s.count === 0 ? 0 : s.invalid / s.count }))
    .sort((a, b) => b.violations - a.violations || b.count - a.count || `${a.type}${a.event}`.localeCompare(`${b.type}${b.event}`));
  const unplanned = messages.filter((m) => !m.planned && m.type !== 'alias' && m.type !== 'identify' && m.type !== 'group').map((m) => ({ type: m.type, event: m.event, count: m.count, ...(m.folded ? { folded: true as const } : {}) })).sort((a, b) => b.count - a.count || a.event.localeCompare(b.event));

  return {
    version: 1,
    plan: { file: plan.file, ...(plan.name !== undefined ? { name: plan.name } : {}), ...(plan.version !== undefined ? { version: plan.version } : {}) },
    verdict: { failed, headline, reasons },
    // Types in a fixed order, whatever order threads met them in.
    totals: { ...summary.messages, byType: Object.fromEntries(Object.entries(summary.messages.byType).sort(([a], [b]) => a.localeCompare(b))), violations, counted, rate, warnings, errors: violations - warnings, badInput, countedViolations, countedBadInput },
    inputs: summary.inputs,
    messages,
    groups,
    unplanned,
    coverage: { planned: planned.length, seen: planned.length - missing.length, share, missing, deprecated },
    badInput: summary.badInput,
    uncheckedPatterns: summary.uncheckedPatterns,
    ...(summary.notChecked && summary.notChecked.length > 0 ? { notChecked: summary.notChecked } : {}),
  };
}

function key(g: ViolationGroup): string {
  return `${g.type}\u0000${g.event}\u0000${g.code}\u0000${g.path}`;
}

/**
 * Bad input found (lines that are not JSON, values that are not messages, a stream cut short).
 * It counts against the rate too: a file of garbage is not clean. An empty input has nothing
 * in it to count, so it fails the build but not the rate.
 */
export function badInputLines(badInput: AuditSummary['badInput']): number {
  return Object.entries(badInput.counts).reduce((n, [c, k]) => n + (c === 'empty-input' ? 0 : k ?? 0), 0);
}
