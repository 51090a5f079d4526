import { auditGithub, auditJson, auditJunit } from './audit-ci.js';
import { auditMarkdown, auditPretty } from './audit-text.js';
/** Every audit format, by its `--format` name; each is a pure function of the report. */
export const auditReporters = {
    pretty: (r, o) => auditPretty(r, o.paint ? { paint: o.paint } : {}),
    json: (r) => auditJson(r),
    junit: (r) => auditJunit(r),
    github: (r) => auditGithub(r),
    markdown: (r) => auditMarkdown(r),
};
//# sourceMappingURL=audit-reporters.js.map