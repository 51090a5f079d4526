/** The JSON types a shape admits (integer inside number, any as everything). */
export function admitted(s) {
    const out = new Set();
    for (const t of s.types) {
        if (t.kind === 'named')
            out.add('object'); // resolved already where it matters
        else if (t.name === 'any')
            for (const p of ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'])
                out.add(p);
        else
            out.add(t.name);
    }
    if (out.has('number'))
        out.add('integer');
    if (s.nullable)
        out.add('null');
    return out;
}
/** Types the base admitted that the head does not. */
export function lostTypes(b, h) {
    const hb = admitted(h);
    return [...admitted(b)].filter((t) => !hb.has(t) && !(t === 'null' && hb.has('null')));
}
/** A numeric or length bound: which way is tighter. */
export const BOUNDS = [
    { key: 'minimum', tighter: 'higher', label: 'minimum' },
    { key: 'exclusiveMinimum', tighter: 'higher', label: 'exclusiveMinimum' },
    { key: 'maximum', tighter: 'lower', label: 'maximum' },
    { key: 'exclusiveMaximum', tighter: 'lower', label: 'exclusiveMaximum' },
    { key: 'minLength', tighter: 'higher', label: 'minLength' },
    { key: 'maxLength', tighter: 'lower', label: 'maxLength' },
    { key: 'minItems', tighter: 'higher', label: 'minItems' },
    { key: 'maxItems', tighter: 'lower', label: 'maxItems' },
];
/** What tightened and what loosened between two versions of one value's rules. */
export function constraintChanges(b, h) {
    const tightened = [];
    const loosened = [];
    for (const { key, tighter, label } of BOUNDS) {
        const x = b[key];
        const y = h[key];
        if (x === y)
            continue;
        if (x === undefined)
            tightened.push(`${label} ${y} added`);
        else if (y === undefined)
            loosened.push(`${label} ${x} removed`);
        else if ((tighter === 'higher') === y > x)
            tightened.push(`${label} ${x} → ${y}`);
        else
            loosened.push(`${label} ${x} → ${y}`);
    }
    for (const key of ['pattern', 'format']) {
        if (b[key] === h[key])
            continue;
        if (b[key] === undefined)
            tightened.push(`${key} ${h[key]} added`);
        else if (h[key] === undefined)
            loosened.push(`${key} ${b[key]} removed`);
        // A changed pattern or format may reject values the old one accepted.
        else
            tightened.push(`${key} ${b[key]} → ${h[key]}`);
    }
    if (!b.uniqueItems && h.uniqueItems)
        tightened.push('uniqueItems added');
    if (b.uniqueItems && !h.uniqueItems)
        loosened.push('uniqueItems removed');
    const bc = b.const ? JSON.stringify(b.const.value) : undefined;
    const hc = h.const ? JSON.stringify(h.const.value) : undefined;
    if (bc !== hc) {
        if (hc !== undefined)
            tightened.push(bc === undefined ? `const ${hc} added` : `const ${bc} → ${hc}`);
        else
            loosened.push(`const ${bc} removed`);
    }
    if (!b.enum && h.enum)
        tightened.push(`enum [${h.enum.map((v) => JSON.stringify(v)).join(', ')}] added`);
    if (b.enum && !h.enum)
        loosened.push('enum removed');
    return { tightened, loosened };
}
/** Whether an object lets keys the plan does not list through. */
export function openObject(s, strict) {
    if (s.additionalProperties !== undefined)
        return s.additionalProperties !== false;
    return !strict;
}
//# sourceMappingURL=compare.js.map