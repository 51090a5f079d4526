import { didYouMean } from '../diagnostics/suggest.js';
import { type RuleId, rules } from './rules/index.js';
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

/** A mistake in `lint:`, at its place under `lint:` (`['rules', 'event-name-casng']`). */
export interface LintConfigError {
  path: readonly (string | number)[];
  message: string;
}

/** Resolve a configuration into the rules to run; problems (unknown rules, bad options) come back with their place. */
export function resolveLintConfig(config: LintConfig = {}): { active: ActiveRule[]; errors: LintConfigError[] } {
  const errors: LintConfigError[] = [];
  const base = config.extends ?? 'recommended';
  const chosen = new Map<RuleId, { severity: RuleSeverity; options: Record<string, unknown> }>();
  for (const [id, rule] of Object.entries(rules) as [RuleId, (typeof rules)[RuleId]][]) {
    const on = base === 'all' || (base === 'recommended' && rule.recommended);
    chosen.set(id, { severity: on ? rule.defaultSeverity : 'off', options: { ...(rule.defaultOptions as object) } });
  }
  for (const [id, setting] of Object.entries(config.rules ?? {})) {
    // Own keys only: `constructor`, `toString` or `__proto__` are in every object, not rules.
    if (!Object.hasOwn(rules, id)) {
      const hint = didYouMean(id, Object.keys(rules));
      errors.push({ path: ['rules', id], message: `Unknown lint rule "${id}".${hint || ` Rules: ${Object.keys(rules).join(', ')}.`}` });
      continue;
    }
    const [severity, options] = Array.isArray(setting) ? setting : [setting, undefined];
    const rule = rules[id as RuleId];
    const merged = { ...(rule.defaultOptions as object), ...(options ?? {}) };
    const problem = options ? rule.validateOptions?.(merged) : undefined;
    if (problem) errors.push({ path: ['rules', id, 1], message: `Rule "${id}": ${problem}.` });
    chosen.set(id as RuleId, { severity, options: merged });
  }
  const active: ActiveRule[] = [];
  for (const [id, c] of chosen) if (c.severity !== 'off') active.push({ id, severity: c.severity, options: c.options });
  return { active, errors };
}
