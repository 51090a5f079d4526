import type { SourceRange } from '../diagnostics/diagnostic.js';
import { sortDiagnostics } from '../diagnostics/diagnostic.js';
import type { Origin, Plan } from '../model/plan.js';
import type { ActiveRule } from './config.js';
import type { LintDiagnostic } from './rule.js';
import { rules } from './rules/index.js';

/** Run the active rules on a plan; findings come back located, sorted, one type for every stage. */
export function lintPlan(plan: Plan, active: readonly ActiveRule[], locate: (o: Origin, at?: 'key' | 'value') => SourceRange | undefined): LintDiagnostic[] {
  const out: LintDiagnostic[] = [];
  for (const a of active) {
    const rule = rules[a.id];
    rule.check(plan, {
      options: a.options as never,
      report: (r) => {
        const range = locate(r.origin, r.at ?? 'value');
        out.push({ code: a.id, severity: a.severity, message: r.message, file: r.origin.file, path: r.origin.path, ...(range ? { range } : {}), ...(r.fix ? { fix: r.fix } : {}) });
      },
    });
  }
  return sortDiagnostics(out) as LintDiagnostic[];
}
