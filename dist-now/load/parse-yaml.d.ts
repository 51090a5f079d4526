import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { SourceMap } from './source-map.js';
/** A YAML document turned into plain data, with a source map and the problems met on the way. */
export interface ParsedYaml {
    /** Plain data: maps are null-prototype objects, so keys such as `__proto__` are inert. */
    value: unknown;
    sourceMap: SourceMap;
    diagnostics: Diagnostic[];
    /** False when the text could not be read as YAML at all; later stages should not run. */
    ok: boolean;
}
/**
 * Parse YAML text into plain data plus a lazy path → source-range map.
 *
 * Two parsers, one result. js-yaml reads a well-formed plan about ten times faster than
 * `yaml`, which matters for 2,000-event plans, so it goes first. Anything unusual (a syntax
 * error, a duplicate key, an alias expansion past the budget, a non-scalar key) sends the text
 * to `yaml`, which reports every problem with its position. Positions for the diagnostics
 * of later stages come from `yaml`'s tree, built only when one is needed.
 */
export declare function parseYaml(text: string, file: string): ParsedYaml;
/** The js-yaml path alone (exported for tests): data when it applies, `ok: false` when `yaml` must read the text. */
export declare function tryFast(text: string): {
    ok: true;
    value: unknown;
} | {
    ok: false;
};
/** The `yaml` path alone: every syntax problem with its place. Exported so tests can compare both paths. */
export declare function parsePrecisely(text: string, file: string): ParsedYaml;
