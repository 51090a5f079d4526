import { defineRule } from '../rule.js';
import { messagesInPlanOrder } from '../../model/plan.js';
import { properties } from '../walk.js';
export default defineRule({
    id: 'deprecated-has-reason',
    description: 'A deprecation says why, and what to use instead: `deprecated: Use "Order Completed".`, not `deprecated: true`.',
    defaultSeverity: 'warn',
    recommended: true,
    defaultOptions: {},
    check(plan, ctx) {
        for (const m of messagesInPlanOrder(plan)) {
            if (m.deprecated === true)
                ctx.report({ origin: { file: m.origin.file, path: [...m.origin.path, 'deprecated'] }, message: `Deprecated ${m.kind === 'track' ? 'event' : m.kind} "${m.name}" does not say why or what replaces it. Write the reason instead of \`true\`.` });
        }
        for (const { field, owner } of properties(plan)) {
            if (field.shape.deprecated === true)
                ctx.report({ origin: { file: field.origin.file, path: [...field.origin.path, 'deprecated'] }, message: `Deprecated property "${field.name}" of ${owner} does not say why or what replaces it.` });
        }
    },
});
//# sourceMappingURL=deprecated-has-reason.js.map