import { sortDiagnostics } from '../diagnostics/diagnostic.js';
import { rules } from './rules/index.js';
/** Run the active rules on a plan; findings come back located, sorted, one type for every stage. */
export function lintPlan(plan, active, locate) {
    const out = [];
    for (const a of active) {
        const rule = rules[a.id];
        rule.check(plan, {
            options: a.options,
            report: (r) => {
                const range = locate(r.origin, r.at ?? 'value');
                out.push({ code: a.id, severity: a.severity, message: r.message, file: r.origin.file, path: r.origin.path, ...(range ? { range } : {}), ...(r.fix ? { fix: r.fix } : {}) });
            },
        });
    }
    return sortDiagnostics(out);
}
//# sourceMappingURL=lint.js.map