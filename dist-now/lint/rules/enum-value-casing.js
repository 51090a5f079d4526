import { casing, casingOptionError } from '../casing.js';
import { defineRule } from '../rule.js';
import { properties } from '../walk.js';
export default defineRule({
    id: 'enum-value-casing',
    description: 'Text enum values follow one casing (default: snake_case, as in "copy_link"); stray spaces around a value are fixed by --fix.',
    defaultSeverity: 'warn',
    recommended: true,
    defaultOptions: { style: 'snake' },
    validateOptions: (o) => casingOptionError(o.style),
    check(plan, ctx) {
        const c = casing(ctx.options.style);
        for (const { field, owner } of properties(plan)) {
            const values = field.shape.enum;
            if (!values)
                continue;
            // The enum may come from a shared definition; report where it is written.
            const enumOrigin = field.shape.origin;
            values.forEach((v, i) => {
                if (typeof v !== 'string')
                    return;
                const at = { file: enumOrigin.file, path: [...enumOrigin.path, 'enum', i] };
                if (v.trim() !== v) {
                    ctx.report({ origin: at, message: `Enum value ${JSON.stringify(v)} of "${field.name}" (${owner}) has spaces around it.`, fix: { origin: at, value: v.trim() } });
                }
                else if (!c.test(v)) {
                    ctx.report({ origin: at, message: `Enum value ${JSON.stringify(v)} of "${field.name}" (${owner}) is not in ${c.label}.` });
                }
            });
        }
    },
});
//# sourceMappingURL=enum-value-casing.js.map