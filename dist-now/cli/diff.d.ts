export interface DiffCliOptions {
    against?: string;
    format: string;
    allowBreaking?: boolean;
}
/** `trackplan diff <base> <head>` or `trackplan diff <plan> --against <ref>`: 0 safe, 1 breaking without a major bump. */
export declare function runDiff(files: string[], opts: DiffCliOptions): Promise<number>;
