import type { Plan } from '../model/plan.js';
import { type AuditCode, type AuditSummary, type MessageStats, type ViolationGroup } from './summary.js';

/** When the audit fails the build. */
export interface AuditLimits {
  /** Codes that count (default: every error-severity code). */
  failOn?: readonly AuditCode[];
  /** Fail only when more than this many counted violations (default 0). */
  maxViolations?: number;
  /** Fail when the share of invalid messages exceeds this (0.01 = 1%). */
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
  totals: AuditSummary['messages'] & { violations: number; counted: number; rate: number; warnings: number };
  inputs: AuditSummary['inputs'];
  /** Per planned or seen message, most violations first. */
  messages: (MessageStats & { planned: boolean; rate: number })[];
  /** Violation groups, most frequent first. */
  groups: ViolationGroup[];
  /** `folded`: the `*` of more than MAX_DISTINCT different names (fold.ts). */
  unplanned: { type: string; event: string; count: number; folded?: true }[];
  coverage: { planned: number; seen: number; share: number; missing: string[] };
  badInput: AuditSummary['badInput'];
  uncheckedPatterns: string[];
}

const WARN_CODES: ReadonlySet<string> = new Set(['deprecated-event', 'plan-mismatch']);

/** Turn a summary into the report model, applying the limits. */
export function buildReport(summary: AuditSummary, plan: Plan, limits: AuditLimits = {}): AuditReport {
  const groups = Object.values(summary.groups).sort((a, b) => b.count - a.count || key(a).localeCompare(key(b)));
  const counts = (g: ViolationGroup) => (limits.failOn ? limits.failOn.includes(g.code) : g.severity === 'error' && !WARN_CODES.has(g.code));
  const badCountedCodes = Object.entries(summary.badInput.counts).filter(([c, k]) => (k ?? 0) > 0 && (!limits.failOn || limits.failOn.includes(c as AuditCode)));
  const badCounted = badCountedCodes.reduce((n, [, k]) => n + (k ?? 0), 0);
  const violationsCounted = groups.filter(counts).reduce((n, g) => n + g.count, 0);
  const counted = violationsCounted + badCounted;
  const violations = groups.reduce((n, g) => n + g.count, 0);
  const warnings = groups.filter((g) => g.severity === 'warn').reduce((n, g) => n + g.count, 0);
  const bad = badInputLines(summary.badInput);
  const rate = summary.messages.read + bad === 0 ? 0 : (summary.messages.invalid + bad) / (summary.messages.read + bad);

  const planned = plan.events.filter((e) => e.deprecated === undefined).map((e) => e.name);
  const seenNames = new Set(Object.values(summary.stats).filter((s) => s.type === 'track' && !s.folded).map((s) => s.event));
  const missing = planned.filter((n) => !seenNames.has(n)).sort();
  const share = planned.length === 0 ? 1 : (planned.length - missing.length) / planned.length;

  // With no limit given, any counted violation fails; each limit given is checked on its own.
  const reasons: string[] = [];
  if (limits.maxRate !== undefined && rate > limits.maxRate) reasons.push(`invalid-message rate ${pct(rate)} is above --max-rate ${pct(limits.maxRate)}`);
  if (limits.maxViolations !== undefined && counted > limits.maxViolations) reasons.push(`${counted} violations are more than --max-violations ${limits.maxViolations}`);
  if (limits.maxRate === undefined && limits.maxViolations === undefined && counted > 0) {
    // Say which is which: a bad input (a cut gzip, an empty capture) needs a different fix than a violation.
    const what = [
      violationsCounted > 0 ? `${violationsCounted} violation${violationsCounted === 1 ? '' : 's'} ${limits.failOn ? `of the --fail-on codes (${limits.failOn.join(', ')})` : 'at error severity'}` : '',
      badCounted > 0 ? `${badCounted} bad input${badCounted === 1 ? '' : 's'} (${badCountedCodes.map(([c]) => c).sort().join(', ')})` : '',
    ];
    reasons.push(what.filter(Boolean).join(' and '));
  }
  if (limits.minCoverage !== undefined && share < limits.minCoverage) reasons.push(`plan coverage ${pct(share)} is below --min-coverage ${pct(limits.minCoverage)} (${missing.length} planned event${missing.length === 1 ? '' : 's'} never seen)`);
  const failed = reasons.length > 0;
  const headline = failed
    ? `FAILED: ${reasons.join('; ')}.`
    : `PASSED: ${summary.messages.read} messages, ${summary.messages.invalid} invalid${bad > 0 ? `, ${bad} bad input` : ''} (${pct(rate)}), ${counted} counted violations${limits.minCoverage !== undefined ? `, coverage ${pct(share)}` : ''}.`;

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
    totals: { ...summary.messages, byType: Object.fromEntries(Object.entries(summary.messages.byType).sort(([a], [b]) => a.localeCompare(b))), violations, counted, rate, warnings },
    inputs: summary.inputs,
    messages,
    groups,
    unplanned,
    coverage: { planned: planned.length, seen: planned.length - missing.length, share, missing },
    badInput: summary.badInput,
    uncheckedPatterns: summary.uncheckedPatterns,
  };
}

function key(g: ViolationGroup): string {
  return `${g.type}\u0000${g.event}\u0000${g.code}\u0000${g.path}`;
}

export function pct(x: number): string {
  const p = x * 100;
  return `${p === 0 || p >= 10 ? p.toFixed(0) : p < 0.01 ? p.toExponential(1) : p.toFixed(2)}%`;
}

/**
 * Bad input found (lines that are not JSON, values that are not messages, a stream cut short).
 * It counts against the rate too: a file of garbage is not clean. An empty input has nothing
 * in it to count, so it fails the build but not the rate.
 */
export function badInputLines(badInput: AuditSummary['badInput']): number {
  return Object.entries(badInput.counts).reduce((n, [c, k]) => n + (c === 'empty-input' ? 0 : k ?? 0), 0);
}
