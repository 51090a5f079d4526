import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import type { Origin, Plan } from '../model/plan.js';
/** A lint rule's severity in a configuration; `off` turns it off. */
export type RuleSeverity = Exclude<Severity, 'info'> | 'off';
/** What a rule may report: a place in the plan and what to do about it. */
export interface RuleReport {
    origin: Origin;
    message: string;
    /** Point at the key (a name) rather than its value. */
    at?: 'key' | 'value';
    /** A safe, mechanical edit of the YAML, applied by `lint --fix`. */
    fix?: Fix;
}
/** Replace the value at `origin` (a scalar) with `value`; comments and layout elsewhere stay. */
export interface Fix {
    origin: Origin;
    value: unknown;
}
export interface RuleContext<O> {
    options: O;
    report(r: RuleReport): void;
}
/** One lint rule: a stable id, what it checks, its default severity, its options. */
export interface Rule<O = unknown> {
    id: string;
    description: string;
    defaultSeverity: RuleSeverity;
    /** Whether `recommended` turns it on (at its default severity). */
    recommended: boolean;
    defaultOptions: O;
    /** Check options from the config; return a message for bad ones. */
    validateOptions?(options: unknown): string | undefined;
    check(plan: Plan, ctx: RuleContext<O>): void;
}
/** Declare a rule (typed options, checked registry). */
export declare function defineRule<O>(rule: Rule<O>): Rule<O>;
/** A finding of a rule, as every stage reports it. */
export type LintDiagnostic = Diagnostic & {
    fix?: Fix;
};
