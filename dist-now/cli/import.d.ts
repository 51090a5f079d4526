export interface ImportOptions {
    out?: string;
    force?: boolean;
    verbose?: boolean;
}
/** `trackplan import segment <plan.json> --out plan.yaml`: a Segment plan as trackplan YAML. */
export declare function runImportSegment(file: string, opts: ImportOptions): Promise<number>;
