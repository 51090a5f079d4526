import type { DiffResult } from '../diff/diff.js';
import type { Paint } from './diagnostics-text.js';
/** The verdict line every format starts with. */
export declare function diffVerdict(r: DiffResult, allowBreaking: boolean): string;
/** Terminal changelog. */
export declare function diffPretty(r: DiffResult, allowBreaking: boolean, paint?: Paint): string;
/** A Markdown changelog for a pull-request comment. */
export declare function diffMarkdown(r: DiffResult, allowBreaking: boolean): string;
/** JSON: the result, versioned. */
export declare function diffJson(r: DiffResult, allowBreaking: boolean): string;
