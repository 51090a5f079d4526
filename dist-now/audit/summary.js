/** Violation and bad-input codes the audit reports. */
export const AUDIT_CODES = [
    'unplanned-event',
    'unplanned-property',
    'missing-required',
    'type-mismatch',
    'not-in-enum',
    'const-mismatch',
    'pattern-mismatch',
    'format-mismatch',
    'out-of-range',
    'length-out-of-range',
    'null-not-allowed',
    'not-unique',
    'schema-mismatch',
    'deprecated-event',
    'invalid-json',
    'malformed-message',
    'truncated-input',
    'empty-input',
];
export const MAX_EXAMPLES = 3;
export const MAX_BAD_INPUT_EXAMPLES = 50;
export function emptySummary() {
    return { version: 1, inputs: [], messages: { read: 0, valid: 0, invalid: 0, byType: {} }, stats: {}, groups: {}, badInput: { counts: {}, examples: [] }, uncheckedPatterns: [] };
}
/** Add `b` into `a` (examples keep input order: `a` is earlier input). */
export function mergeSummaries(a, b) {
    a.inputs.push(...b.inputs);
    a.messages.read += b.messages.read;
    a.messages.valid += b.messages.valid;
    a.messages.invalid += b.messages.invalid;
    for (const [t, v] of Object.entries(b.messages.byType)) {
        const x = (a.messages.byType[t] ??= { read: 0, invalid: 0 });
        x.read += v.read;
        x.invalid += v.invalid;
    }
    for (const [k, v] of Object.entries(b.stats)) {
        const x = a.stats[k];
        if (!x)
            a.stats[k] = { ...v };
        else {
            x.count += v.count;
            x.invalid += v.invalid;
            x.violations += v.violations;
        }
    }
    for (const [k, v] of Object.entries(b.groups)) {
        const x = a.groups[k];
        if (!x)
            a.groups[k] = { ...v, examples: [...v.examples] };
        else {
            x.count += v.count;
            for (const e of v.examples)
                if (x.examples.length < MAX_EXAMPLES)
                    x.examples.push(e);
        }
    }
    for (const [c, n] of Object.entries(b.badInput.counts))
        a.badInput.counts[c] = (a.badInput.counts[c] ?? 0) + (n ?? 0);
    for (const e of b.badInput.examples)
        if (keepBadExample(a.badInput.examples, e))
            a.badInput.examples.push(e);
    for (const p of b.uncheckedPatterns)
        if (!a.uncheckedPatterns.includes(p))
            a.uncheckedPatterns.push(p);
    return a;
}
/** Count one piece of bad input, keeping it as an example while there is room. */
export function addBadInput(s, code, place, message) {
    const b = s.badInput;
    b.counts[code] = (b.counts[code] ?? 0) + 1;
    const e = { ...place, code, message };
    if (keepBadExample(b.examples, e))
        b.examples.push(e);
}
/**
 * An input with no messages at all (empty, or only blank lines) is almost always a capture that
 * failed upstream; passing it would let CI go green on nothing, so it counts as bad input.
 */
export function flagEmptyInputs(s) {
    for (const i of s.inputs) {
        if (i.lines === i.blank)
            addBadInput(s, 'empty-input', { file: i.file, line: 1 }, `The input is ${i.bytes === 0 ? 'empty' : 'only blank lines'}: there was nothing to audit. Check the step that captured it (or leave it out).`);
    }
}
/** Keep the first examples of bad input, and always the first of each code in each file. */
export function keepBadExample(list, e) {
    return list.length < MAX_BAD_INPUT_EXAMPLES || !list.some((x) => x.code === e.code && x.file === e.file);
}
/** Examples in input order (workers fill them out of order), the first ones kept. */
export function sortExamples(s) {
    for (const g of Object.values(s.groups))
        g.examples = g.examples.sort((a, b) => a.line - b.line).slice(0, MAX_EXAMPLES);
    s.badInput.examples.sort((a, b) => (a.file === b.file ? a.line - b.line : 0));
}
/** Shift the line numbers of a summary made from a later part of a file (worker ranges). */
export function offsetLines(s, file, by) {
    if (by === 0)
        return;
    for (const g of Object.values(s.groups))
        for (const e of g.examples)
            if (e.file === file)
                e.line += by;
    for (const e of s.badInput.examples)
        if (e.file === file)
            e.line += by;
}
/** A value as an example shows it: JSON, at most `max` characters. */
export function exampleValue(v, max = 80) {
    if (v === undefined)
        return undefined;
    let s;
    try {
        s = JSON.stringify(v) ?? String(v);
    }
    catch {
        // Nested too deeply to print (or a cycle): say so rather than fail.
        s = Array.isArray(v) ? '[… nested too deeply to show]' : typeof v === 'object' ? '{… nested too deeply to show}' : '…';
    }
    return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
//# sourceMappingURL=summary.js.map