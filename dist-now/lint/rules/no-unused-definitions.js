import { messagesInPlanOrder } from '../../model/plan.js';
import { defineRule } from '../rule.js';
export default defineRule({
    id: 'no-unused-definitions',
    description: 'Every shared property and named type of the plan file is used by some message.',
    defaultSeverity: 'warn',
    recommended: true,
    defaultOptions: {},
    check(plan, ctx) {
        const usedTypes = new Set();
        const usedShared = new Set();
        const seenShapes = new Set();
        const visit = (s) => {
            if (!s || seenShapes.has(s))
                return;
            seenShapes.add(s);
            for (const t of s.types) {
                if (t.kind !== 'named' || usedTypes.has(t.name))
                    continue;
                usedTypes.add(t.name);
                visit(plan.types.get(t.name)?.shape);
            }
            visit(s.items);
            if (typeof s.additionalProperties === 'object')
                visit(s.additionalProperties);
            for (const f of s.properties ?? []) {
                if (f.shared)
                    usedShared.add(f.name);
                visit(f.shape);
            }
        };
        for (const m of messagesInPlanOrder(plan)) {
            for (const f of m.fields) {
                if (f.shared)
                    usedShared.add(f.name);
                visit(f.shape);
            }
        }
        // A library file (no messages of its own) exists to be imported: its definitions are its point.
        if (messagesInPlanOrder(plan).length === 0)
            return;
        for (const [name, f] of plan.sharedProperties) {
            if (f.origin.file === plan.file && !usedShared.has(name))
                ctx.report({ origin: f.origin, at: 'key', message: `Shared property "${name}" is not used by any message. Remove it, or use it.` });
        }
        for (const [name, t] of plan.types) {
            if (t.origin.file === plan.file && !usedTypes.has(name))
                ctx.report({ origin: t.origin, at: 'key', message: `Type "${name}" is not used by any message. Remove it, or use it.` });
        }
    },
});
//# sourceMappingURL=no-unused-definitions.js.map