import { MAX_DISTINCT } from '../audit/fold.js';
import { type AuditReport, badInputLines, pct } from '../audit/report-model.js';
import type { Example } from '../audit/summary.js';
import type { Paint } from './diagnostics-text.js';

const plain: Paint = { red: (s) => s, yellow: (s) => s, cyan: (s) => s, dim: (s) => s, bold: (s) => s };
const n = (x: number) => x.toLocaleString('en-US');
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
  out.push(`Audited ${r.inputs.length} input${r.inputs.length === 1 ? '' : 's'} (${n(lines)} lines, ${(bytes / 1048576).toFixed(1)} MB) against ${r.plan.file}${r.plan.name ? ` (${r.plan.name}${r.plan.version ? ` ${r.plan.version}` : ''})` : ''}.`);
  const byType = Object.entries(r.totals.byType).sort().map(([t, v]) => `${t} ${n(v.read)}`).join(' · ');
  out.push(`Messages: ${n(r.totals.read)} read · ${n(r.totals.valid)} valid · ${invalidShare(r)}${byType ? ` · ${byType}` : ''}`);

  if (r.groups.length > 0) {
    out.push('', p.bold(`Violations: ${n(r.totals.violations)} (${n(r.totals.warnings)} warnings), by message, rule and path:`));
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
    out.push('', p.bold('Unplanned messages:'), ...r.unplanned.slice(0, 20).map((u) => `  ${String(n(u.count)).padStart(6)}  ${u.type === 'track' ? '' : `${u.type} `}${u.folded ? `* (more than ${MAX_DISTINCT} different names)` : JSON.stringify(u.event)}`));
    if (r.unplanned.length > 20) out.push(p.dim(`  … and ${r.unplanned.length - 20} more`));
  }
  out.push('', `${p.bold('Coverage:')} ${r.coverage.seen} of ${r.coverage.planned} planned events seen (${pct(r.coverage.share)}).`);
  if (r.coverage.missing.length > 0) out.push(p.dim(`  Never seen: ${r.coverage.missing.slice(0, 15).map((m) => JSON.stringify(m)).join(', ')}${r.coverage.missing.length > 15 ? `, … (${r.coverage.missing.length - 15} more)` : ''}`));
  const bad = Object.entries(r.badInput.counts);
  if (bad.length > 0) {
    out.push('', p.bold(`Bad input: ${bad.map(([c, k]) => `${n(k ?? 0)} ${c}`).join(', ')} (counted, skipped, and the audit went on)`));
    for (const e of r.badInput.examples.slice(0, 10)) out.push(`  ${p.yellow('!')} ${e.file}:${e.line} ${e.code}: ${safe(e.message)}`);
  }
  if (r.uncheckedPatterns.length > 0) {
    out.push('', p.yellow(`Not checked: patterns that could backtrack without end on a crafted value and that RE2 cannot run (back-references, look-aheads other than right after the leading ^): ${r.uncheckedPatterns.map((s) => `/${s}/`).join(', ')}. Rewrite them without those to have them checked.`));
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
  out.push(`Plan \`${r.plan.file}\`${r.plan.version ? ` ${esc(r.plan.version)}` : ''} · ${n(r.totals.read)} messages · ${invalidShare(r)} · coverage ${r.coverage.seen}/${r.coverage.planned} (${pct(r.coverage.share)})`, '');
  if (r.groups.length > 0) {
    out.push('| | count | message | rule | path | first example |', '|---|---:|---|---|---|---|');
    for (const g of r.groups.slice(0, 50)) {
      const e = g.examples[0];
      out.push(`| ${g.severity === 'error' ? '❌' : '⚠️'} | ${n(g.count)} | ${esc(g.event || g.type)} | ${code(g.code)} | ${code(g.path)} | ${e ? `${esc(e.file)}:${e.line}${e.path !== undefined ? ` ${code(e.path)}` : ''}${e.value ? ` ${esc(e.value)}` : ''}` : ''} |`);
    }
    if (r.groups.length > 50) out.push('', `… and ${r.groups.length - 50} more groups.`);
    out.push('');
  }
  if (r.unplanned.length > 0) out.push(`**Unplanned:** ${r.unplanned.slice(0, 20).map((u) => `${u.folded ? `* (more than ${MAX_DISTINCT} different names)` : esc(JSON.stringify(u.event))} ×${n(u.count)}`).join(', ')}`, '');
  if (r.coverage.missing.length > 0) out.push(`**Never seen:** ${r.coverage.missing.slice(0, 30).map((m) => esc(JSON.stringify(m))).join(', ')}`, '');
  const bad = Object.entries(r.badInput.counts);
  if (bad.length > 0) out.push(`**Bad input:** ${bad.map(([c, k]) => `${n(k ?? 0)} \`${c}\``).join(', ')}`, '');
  return out.join('\n');
}

/** "3 invalid (1.2%)", or with bad input, which the rate counts too, "3 invalid · 2 bad input (0.5% invalid or bad)". */
function invalidShare(r: AuditReport): string {
  const bad = badInputLines(r.badInput);
  if (bad === 0) return `${n(r.totals.invalid)} invalid (${pct(r.totals.rate)})`;
  return `${n(r.totals.invalid)} invalid · ${n(bad)} bad input (${pct(r.totals.rate)} invalid or bad)`;
}
