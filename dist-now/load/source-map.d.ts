import type { Document, LineCounter, Node as YamlNode } from 'yaml';
import type { PlanPath, SourceRange } from '../diagnostics/diagnostic.js';
/**
 * Turns document paths into source ranges by walking yaml's syntax tree, on demand.
 *
 * Locations are only needed for the few nodes that have a problem, so we never build a
 * table of every node's position: a clean plan pays nothing for this, and a plan with
 * problems pays one walk from the root per diagnostic. A missing path reports its closest
 * existing parent (Spectral's rule), so "missing key" points at the object that lacks it.
 */
export declare class SourceMap {
    #private;
    private readonly text;
    constructor(text: string, doc?: {
        doc: Document;
        lineCounter: LineCounter;
    });
    /** The range of the value at `path`, or of its key when `at` is 'key' (an unknown key). */
    locate(path: PlanPath, at?: 'key' | 'value'): SourceRange | undefined;
}
/** How both yaml passes read a plan: YAML 1.2 core types, `<<` merges, no 1.1 tags (`!!binary`). */
export declare const YAML_OPTIONS: (lineCounter: LineCounter) => {
    readonly lineCounter: LineCounter;
    readonly prettyErrors: false;
    readonly uniqueKeys: false;
    readonly merge: true;
    readonly schema: 'core';
    readonly resolveKnownTags: false;
};
/** The text a map key stands for; non-string scalars read as JavaScript prints them (`1.10:` is "1.1"). */
export declare function keyText(node: YamlNode | null | undefined, doc?: Document): string | undefined;
export declare function stripBom(text: string): string;
