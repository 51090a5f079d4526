import { MAX_DISTINCT } from '../audit/fold.js';
import type { AuditReport } from '../audit/report-model.js';
import type { Example } from '../audit/summary.js';
import { auditSummary, auditSummaryLines, LABELS, num as n, plural } from './count-words.js';
import type { Paint } from './diagnostics-text.js';

const plain: Paint = { red: (s) => s, yellow: (s) => s, cyan: (s) => s, dim: (s) => s, bold: (s) => s };
/** Control characters from the data, shown as escapes. */
const safe = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** An example as reports show it: `file:line`, the place when its group's path folds it, the value. */
export function exampleText(e: Example, show: (s: string) => string = (s) => s): string {
  return `${e.file}:${e.line}${e.path !== undefined ? ` ${show(e.path)}` : ''}${e.value !== undefined ? ` ${show(e.value)}` : ''}`;
}

/** The terminal report: the verdict first, then what a PM and a CI job ask, most frequent first. */
export function auditPretty(r: AuditReport, options: { paint?: Paint; maxGroups?: number } = {}): string {
  const p = options.paint ?? plain;
  const out: string[] = [];
  out.push(r.verdict.failed ? p.red(p.bold(r.verdict.headline)) : p.bold(r.verdict.headline));
  const lines = r.inputs.reduce((a, i) => a + i.lines, 0);
  const bytes = r.inputs.reduce((a, i) => a + i.bytes, 0);
  const summary = auditSummary(r);
  out.push(`Audited ${plural(r.inputs.length, 'input')} (${plural(lines, 'line')}, ${(bytes / 1048576).toFixed(1)} MB) against ${r.plan.file}${r.plan.name ? ` (${r.plan.name}${r.plan.version ? ` ${r.plan.version}` : ''})` : ''}.`);
  const byType = Object.entries(r.totals.byType).sort().map(([t, v]) => `${t} ${n(v.read)}`).join(' · ');
  out.push(`${summary.messages.label}: ${summary.messages.text}${byType ? ` · ${byType}` : ''}`);

  out.push('', p.bold(`${summary.violations.label}: ${summary.violations.text}${r.groups.length > 0 ? ', by message, rule and path:' : '.'}`));
  if (r.groups.length > 0) {
    const shown = r.groups.slice(0, options.maxGroups ?? 50);
    for (const g of shown) {
      const mark = g.severity === 'error' ? p.red('✖') : p.yellow('!');
      // Names come from the data: quoted, so control characters (or a line that a CI runner
      // would read as a command) cannot reach the terminal as they are.
      const who = g.type === 'track' ? JSON.stringify(g.event) : g.event ? `${g.type} ${JSON.stringify(g.event)}` : g.type;
      out.push(`  ${mark} ${String(n(g.count)).padStart(6)}  ${p.bold(who)}  ${g.code}  ${p.cyan(g.path)}: ${g.message}`);
      if (g.plan) out.push(p.dim(`             plan: ${g.plan.file}${g.plan.range ? `:${g.plan.range.start.line}:${g.plan.range.start.col}` : ''}`));
      out.push(p.dim(`             e.g. ${g.examples.map((e) => exampleText(e, safe)).join(', ')}`));
    }
    if (r.groups.length > shown.length) out.push(p.dim(`  … and ${r.groups.length - shown.length} more groups (--format json lists them all)`));
  }
  if (r.unplanned.length > 0) {
    out.push('', p.bold(`${LABELS.unplanned}:`), ...r.unplanned.slice(0, 20).map((u) => `  ${String(n(u.count)).padStart(6)}  ${u.type === 'track' ? '' : `${u.type} `}${u.folded ? `* (more than ${MAX_DISTINCT} different names)` : JSON.stringify(u.event)}`));
    if (r.unplanned.length > 20) out.push(p.dim(`  … and ${r.unplanned.length - 20} more`));
  }
  out.push('', `${p.bold(`${summary.coverage.label}:`)} ${summary.coverage.text}.`);
  if (r.coverage.missing.length > 0) out.push(p.dim(`  Never seen: ${r.coverage.missing.slice(0, 15).map((m) => JSON.stringify(m)).join(', ')}${r.coverage.missing.length > 15 ? `, … (${r.coverage.missing.length - 15} more)` : ''}`));
  if (summary.badInput) {
    out.push('', p.bold(`${summary.badInput.label}: ${summary.badInput.text}: not messages, so skipped and never counted as violations; the audit went on.`));
    for (const e of r.badInput.examples.slice(0, 10)) out.push(`  ${p.yellow('!')} ${e.file}:${e.line} ${e.code}: ${safe(e.message)}`);
  }
  if (r.uncheckedPatterns.length > 0) {
    out.push('', p.yellow(`Not checked: patterns that could backtrack without end on a crafted value and that RE2 cannot run (back-references, look-aheads other than right after the leading ^): ${r.uncheckedPatterns.map((s) => `/${s}/`).join(', ')}. Rewrite them without those to have them checked.`));
  }
  if (r.notChecked && r.notChecked.length > 0) {
    // An SQL engine ran the audit (trackplan sql): what its query leaves out, decided before it ran.
    out.push('', p.yellow('Not checked by the SQL query (docs/sql.md):'), ...r.notChecked.map((t) => p.yellow(`  ${safe(t)}`)));
  }
  return out.join('\n') + '\n';
}

/** Markdown for a pull-request comment or a GitHub job summary. */
export function auditMarkdown(r: AuditReport): string {
  // Text cells: Markdown specials escaped; code spans: backticks cannot be escaped, so they
  // are replaced, and nothing else is touched (a backslash would show).
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/[|\\`*_<>[\]]/g, (c) => `\\${c}`).replace(/[\r\n\u2028\u2029]+/g, ' ');
  const code = (s: string) => `\`${s.replace(/`/g, "'").replace(/\|/g, '\\|').replace(/[\r\n\u2028\u2029]+/g, ' ')}\``;
  const out: string[] = [];
  out.push(`### ${r.verdict.failed ? '❌' : '✅'} trackplan audit: ${esc(r.verdict.headline)}`, '');
  out.push(`Plan \`${r.plan.file}\`${r.plan.version ? ` ${esc(r.plan.version)}` : ''}`, '');
  // The same summary, in the same words, as every other format (count-words.ts).
  out.push(...auditSummaryLines(r).map((l) => `- **${l.label}:** ${esc(l.text)}`), '');
  if (r.groups.length > 0) {
    out.push('| | count | message | rule | path | first example |', '|---|---:|---|---|---|---|');
    for (const g of r.groups.slice(0, 50)) {
      const e = g.examples[0];
      out.push(`| ${g.severity === 'error' ? '❌' : '⚠️'} | ${n(g.count)} | ${esc(g.event || g.type)} | ${code(g.code)} | ${code(g.path)} | ${e ? `${esc(e.file)}:${e.line}${e.path !== undefined ? ` ${code(e.path)}` : ''}${e.value ? ` ${esc(e.value)}` : ''}` : ''} |`);
    }
    if (r.groups.length > 50) out.push('', `… and ${r.groups.length - 50} more groups.`);
    out.push('');
  }
  if (r.unplanned.length > 0) out.push(`**${LABELS.unplanned}:** ${r.unplanned.slice(0, 20).map((u) => `${u.folded ? `* (more than ${MAX_DISTINCT} different names)` : esc(JSON.stringify(u.event))} ×${n(u.count)}`).join(', ')}`, '');
  if (r.coverage.missing.length > 0) out.push(`**Never seen:** ${r.coverage.missing.slice(0, 30).map((m) => esc(JSON.stringify(m))).join(', ')}`, '');
  if (r.notChecked && r.notChecked.length > 0) out.push('**Not checked by the SQL query:**', '', ...r.notChecked.map((t) => `- ${esc(t)}`), '');
  return out.join('\n');
}
