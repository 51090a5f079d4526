import { type RuleId } from './rules/index.js';
import type { RuleSeverity } from './rule.js';
/** `lint:` of trackplan.config.yaml. */
export interface LintConfig {
    extends?: 'recommended' | 'all' | 'none';
    rules?: Record<string, RuleSeverity | [RuleSeverity, Record<string, unknown>?]>;
}
/** A rule as configured: on at a severity, with its options merged over the defaults. */
export interface ActiveRule {
    id: RuleId;
    severity: Exclude<RuleSeverity, 'off'>;
    options: Record<string, unknown>;
}
/** Resolve a configuration into the rules to run; problems (unknown rules, bad options) come back as text. */
export declare function resolveLintConfig(config?: LintConfig): {
    active: ActiveRule[];
    errors: string[];
};
