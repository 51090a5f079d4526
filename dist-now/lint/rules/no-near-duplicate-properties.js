import { defineRule } from '../rule.js';
import { properties } from '../walk.js';
import { nearKey } from './no-near-duplicate-events.js';
export default defineRule({
    id: 'no-near-duplicate-properties',
    description: 'No two property names in the plan that differ only in case, separators or word order ("order_id", "orderId", "id_order").',
    defaultSeverity: 'warn',
    recommended: true,
    defaultOptions: {},
    check(plan, ctx) {
        // One spelling per set of words across the plan; each other spelling is reported once.
        const first = new Map();
        const reported = new Set();
        for (const { field, owner } of properties(plan)) {
            const key = nearKey(field.name);
            const spelling = first.get(key);
            if (spelling === undefined)
                first.set(key, field.name);
            else if (spelling !== field.name && !reported.has(`${field.name}\u0000${owner}`)) {
                reported.add(`${field.name}\u0000${owner}`);
                ctx.report({ origin: field.origin, at: 'key', message: `Property "${field.name}" of ${owner} is a near-duplicate of "${spelling}". Use one spelling everywhere.` });
            }
        }
    },
});
//# sourceMappingURL=no-near-duplicate-properties.js.map