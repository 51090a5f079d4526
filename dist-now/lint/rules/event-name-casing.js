import { casing, casingOptionError } from '../casing.js';
import { defineRule } from '../rule.js';
export default defineRule({
    id: 'event-name-casing',
    description: 'Event names follow one casing (default: Title Case "Object Action", as in "Order Completed").',
    defaultSeverity: 'warn',
    recommended: true,
    defaultOptions: { style: 'title' },
    validateOptions: (o) => casingOptionError(o.style),
    check(plan, ctx) {
        const c = casing(ctx.options.style);
        for (const e of plan.events) {
            if (!c.test(e.name))
                ctx.report({ origin: e.origin, at: 'key', message: `Event "${e.name}" is not in ${c.label}.` });
        }
    },
});
//# sourceMappingURL=event-name-casing.js.map