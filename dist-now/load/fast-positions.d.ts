import type { SourceRange } from '../diagnostics/diagnostic.js';
/** Where a node is: the key's span (for map entries) and the value's. */
export interface Spans {
    key?: [number, number];
    value: [number, number];
}
/**
 * Positions of every node of a plain-subset YAML document, from js-yaml's parse events. It
 * reads a 2,000-event plan in tens of milliseconds, where building `yaml`'s syntax tree takes
 * most of a second, so reporting thousands of lint findings stays fast. Returns undefined when
 * the document is not one js-yaml reads as the fast path does.
 */
export declare function fastPositions(text: string): Map<string, Spans> | undefined;
/** Offsets to 1-based line and column. */
export declare function rangeOf(lineStarts: readonly number[], [from, to]: [number, number]): SourceRange;
export declare function lineStartsOf(text: string): number[];
