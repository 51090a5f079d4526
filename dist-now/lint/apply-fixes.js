import { lineStartsOf } from '../load/fast-positions.js';
/**
 * Apply fixes to a file's text by replacing exactly the characters of each fixed value, so
 * comments, quoting style and layout elsewhere are untouched. Returns the new text and how
 * many fixes applied; overlapping fixes are skipped (a second run picks them up).
 */
export function applyFixes(text, fixes) {
    const starts = lineStartsOf(text);
    const offset = (p) => (starts[p.line - 1] ?? text.length) + p.col - 1;
    const edits = fixes
        .map((f) => ({ from: offset(f.range.start), to: offset(f.range.end), value: render(f.fix.value, text.slice(offset(f.range.start), offset(f.range.end))) }))
        .sort((a, b) => b.from - a.from);
    let out = text;
    let applied = 0;
    let floor = Infinity;
    for (const e of edits) {
        if (e.to > floor)
            continue;
        out = out.slice(0, e.from) + e.value + out.slice(e.to);
        floor = e.from;
        applied++;
    }
    return { text: out, applied };
}
/** A value as YAML text, keeping the original's quote style where it had one. */
function render(value, original) {
    if (typeof value !== 'string')
        return JSON.stringify(value);
    if (original.startsWith("'"))
        return `'${value.replace(/'/g, "''")}'`;
    if (original.startsWith('"') || !/^[A-Za-z0-9_][A-Za-z0-9_ .-]*$/.test(value) || /^(true|false|null|yes|no|on|off|~|[-+.\d])/i.test(value))
        return JSON.stringify(value);
    return value;
}
//# sourceMappingURL=apply-fixes.js.map