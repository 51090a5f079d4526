import { type AuditReport } from '../audit/report-model.js';
/** JSON: the report model itself, a documented and versioned shape (docs/audit-report.md). */
export declare function auditJson(r: AuditReport): string;
/** JUnit XML: one test case per planned (or seen) message, a failure per violation group. */
export declare function auditJunit(r: AuditReport): string;
/** GitHub Actions annotations, each on the plan's YAML line the violations break. */
export declare function auditGithub(r: AuditReport): string;
