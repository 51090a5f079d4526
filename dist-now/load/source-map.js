import { yamlLib } from './yaml-lib.js';
import { fastPositions, lineStartsOf, rangeOf } from './fast-positions.js';
/**
 * Turns document paths into source ranges by walking yaml's syntax tree, on demand.
 *
 * Locations are only needed for the few nodes that have a problem, so we never build a
 * table of every node's position: a clean plan pays nothing for this, and a plan with
 * problems pays one walk from the root per diagnostic. A missing path reports its closest
 * existing parent (Spectral's rule), so "missing key" points at the object that lacks it.
 */
export class SourceMap {
    text;
    #doc;
    #lines;
    constructor(text, doc) {
        this.text = text;
        this.#doc = doc?.doc;
        this.#lines = doc?.lineCounter;
    }
    #fast;
    #starts;
    /** The range of the value at `path`, or of its key when `at` is 'key' (an unknown key). */
    locate(path, at = 'value') {
        if (!this.#doc) {
            // Without yaml's tree yet: js-yaml's parse events, much faster on large plans.
            if (this.#fast === undefined)
                this.#fast = fastPositions(stripBom(this.text)) ?? null;
            if (this.#fast) {
                this.#starts ??= lineStartsOf(stripBom(this.text));
                for (let n = path.length; n >= 0; n--) {
                    const spans = this.#fast.get(path.slice(0, n).map(String).join('\u0000'));
                    if (!spans)
                        continue;
                    const chosen = (at === 'key' || n < path.length) && spans.key ? spans.key : spans.value;
                    return rangeOf(this.#starts, chosen);
                }
            }
        }
        const { doc, lines } = this.#tree();
        let node = doc.contents;
        let keyNode;
        for (const seg of path) {
            node = this.#deref(doc, node);
            let next;
            let nextKey;
            if (yamlLib().isMap(node)) {
                const pair = node.items.find((p) => yamlLib().isPair(p) && keyText(p.key, doc) === String(seg));
                if (pair) {
                    nextKey = pair.key;
                    next = pair.value ?? pair.key;
                }
            }
            else if (yamlLib().isSeq(node) && typeof seg === 'number') {
                next = node.items[seg];
            }
            if (next === undefined) {
                // The path ends here: point at the key of the object that lacks the rest.
                return this.#range(lines, keyNode ?? node);
            }
            node = next;
            keyNode = nextKey;
        }
        return this.#range(lines, at === 'key' && keyNode ? keyNode : node);
    }
    #tree() {
        if (!this.#doc || !this.#lines) {
            this.#lines = new (yamlLib().LineCounter)();
            this.#doc = yamlLib().parseDocument(stripBom(this.text), YAML_OPTIONS(this.#lines));
        }
        return { doc: this.#doc, lines: this.#lines };
    }
    #deref(doc, node) {
        for (let hops = 0; yamlLib().isAlias(node) && hops < 100; hops++)
            node = node.resolve(doc);
        return node;
    }
    #range(lines, node) {
        if (!node?.range)
            return undefined;
        const start = lines.linePos(node.range[0]);
        const end = lines.linePos(Math.max(node.range[0], node.range[1]));
        return { start: { line: start.line, col: start.col }, end: { line: end.line, col: end.col } };
    }
}
/** How both yaml passes read a plan: YAML 1.2 core types, `<<` merges, no 1.1 tags (`!!binary`). */
export const YAML_OPTIONS = (lineCounter) => ({ lineCounter, prettyErrors: false, uniqueKeys: false, merge: true, schema: 'core', resolveKnownTags: false });
/** The text a map key stands for; non-string scalars read as JavaScript prints them (`1.10:` is "1.1"). */
export function keyText(node, doc) {
    if (doc && yamlLib().isAlias(node))
        node = node.resolve(doc) ?? null;
    if (!yamlLib().isScalar(node))
        return undefined;
    if (typeof node.value === 'string')
        return node.value;
    if (typeof node.value === 'symbol')
        return node.value.description;
    return String(node.value);
}
export function stripBom(text) {
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
//# sourceMappingURL=source-map.js.map