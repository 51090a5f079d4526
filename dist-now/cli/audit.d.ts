export interface AuditCliOptions {
    format?: string;
    output?: string[];
    failOn?: string;
    maxViolations?: string;
    maxRate?: string;
    minCoverage?: string;
    workers?: string;
}
/** `trackplan audit <plan> <file...>`: check captured messages against the plan. */
export declare function runAudit(planFile: string, files: string[], opts: AuditCliOptions): Promise<number>;
