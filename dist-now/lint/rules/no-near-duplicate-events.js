import { nameWords } from '../casing.js';
import { defineRule } from '../rule.js';
/** The same words in any order, case and separator: "Order Completed" = "completed_order". */
export function nearKey(name) {
    return nameWords(name).sort().join(' ');
}
export default defineRule({
    id: 'no-near-duplicate-events',
    description: 'No two events whose names differ only in case, separators or word order ("Order Completed", "completed_order").',
    defaultSeverity: 'error',
    recommended: true,
    defaultOptions: {},
    check(plan, ctx) {
        const seen = new Map();
        for (const e of plan.events) {
            const key = nearKey(e.name);
            const first = seen.get(key);
            if (first !== undefined)
                ctx.report({ origin: e.origin, at: 'key', message: `Event "${e.name}" is a near-duplicate of "${first}" (the same words). Keep one name, or make the difference plain.` });
            else
                seen.set(key, e.name);
        }
    },
});
//# sourceMappingURL=no-near-duplicate-events.js.map