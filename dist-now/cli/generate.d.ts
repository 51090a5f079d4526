export interface GenerateCliOptions {
    out?: string;
    client?: string;
    validate?: string;
    templates?: string;
    check?: boolean;
    force?: boolean;
}
/**
 * `trackplan generate [plan] --out <dir>`: a typed client per target. With no plan, the
 * targets of `trackplan.config.yaml`; flags given on the command line override the file.
 */
export declare function runGenerate(planArg: string | undefined, opts: GenerateCliOptions): Promise<number>;
