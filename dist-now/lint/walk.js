import { messageLabel, messagesInPlanOrder } from '../model/plan.js';
/** Visit every property the plan file itself defines (not imported ones), nested ones too. */
export function* properties(plan) {
    const own = (f) => f.origin.file === plan.file;
    function* nested(shape, owner, message, depth) {
        if (!shape)
            return;
        for (const f of shape.properties ?? []) {
            if (own(f))
                yield { field: f, owner, depth, ...(message ? { message } : {}) };
            yield* nested(f.shape, owner, message, depth + 1);
        }
        yield* nested(shape.items, owner, message, depth);
    }
    for (const m of messagesInPlanOrder(plan)) {
        for (const f of m.fields) {
            if (own(f))
                yield { field: f, message: m, owner: messageLabel(m), depth: 0 };
            yield* nested(f.shape, messageLabel(m), m, 1);
        }
    }
    for (const f of plan.sharedProperties.values()) {
        if (own(f))
            yield { field: f, owner: 'the shared properties', depth: 0 };
        yield* nested(f.shape, 'the shared properties', undefined, 1);
    }
    for (const t of plan.types.values())
        if (t.origin.file === plan.file)
            yield* nested(t.shape, `type ${t.name}`, undefined, 1);
}
//# sourceMappingURL=walk.js.map