import { defineRule } from '../rule.js';
import { properties } from '../walk.js';
export default defineRule({
    id: 'description-required',
    description: 'Events and properties say what they mean, in a description of at least `minLength` characters.',
    defaultSeverity: 'warn',
    recommended: true,
    defaultOptions: { minLength: 10, properties: true },
    validateOptions: (o) => {
        const x = o;
        if (x.minLength !== undefined && (typeof x.minLength !== 'number' || x.minLength < 0))
            return 'minLength must be a number of 0 or more';
        if (x.properties !== undefined && typeof x.properties !== 'boolean')
            return 'properties must be true or false';
        return undefined;
    },
    check(plan, ctx) {
        const min = ctx.options.minLength;
        const short = (d) => (d ?? '').trim().length < Math.max(1, min);
        for (const e of plan.events) {
            if (short(e.description))
                ctx.report({ origin: e.origin, at: 'key', message: `Event "${e.name}" needs a description${min > 1 ? ` of at least ${min} characters` : ''}: what happened, and when it is sent.` });
        }
        if (!ctx.options.properties)
            return;
        for (const { field, owner } of properties(plan)) {
            // A property that takes a shared definition takes its description too.
            if (short(field.shape.description))
                ctx.report({ origin: field.origin, at: 'key', message: `Property "${field.name}" of ${owner} needs a description${min > 1 ? ` of at least ${min} characters` : ''}.` });
        }
    },
});
//# sourceMappingURL=description-required.js.map