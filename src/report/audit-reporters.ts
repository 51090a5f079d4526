import type { AuditReport } from '../audit/report-model.js';
import type { Timeline } from '../audit/timeline.js';
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

/** Every `--format` of audit: the text ones above, and `html`, whose charts take a drawing library. */
export const AUDIT_FORMATS = [...(Object.keys(auditReporters) as (keyof typeof auditReporters)[]), 'html'] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

/** What the HTML report shows beyond the report model (the model, and so the JSON report, stay as they are). */
export interface AuditHtmlExtras {
  timeline?: Timeline;
  /** Why there is no timeline, when the source of the summary keeps none (`report`'s rows). */
  timelineNote?: string;
  docsUrl?: string;
  docsPages?: ReadonlyMap<string, string>;
}

/**
 * A report in any format. `html` imports its module (and, through it, vega) here, on first
 * use, so the other formats never load them.
 */
export async function renderAudit(format: AuditFormat, r: AuditReport, o: AuditReporterOptions & AuditHtmlExtras = {}): Promise<string> {
  if (format === 'html') return (await import('../pages/audit-html.js')).auditHtml(r, o);
  return auditReporters[format](r, o);
}
