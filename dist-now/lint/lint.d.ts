import type { SourceRange } from '../diagnostics/diagnostic.js';
import type { Origin, Plan } from '../model/plan.js';
import type { ActiveRule } from './config.js';
import type { LintDiagnostic } from './rule.js';
/** Run the active rules on a plan; findings come back located, sorted, one type for every stage. */
export declare function lintPlan(plan: Plan, active: readonly ActiveRule[], locate: (o: Origin, at?: 'key' | 'value') => SourceRange | undefined): LintDiagnostic[];
