export interface CompileCliOptions {
    out?: string;
    draft: string;
    check?: boolean;
    force?: boolean;
}
/** `trackplan compile <plan> --out <dir>`: JSON Schema per message; `--check` exits 1 when stale. */
export declare function runCompile(file: string, opts: CompileCliOptions): Promise<number>;
