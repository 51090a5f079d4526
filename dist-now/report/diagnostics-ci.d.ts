import type { Diagnostic } from '../diagnostics/diagnostic.js';
/** JUnit XML: a test suite per file, a test case per rule that ran; a failure per error-severity finding. */
export declare function diagnosticsJunit(title: string, files: readonly string[], ruleIds: readonly string[], diagnostics: readonly Diagnostic[]): string;
/** GitHub Actions annotations on the plan's lines. */
export declare function diagnosticsGithub(title: string, diagnostics: readonly Diagnostic[]): string;
/** Markdown for a pull-request comment. */
export declare function diagnosticsMarkdown(title: string, diagnostics: readonly Diagnostic[]): string;
