import type { AuditReport } from '../audit/report-model.js';
import type { Paint } from './diagnostics-text.js';
export interface AuditReporterOptions {
    paint?: Paint;
}
/** Every audit format, by its `--format` name; each is a pure function of the report. */
export declare const auditReporters: {
    pretty: (r: AuditReport, o: AuditReporterOptions) => string;
    json: (r: AuditReport) => string;
    junit: (r: AuditReport) => string;
    github: (r: AuditReport) => string;
    markdown: (r: AuditReport) => string;
};
export type AuditFormat = keyof typeof auditReporters;
