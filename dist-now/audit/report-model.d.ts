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
    plan: {
        file: string;
        name?: string;
        version?: string;
    };
    /** The verdict, and the limit that decided it, in one line: the first line of every report. */
    verdict: {
        failed: boolean;
        headline: string;
        reasons: string[];
    };
    totals: AuditSummary['messages'] & {
        violations: number;
        counted: number;
        rate: number;
        warnings: number;
    };
    inputs: AuditSummary['inputs'];
    /** Per planned or seen message, most violations first. */
    messages: (MessageStats & {
        planned: boolean;
        rate: number;
    })[];
    /** Violation groups, most frequent first. */
    groups: ViolationGroup[];
    unplanned: {
        type: string;
        event: string;
        count: number;
    }[];
    coverage: {
        planned: number;
        seen: number;
        share: number;
        missing: string[];
    };
    badInput: AuditSummary['badInput'];
    uncheckedPatterns: string[];
}
/** Turn a summary into the report model, applying the limits. */
export declare function buildReport(summary: AuditSummary, plan: Plan, limits?: AuditLimits): AuditReport;
export declare function pct(x: number): string;
