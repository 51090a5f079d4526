import { casing, casingOptionError } from '../casing.js';
import { defineRule } from '../rule.js';
import { properties } from '../walk.js';
export default defineRule({
    id: 'property-name-casing',
    description: 'Property and trait names follow one casing (default: snake_case, as in "order_id").',
    defaultSeverity: 'warn',
    recommended: true,
    defaultOptions: { style: 'snake' },
    validateOptions: (o) => casingOptionError(o.style),
    check(plan, ctx) {
        const c = casing(ctx.options.style);
        for (const { field, owner } of properties(plan)) {
            if (!c.test(field.name))
                ctx.report({ origin: field.origin, at: 'key', message: `Property "${field.name}" of ${owner} is not in ${c.label}.` });
        }
    },
});
//# sourceMappingURL=property-name-casing.js.map