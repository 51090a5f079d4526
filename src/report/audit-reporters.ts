import type { AuditReport } from '../audit/report-model.js';
import { auditGithub, auditJson, auditJunit } from './audit-ci.js';
import { auditMarkdown, auditPretty } from './audit-text.js';
import type { Paint } from './diagnostics-text.js';

export interface AuditReporterOptions {
  paint?: Paint;
}

/** Every audit format, by its `--format` name; each is a pure function of the report. */
export const auditReporters = {
  pretty: (r: AuditReport, o: AuditReporterOptions) => auditPretty(r, o.paint ? { paint: o.paint } : {}),
  json: (r: AuditReport) => auditJson(r),
  junit: (r: AuditReport) => auditJunit(r),
  github: (r: AuditReport) => auditGithub(r),
  markdown: (r: AuditReport) => auditMarkdown(r),
} satisfies Record<string, (r: AuditReport, o: AuditReporterOptions) => string>;

export type AuditFormat = keyof typeof auditReporters;
