import type { AuditReport } from '../audit/report-model.js';
import { exampleText } from './audit-text.js';
import { auditSummaryLines, badInputText, groupCountText, pct } from './count-words.js';
import { ghData, ghProp, xml } from './escape.js';

/** JSON: the report model itself, a documented and versioned shape (docs/audit-report.md). */
export function auditJson(r: AuditReport): string {
  return JSON.stringify(r, null, 2) + '\n';
}

/** JUnit XML: one test case per planned (or seen) message, a failure per violation group. */
export function auditJunit(r: AuditReport): string {
  const cases: string[] = [];
  let failures = 0;
  const byMessage = new Map<string, typeof r.groups>();
  for (const g of r.groups) byMessage.set(`${g.type}\u0000${g.event}`, [...(byMessage.get(`${g.type}\u0000${g.event}`) ?? []), g]);
  const names = new Map<string, { type: string; event: string }>();
  for (const m of r.messages) names.set(`${m.type}\u0000${m.event}`, m);
  for (const missing of r.coverage.missing) names.set(`track\u0000${missing}`, { type: 'track', event: missing });
  for (const [key, m] of [...names].sort(([a], [b]) => a.localeCompare(b))) {
    const groups = (byMessage.get(key) ?? []).filter((g) => g.severity === 'error');
    const name = m.event || m.type;
    const body = groups
      .map((g) => {
        const ex = g.examples.map((e) => exampleText(e)).join('\n');
        // A group counts findings, not messages: one message can break a rule at several places.
        return `      <failure type="${xml(g.code)}" message="${xml(`${g.path}: ${g.message} (${groupCountText(g.count)})`)}">${xml(`${g.code} at ${g.path}: ${g.message}\n${groupCountText(g.count)}, e.g.\n${ex}${g.plan ? `\nplan: ${g.plan.file}${g.plan.range ? `:${g.plan.range.start.line}` : ''}` : ''}`)}</failure>`;
      })
      .join('\n');
    const skipped = r.coverage.missing.includes(m.event) && m.type === 'track' ? '      <skipped message="never seen in the input"/>' : '';
    failures += groups.length > 0 ? 1 : 0;
    cases.push(`    <testcase classname="${xml(`trackplan.${m.type}`)}" name="${xml(name)}">${body || skipped ? `\n${body}${skipped}\n    ` : ''}</testcase>`);
  }
  if (r.totals.badInput > 0) {
    failures++;
    const text = r.badInput.examples.map((e) => `${e.file}:${e.line} ${e.code}: ${e.message}`).join('\n');
    cases.push(`    <testcase classname="trackplan.input" name="input"><failure type="bad-input" message="${xml(`Bad input: ${badInputText(r.badInput.counts)}`)}">${xml(text)}</failure></testcase>`);
  }
  // The summary as properties (named like `invalid-rate`), in the words of every other format (count-words.ts).
  const summary = auditSummaryLines(r).map((l) => `<property name="${xml(l.label.toLowerCase().replace(/ /g, '-'))}" value="${xml(l.text)}"/>`).join('');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="trackplan audit" tests="${cases.length}" failures="${failures}">`,
    `  <testsuite name="${xml(`trackplan audit ${r.plan.file}`)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${r.coverage.missing.length}">`,
    `    <properties><property name="verdict" value="${xml(r.verdict.headline)}"/><property name="invalid-rate" value="${pct(r.totals.rate)}"/>${summary}</properties>`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

/** GitHub Actions annotations, each on the plan's YAML line the violations break. */
export function auditGithub(r: AuditReport): string {
  // The verdict first, as in every format.
  const out: string[] = [`::${r.verdict.failed ? 'error' : 'notice'} title=trackplan audit::${ghData(r.verdict.headline)}`];
  // Then the summary, in the words of every other format (count-words.ts), as one notice of
  // sentences (a summary's text may hold `;`, never `. `).
  out.push(`::notice title=trackplan audit summary::${ghData(auditSummaryLines(r).map((l) => `${l.label}: ${l.text}.`).join(' '))}`);
  for (const g of r.groups) {
    const level = g.severity === 'error' ? 'error' : 'warning';
    const where = g.plan ? `file=${ghProp(g.plan.file)}${g.plan.range ? `,line=${g.plan.range.start.line},col=${g.plan.range.start.col}` : ''},` : '';
    const e = g.examples[0];
    const text = `${g.event || g.type} ${g.path}: ${g.message} — ${groupCountText(g.count)}${e ? `, e.g. ${e.file}:${e.line}${e.value !== undefined ? ` ${e.value}` : ''}` : ''}`;
    out.push(`::${level} ${where}title=${ghProp(`trackplan ${g.code}`)}::${ghData(text)}`);
  }
  for (const e of r.badInput.examples) out.push(`::warning file=${ghProp(e.file)},line=${e.line},title=${ghProp(`trackplan ${e.code}`)}::${ghData(e.message)}`);
  return out.join('\n') + '\n';
}
