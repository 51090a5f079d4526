import type { SourceRange } from '../diagnostics/diagnostic.js';
import { type MessageDef, type Origin, type Plan } from '../model/plan.js';
import type { AuditSummary } from './summary.js';
/** A validator as the audit's JavaScript module exports it. */
export type AuditValidator = (d: unknown, out?: {
    path: string;
    rule: string;
    message: string;
    value: unknown;
    warn?: boolean;
}[]) => {
    path: string;
    rule: string;
    message: string;
    value: unknown;
    warn?: boolean;
}[];
/** What the auditor needs of one planned message. */
export interface IndexedMessage {
    kind: MessageDef['kind'];
    name: string;
    deprecated?: true | string;
    validate: AuditValidator;
}
/**
 * Everything a worker needs to audit, and nothing more: the validators' code and which
 * function checks which message. Plain data, so it crosses to worker threads as it is, and
 * workers load neither YAML nor ajv.
 */
export interface IndexSpec {
    code: string;
    messages: {
        kind: MessageDef['kind'];
        name: string;
        fn: string;
        deprecated?: true | string;
    }[];
}
/** Validators by message type and name, ready to run. */
export interface PlanIndex {
    track: Map<string, IndexedMessage>;
    page: Map<string, IndexedMessage>;
    screen: Map<string, IndexedMessage>;
    identify?: IndexedMessage;
    group?: IndexedMessage;
    /** Patterns not checked: neither safe for V8 nor expressible in RE2 (see regex-safety.ts). */
    uncheckedPatterns: string[];
    isDateTime(s: string): boolean;
    spec: IndexSpec;
}
/** Load a spec's validators in this thread. */
export declare function loadIndex(spec: IndexSpec): Promise<PlanIndex>;
/**
 * Fill in, for each violation group, the plan location it breaks (for reports and GitHub
 * annotations). Done once, after summaries merge, so workers never need the plan's YAML.
 */
export declare function locateGroups(summary: AuditSummary, plan: Plan, locate: (o: Origin, at?: 'key' | 'value') => SourceRange | undefined): void;
/** Path segments of a violation path (`properties.products[2]["odd key"]`), past the root. */
export declare function pathSegments(path: string): (string | number)[];
