import type { Diagnostic } from '../diagnostics/diagnostic.js';
/** Colour functions; the CLI passes chalk's, tests pass identity. */
export interface Paint {
    red(s: string): string;
    yellow(s: string): string;
    cyan(s: string): string;
    dim(s: string): string;
    bold(s: string): string;
}
export interface FormatDiagnosticsOptions {
    paint?: Paint;
    /** File texts by name; when given, each diagnostic gets a short code frame. */
    sources?: ReadonlyMap<string, string>;
}
/** `file:line:col  severity  message  [code]` lines, optionally with code frames and a summary. */
export declare function formatDiagnostics(diagnostics: readonly Diagnostic[], options?: FormatDiagnosticsOptions): string;
/** "3 errors, 1 warning" style counts. */
export declare function summarize(diagnostics: readonly Diagnostic[]): string;
