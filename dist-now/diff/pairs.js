import { messagesInPlanOrder, resolveNamed } from '../model/plan.js';
const key = (m) => `${m.kind}\u0000${m.name}`;
/** Match two versions of a plan: messages by kind and exact name, properties by name at every depth. */
export function pairPlans(base, head) {
    const headByKey = new Map(messagesInPlanOrder(head).map((m) => [key(m), m]));
    const baseByKey = new Map(messagesInPlanOrder(base).map((m) => [key(m), m]));
    const input = { base, head, messages: [], removedMessages: [], addedMessages: [], properties: [], removedProperties: [], addedProperties: [] };
    for (const b of messagesInPlanOrder(base)) {
        const h = headByKey.get(key(b));
        if (h)
            input.messages.push({ base: b, head: h });
        else
            input.removedMessages.push(b);
    }
    for (const h of messagesInPlanOrder(head))
        if (!baseByKey.has(key(h)))
            input.addedMessages.push(h);
    const fields = (message, bf, hf, prefix, seen) => {
        const hm = new Map(hf.map((f) => [f.name, f]));
        const bm = new Map(bf.map((f) => [f.name, f]));
        for (const b of bf) {
            const where = prefix ? `${prefix}.${b.name}` : b.name;
            const h = hm.get(b.name);
            if (!h) {
                input.removedProperties.push({ message, where, field: b, required: b.required });
                continue;
            }
            const pair = { message, where, base: b, head: h, baseShape: resolveNamed(base, b.shape), headShape: resolveNamed(head, h.shape) };
            input.properties.push(pair);
            shapes(message, pair.baseShape, pair.headShape, where, seen);
        }
        for (const h of hf)
            if (!bm.has(h.name))
                input.addedProperties.push({ message, where: prefix ? `${prefix}.${h.name}` : h.name, field: h });
    };
    const shapes = (message, b, h, where, seen) => {
        // Recursive types would recurse forever: compare each place of a message once.
        if (seen.has(where) || where.split('.').length > 12)
            return;
        seen.add(where);
        if (b.properties || h.properties)
            fields(message, b.properties ?? [], h.properties ?? [], where, seen);
        if (b.items && h.items)
            shapes(message, resolveNamed(base, b.items), resolveNamed(head, h.items), `${where}[]`, seen);
    };
    for (const { base: b, head: h } of input.messages)
        fields(h, b.fields, h.fields, '', new Set());
    return input;
}
//# sourceMappingURL=pairs.js.map