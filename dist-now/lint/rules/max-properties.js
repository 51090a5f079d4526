import { defineRule } from '../rule.js';
import { messageLabel, messagesInPlanOrder } from '../../model/plan.js';
export default defineRule({
    id: 'max-properties',
    description: 'A message with more than `max` properties (default 30) is usually several events in one.',
    defaultSeverity: 'warn',
    recommended: true,
    defaultOptions: { max: 30 },
    validateOptions: (o) => {
        const m = o.max;
        return m === undefined || (typeof m === 'number' && Number.isInteger(m) && m > 0) ? undefined : 'max must be a whole number above 0';
    },
    check(plan, ctx) {
        for (const m of messagesInPlanOrder(plan)) {
            if (m.fields.length > ctx.options.max)
                ctx.report({ origin: m.origin, at: 'key', message: `${messageLabel(m)} has ${m.fields.length} properties, more than ${ctx.options.max}. Split it, or raise max.` });
        }
    },
});
//# sourceMappingURL=max-properties.js.map