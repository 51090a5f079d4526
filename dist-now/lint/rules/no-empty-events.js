import { defineRule } from '../rule.js';
export default defineRule({
    id: 'no-empty-events',
    description: 'An event with no properties is often one whose properties were never written down.',
    defaultSeverity: 'warn',
    recommended: false,
    defaultOptions: {},
    check(plan, ctx) {
        for (const e of plan.events) {
            if (e.fields.length === 0 && e.deprecated === undefined)
                ctx.report({ origin: e.origin, at: 'key', message: `Event "${e.name}" has no properties. If it really carries none, say so in its description (and turn this rule off for it).` });
        }
    },
});
//# sourceMappingURL=no-empty-events.js.map