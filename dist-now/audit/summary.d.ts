import type { SourceRange } from '../diagnostics/diagnostic.js';
/** Violation and bad-input codes the audit reports. */
export declare const AUDIT_CODES: readonly ['unplanned-event', 'unplanned-property', 'missing-required', 'type-mismatch', 'not-in-enum', 'const-mismatch', 'pattern-mismatch', 'format-mismatch', 'out-of-range', 'length-out-of-range', 'null-not-allowed', 'not-unique', 'schema-mismatch', 'deprecated-event', 'invalid-json', 'malformed-message', 'truncated-input', 'empty-input'];
export type AuditCode = (typeof AUDIT_CODES)[number];
/** One place in the input. */
export interface InputPlace {
    file: string;
    line: number;
}
/** An example of a violation: where, and the offending value (JSON, truncated). */
export interface Example extends InputPlace {
    value?: string;
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
    plan?: {
        file: string;
        range?: SourceRange;
    };
}
/** Per message (event, page, screen, identify, group). */
export interface MessageStats {
    type: string;
    event: string;
    count: number;
    invalid: number;
    violations: number;
}
/** Everything an audit found; mergeable, so workers can each fill one. */
export interface AuditSummary {
    version: 1;
    inputs: {
        file: string;
        lines: number;
        blank: number;
        bytes: number;
    }[];
    messages: {
        read: number;
        valid: number;
        invalid: number;
        byType: Record<string, {
            read: number;
            invalid: number;
        }>;
    };
    stats: Record<string, MessageStats>;
    groups: Record<string, ViolationGroup>;
    /** Input problems: lines that are not JSON, messages that are not messages, truncated files. */
    badInput: {
        counts: Partial<Record<AuditCode, number>>;
        examples: (InputPlace & {
            code: AuditCode;
            message: string;
        })[];
    };
    /** Patterns not checked: risky for V8 and not expressible in RE2 (look-arounds, back-references). */
    uncheckedPatterns: string[];
}
export declare const MAX_EXAMPLES = 3;
export declare const MAX_BAD_INPUT_EXAMPLES = 50;
export declare function emptySummary(): AuditSummary;
/** Add `b` into `a` (examples keep input order: `a` is earlier input). */
export declare function mergeSummaries(a: AuditSummary, b: AuditSummary): AuditSummary;
/** Count one piece of bad input, keeping it as an example while there is room. */
export declare function addBadInput(s: AuditSummary, code: AuditCode, place: InputPlace, message: string): void;
/**
 * An input with no messages at all (empty, or only blank lines) is almost always a capture that
 * failed upstream; passing it would let CI go green on nothing, so it counts as bad input.
 */
export declare function flagEmptyInputs(s: AuditSummary): void;
/** Keep the first examples of bad input, and always the first of each code in each file. */
export declare function keepBadExample(list: readonly (InputPlace & {
    code: AuditCode;
})[], e: InputPlace & {
    code: AuditCode;
}): boolean;
/** Examples in input order (workers fill them out of order), the first ones kept. */
export declare function sortExamples(s: AuditSummary): void;
/** Shift the line numbers of a summary made from a later part of a file (worker ranges). */
export declare function offsetLines(s: AuditSummary, file: string, by: number): void;
/** A value as an example shows it: JSON, at most `max` characters. */
export declare function exampleValue(v: unknown, max?: number): string | undefined;
