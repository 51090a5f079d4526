import jsYaml from 'js-yaml';
import { CORE_SCHEMA_LIKE_YAML } from './yaml-core-schema.js';
/**
 * Positions of every node of a plain-subset YAML document, from js-yaml's parse events. It
 * reads a 2,000-event plan in tens of milliseconds, where building `yaml`'s syntax tree takes
 * most of a second, so reporting thousands of lint findings stays fast. Returns undefined when
 * the document is not one js-yaml reads as the fast path does.
 */
export function fastPositions(text) {
    const root = { start: 0, end: text.length, children: [] };
    const stack = [root];
    try {
        jsYaml.load(text, {
            schema: CORE_SCHEMA_LIKE_YAML,
            listener(event, state) {
                if (event === 'open') {
                    const f = { start: state.position, end: state.position, children: [] };
                    stack[stack.length - 1].children.push(f);
                    stack.push(f);
                }
                else {
                    const f = stack.pop();
                    f.end = state.position;
                    f.kind = state.kind ?? undefined;
                    f.result = state.result;
                }
            },
        });
    }
    catch {
        return undefined;
    }
    const out = new Map();
    const skip = (from, to) => {
        // Past white space, line ends and comments, to the node's first character.
        let i = from;
        while (i < to) {
            const c = text.charCodeAt(i);
            if (c === 32 || c === 9 || c === 10 || c === 13)
                i++;
            else if (c === 35)
                while (i < to && text.charCodeAt(i) !== 10)
                    i++;
            else
                break;
        }
        return i;
    };
    const span = (f) => [skip(f.start, f.end), f.end];
    // Keys are built as strings (the form lookups use), not as arrays: a large plan has a
    // hundred thousand nodes.
    const walk = (f, prefix) => {
        // js-yaml opens a node once more around a value; the innermost frame that ends where it does is the node.
        let node = f;
        while (node.children.length === 1 && node.children[0].kind === node.kind && node.children[0].end === node.end)
            node = node.children[0];
        if (node.kind === 'mapping') {
            const kids = node.children;
            for (let i = 0; i + 1 < kids.length; i += 2) {
                const k = kids[i];
                const v = kids[i + 1];
                const child = prefix === '' ? String(k.result) : `${prefix}\u0000${String(k.result)}`;
                // An empty value (`key:`) sits just after the colon, as yaml places it.
                const empty = v.result === null && skip(v.start, v.end) >= v.end;
                out.set(child, { key: span(k), value: empty ? [k.end + 1, k.end + 1] : span(v) });
                walk(v, child);
            }
        }
        else if (node.kind === 'sequence') {
            node.children.forEach((item, i) => {
                const child = prefix === '' ? String(i) : `${prefix}\u0000${i}`;
                out.set(child, { value: span(item) });
                walk(item, child);
            });
        }
    };
    const doc = root.children[0];
    if (!doc)
        return out;
    out.set('', { value: span(doc) });
    walk(doc, '');
    return out;
}
/** Offsets to 1-based line and column. */
export function rangeOf(lineStarts, [from, to]) {
    return { start: pos(lineStarts, from), end: pos(lineStarts, to) };
}
function pos(starts, offset) {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= offset)
            lo = mid;
        else
            hi = mid - 1;
    }
    return { line: lo + 1, col: offset - starts[lo] + 1 };
}
export function lineStartsOf(text) {
    const out = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1))
        out.push(i + 1);
    return out;
}
//# sourceMappingURL=fast-positions.js.map