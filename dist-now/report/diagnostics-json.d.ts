import type { Diagnostic } from '../diagnostics/diagnostic.js';
/** The versioned JSON shape of `check --format json`. */
export declare function diagnosticsJson(files: readonly string[], diagnostics: readonly Diagnostic[]): string;
