/** Severity of a finding; only `error` makes `check` fail. */
export type Severity = 'error' | 'warn' | 'info';
/** A 1-based position, as YAML's LineCounter, editors, JUnit and GitHub annotations count. */
export interface Position {
    line: number;
    col: number;
}
/** A span of source text in one file. */
export interface SourceRange {
    start: Position;
    end: Position;
}
/** Where a finding lives inside a plan document: keys and list indexes from the root. */
export type PlanPath = readonly (string | number)[];
/** The one finding type that flows through every stage (plan errors, lint, diff, audit). */
export interface Diagnostic {
    /** Stable id, e.g. `unknown-key`, `import-cycle`. */
    code: string;
    severity: Severity;
    /** What is wrong and what to do about it. */
    message: string;
    /** The file the finding concerns (as given by the user, or resolved for imports). */
    file: string;
    /** Path inside the document; the runner turns it into `range`. */
    path: PlanPath;
    range?: SourceRange;
    /** Other places involved, e.g. the first definition of a duplicate. */
    related?: {
        file: string;
        range?: SourceRange;
        message: string;
    }[];
}
/** Sort diagnostics by file, then position, then code, so output is deterministic. */
export declare function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[];
/** True when any diagnostic is an error. */
export declare function hasErrors(list: readonly Diagnostic[]): boolean;
