export interface LintCliOptions {
    format: string;
    maxWarnings?: string;
    fix?: boolean;
}
/** `trackplan lint <plan...>`: plan quality rules; 0 clean, 1 on errors (or too many warnings), 2 on plans that fail check. */
export declare function runLint(files: string[], opts: LintCliOptions): Promise<number>;
