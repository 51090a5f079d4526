import { defineRule } from '../rule.js';
export default defineRule({
    id: 'owner-required',
    description: 'Every event names the team that owns it (`owner:`), so questions about it have somewhere to go.',
    defaultSeverity: 'warn',
    recommended: false,
    defaultOptions: {},
    check(plan, ctx) {
        for (const e of plan.events) {
            if (!e.owner)
                ctx.report({ origin: e.origin, at: 'key', message: `Event "${e.name}" has no owner. Add \`owner: <team>\`.` });
        }
    },
});
//# sourceMappingURL=owner-required.js.map