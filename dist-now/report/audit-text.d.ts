import { type AuditReport } from '../audit/report-model.js';
import type { Paint } from './diagnostics-text.js';
/** The terminal report: the verdict first, then what a PM and a CI job ask, most frequent first. */
export declare function auditPretty(r: AuditReport, options?: {
    paint?: Paint;
    maxGroups?: number;
}): string;
/** Markdown for a pull-request comment or a GitHub job summary. */
export declare function auditMarkdown(r: AuditReport): string;
