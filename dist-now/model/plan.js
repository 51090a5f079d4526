/** The built-in types of the plan format. */
export const PRIMITIVES = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'any', 'null'];
/** String formats the plan format accepts (all checked by ajv-formats and by our validators). */
export const FORMATS = ['date-time', 'date', 'time', 'email', 'uri', 'uuid', 'ipv4', 'ipv6', 'hostname'];
/** All messages of a plan in a stable order: track, identify, group, page, screen; by name within each. */
export function allMessages(plan) {
    const byName = (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    return [
        ...[...plan.events].sort(byName),
        ...(plan.identify ? [plan.identify] : []),
        ...(plan.group ? [plan.group] : []),
        ...[...plan.pages].sort(byName),
        ...[...plan.screens].sort(byName),
    ];
}
/** All messages in the order the plan file lists them (findings follow the author's order). */
export function messagesInPlanOrder(plan) {
    return [...plan.events, ...plan.pages, ...plan.screens, ...(plan.identify ? [plan.identify] : []), ...(plan.group ? [plan.group] : [])];
}
/** A message as people name it in findings: `event "Order Completed"`, `identify traits`. */
export function messageLabel(m) {
    return m.kind === 'track' ? `event "${m.name}"` : m.kind === 'identify' || m.kind === 'group' ? `${m.kind} traits` : `${m.kind} "${m.name}"`;
}
/**
 * A shape, or the named type it stands for (followed through aliases, at most 10 deep so a
 * cycle cannot loop). Nullability written on the reference is kept on the result.
 */
export function resolveNamed(plan, shape) {
    for (let i = 0; i < 10 && shape.types.length === 1 && shape.types[0].kind === 'named'; i++) {
        const t = plan.types.get(shape.types[0].name);
        if (!t)
            break;
        shape = shape.nullable ? { ...t.shape, nullable: true } : t.shape;
    }
    return shape;
}
//# sourceMappingURL=plan.js.map