import type { AuditReport } from '../audit/report-model.js';
import type { TimeCounts, Timeline } from '../audit/timeline.js';
import { auditSummaryLines, badInputText, groupCountText } from '../report/count-words.js';
import { type Bar, barChartSvg } from './charts.js';
import { esc, plural, safeHref } from './html.js';

export interface AuditHtmlOptions {
  /** The messages' own timestamps, bucketed (AuditSummary.timeline). */
  timeline?: Timeline;
  /** Why there is no timeline, when the source keeps none (said in place of the two charts over time). */
  timelineNote?: string;
  /** The `trackplan docs` site of the plan: groups link to their message's page. */
  docsUrl?: string;
  /** Each planned message's page in that site, by `type\0event` (sitePagePaths). */
  docsPages?: ReadonlyMap<string, string>;
}

/** Nothing loads, nothing runs: the report is one file of HTML, CSS and SVG. */
const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const CSS = `:root{color-scheme:light dark;--bg:#fff;--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--soft:#f6f8fa;--bad:#a40e26;--ok:#116329;--accent:#0550ae}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#30363d;--soft:#161b22;--bad:#ff7b72;--ok:#3fb950;--accent:#4493f8}}
body{margin:0 auto;max-width:72rem;padding:1rem 1.5rem 3rem;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,sans-serif}
a{color:var(--accent)}h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid var(--line)}
.verdict{font-size:1.2rem;font-weight:700;padding:.75rem 1rem;border-left:6px solid}.failed{color:var(--bad);border-color:var(--bad)}.passed{color:var(--ok);border-color:var(--ok)}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{text-align:left;vertical-align:top;border-bottom:1px solid var(--line);padding:.3rem .5rem}th{background:var(--soft)}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
code{font:.9em ui-monospace,Menlo,Consolas,monospace;overflow-wrap:anywhere}
dl.totals{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dl.totals dt{color:var(--muted)}dl.totals dd{margin:0}
figure{margin:1rem 0}figure svg{max-width:100%;height:auto}.muted{color:var(--muted)}
@media print{body{max-width:none;padding:0;font-size:10pt}figure,tr{break-inside:avoid}a{color:inherit}}
`;

/**
 * The audit as one self-contained HTML page: the verdict first, the totals, charts (violations
 * by message and by rule, messages and violations over time, coverage), the groups with their
 * examples and plan locations, unplanned messages and bad input. Async only because the charts
 * are drawn by vega; the same report gives the same bytes.
 */
export async function auditHtml(r: AuditReport, o: AuditHtmlOptions = {}): Promise<string> {
  const title = `Audit of ${r.plan.name ?? r.plan.file}${r.plan.version !== undefined ? ` ${r.plan.version}` : ''}`;
  const parts: string[] = [];
  parts.push(`<p class="verdict ${r.verdict.failed ? 'failed' : 'passed'}" role="status">${esc(r.verdict.headline)}</p>`);
  parts.push(`<section aria-labelledby="totals"><h2 id="totals">Totals</h2><dl class="totals">${auditSummaryLines(r).map((l) => `<dt>${esc(l.label)}</dt><dd>${esc(l.text)}</dd>`).join('')}</dl></section>`);
  parts.push(`<section aria-labelledby="charts"><h2 id="charts">Charts</h2>${await charts(r, o.timeline, o.timelineNote)}</section>`);
  parts.push(groupsSection(r, o));
  if (r.unplanned.length > 0) {
    parts.push(`<section aria-labelledby="unplanned"><h2 id="unplanned">Messages not in the plan</h2><table><thead><tr><th scope="col">Type</th><th scope="col">Name</th><th scope="col" class="n">Count</th></tr></thead><tbody>${r.unplanned.map((u) => `<tr><td>${esc(u.type)}</td><td>${u.folded ? '<em>more names than are listed</em>' : `<code>${esc(u.event)}</code>`}</td><td class="n">${u.count}</td></tr>`).join('')}</tbody></table></section>`);
  }
  if (r.totals.badInput > 0) {
    parts.push(`<section aria-labelledby="bad"><h2 id="bad">Bad input</h2><p>${esc(badInputText(r.badInput.counts))}</p><table><thead><tr><th scope="col">Where</th><th scope="col">Code</th><th scope="col">What</th></tr></thead><tbody>${r.badInput.examples.map((e) => `<tr><td><code>${esc(`${e.file}:${e.line}`)}</code></td><td><code>${esc(e.code)}</code></td><td>${esc(e.message)}</td></tr>`).join('')}</tbody></table></section>`);
  }
  parts.push(`<section aria-labelledby="inputs"><h2 id="inputs">Inputs</h2><ul>${r.inputs.map((i) => `<li><code>${esc(i.file)}</code>: ${plural(i.lines, 'line')}, ${plural(i.bytes, 'byte')}</li>`).join('')}</ul>${r.uncheckedPatterns.length > 0 ? `<p>Patterns not checked (not provably linear): ${r.uncheckedPatterns.map((p) => `<code>${esc(p)}</code>`).join(', ')}</p>` : ''}</section>`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${esc(REPORT_CSP)}">
<meta name="referrer" content="no-referrer">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header><h1>${esc(title)}</h1><p class="muted">Plan <code>${esc(r.plan.file)}</code>; written by <code>trackplan audit --format html</code>.</p></header>
<main>
${parts.join('\n')}
</main>
</body>
</html>
`;
}

/** A message as charts and tables name it. */
function messageName(type: string, event: string): string {
  if (type === 'identify' || type === 'group' || type === 'alias') return `${type}`;
  if (event === '*') return `${type === 'track' ? 'events' : `${type}s`} not listed by name`;
  return type === 'track' ? event : `${type} ${event}`;
}

async function charts(r: AuditReport, timeline: Timeline | undefined, timelineNote: string | undefined): Promise<string> {
  const out: string[] = [];
  const figure = async (id: string, caption: string, bars: Bar[], svgOf: () => Promise<string>, empty: string) =>
    out.push(`<figure id="${id}" aria-labelledby="${id}-caption"><figcaption id="${id}-caption"><strong>${esc(caption)}</strong></figcaption>${bars.length === 0 ? `<p class="muted">${esc(empty)}</p>` : `${await svgOf()}${dataTable(bars)}`}</figure>`);

  const byMessage = r.messages.filter((m) => m.violations > 0).slice(0, 25).map((m) => ({ label: messageName(m.type, m.event), value: m.violations }));
  await figure('chart-messages', 'Violations by message (the 25 with most)', byMessage, () => barChartSvg({ title: '', bars: byMessage, orient: 'horizontal', valueTitle: 'violations', labelTitle: 'message' }), 'No violations.');

  const codes = new Map<string, number>();
  for (const g of r.groups) codes.set(g.code, (codes.get(g.code) ?? 0) + g.count);
  const byRule = [...codes].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([label, value]) => ({ label, value }));
  await figure('chart-rules', 'Violations by rule', byRule, () => barChartSvg({ title: '', bars: byRule, orient: 'horizontal', valueTitle: 'violations', labelTitle: 'rule' }), 'No violations.');

  const buckets = timeline ? timeBuckets(timeline) : { unit: 'hour', rows: [] as [string, TimeCounts][] };
  const unitWord = buckets.unit === 'hour' ? 'hour (UTC)' : buckets.unit;
  const messagesOverTime = buckets.rows.flatMap(([label, c]) => [
    { label, value: c[0] - c[1], series: 'valid' },
    { label, value: c[1], series: 'invalid' },
  ]);
  const untimed = timeline && timeline.untimed[0] > 0 ? ` Left out: ${plural(timeline.untimed[0], 'message')} without a valid timestamp.` : '';
  await figure('chart-time', `Messages by ${unitWord} of their timestamp, valid and invalid.${untimed}`, messagesOverTime, () =>
    barChartSvg({ title: '', bars: messagesOverTime, orient: 'vertical', valueTitle: 'messages', labelTitle: unitWord, series: [{ name: 'valid', color: '#4c78a8' }, { name: 'invalid', color: '#e45756' }] }), timelineNote ?? 'No message had a timestamp.');
  const violationsOverTime = buckets.rows.map(([label, c]) => ({ label, value: c[2] }));
  await figure('chart-time-violations', `Violations by ${unitWord} of their message's timestamp`, violationsOverTime.some((b) => b.value > 0) ? violationsOverTime : [], () =>
    barChartSvg({ title: '', bars: violationsOverTime, orient: 'vertical', valueTitle: 'violations', labelTitle: unitWord }), timelineNote ?? 'No violations in messages with a timestamp.');

  const c = r.coverage;
  const coverage = c.planned === 0 ? [] : [{ label: 'planned events', value: c.seen, series: 'seen' }, { label: 'planned events', value: c.planned - c.seen, series: 'never seen' }];
  await figure('chart-coverage', `Coverage: ${c.seen} of ${c.planned} planned events seen${c.deprecated > 0 ? ` (${c.deprecated} deprecated left out)` : ''}`, coverage, () =>
    barChartSvg({ title: '', bars: coverage, orient: 'horizontal', valueTitle: 'events', labelTitle: '', series: [{ name: 'seen', color: '#54a24b' }, { name: 'never seen', color: '#bab0ac' }] }), 'The plan has no events.');
  if (c.missing.length > 0) out.push(`<details><summary>${plural(c.missing.length, 'planned event')} never seen</summary><ul>${c.missing.map((m) => `<li>${esc(m)}</li>`).join('')}</ul></details>`);
  return out.join('\n');
}

/** The numbers behind a chart, for screen readers and for copying. */
function dataTable(bars: readonly Bar[]): string {
  const series = [...new Set(bars.map((b) => b.series ?? ''))];
  const rows = new Map<string, Map<string, number>>();
  for (const b of bars) {
    const row = rows.get(b.label) ?? new Map<string, number>();
    row.set(b.series ?? '', b.value);
    rows.set(b.label, row);
  }
  const head = series.map((x) => `<th scope="col" class="n">${esc(x || 'count')}</th>`).join('');
  const body = [...rows].map(([label, row]) => `<tr><th scope="row">${esc(label)}</th>${series.map((x) => `<td class="n">${row.get(x) ?? 0}</td>`).join('')}</tr>`).join('');
  return `<details><summary>The numbers</summary><table><thead><tr><th scope="col"></th>${head}</tr></thead><tbody>${body}</tbody></table></details>`;
}

/**
 * Buckets as the chart shows them, gaps filled with zeros: hours when the input spans up to
 * three days (Protocols' 24-hour view), days up to about a year (its 7- and 30-day views),
 * then months; years when the summary had to keep years.
 */
export function timeBuckets(t: Timeline): { unit: string; rows: [string, TimeCounts][] } {
  const keys = Object.keys(t.buckets).sort();
  if (keys.length === 0) return { unit: t.unit, rows: [] };
  if (t.unit === 'year') return { unit: 'year', rows: keys.map((k) => [k, t.buckets[k]!]) };
  const ms = (k: string) => Date.parse(k.length === 13 ? `${k}:00:00Z` : `${k}T00:00:00Z`);
  const first = ms(keys[0]!);
  const last = ms(keys[keys.length - 1]!);
  const HOUR = 3600_000;
  const DAY = 24 * HOUR;
  const unit = t.unit === 'hour' && last - first <= 72 * HOUR ? 'hour' : last - first <= 400 * DAY ? 'day' : 'month';
  const keyOf = (k: string) => (unit === 'hour' ? k : unit === 'day' ? k.slice(0, 10) : k.slice(0, 7));
  const sums = new Map<string, TimeCounts>();
  for (const k of keys) {
    const c = sums.get(keyOf(k)) ?? [0, 0, 0];
    const v = t.buckets[k]!;
    sums.set(keyOf(k), [c[0] + v[0], c[1] + v[1], c[2] + v[2]]);
  }
  if (unit === 'month') return { unit, rows: [...sums].sort(([a], [b]) => a.localeCompare(b)) };
  const rows: [string, TimeCounts][] = [];
  const step = unit === 'hour' ? HOUR : DAY;
  for (let at = first - (first % step); at <= last; at += step) {
    const k = keyOf(new Date(at).toISOString().slice(0, 13));
    rows.push([unit === 'hour' ? `${k.slice(0, 10)} ${k.slice(11)}:00` : k, sums.get(k) ?? [0, 0, 0]]);
  }
  return { unit, rows };
}

function groupsSection(r: AuditReport, o: AuditHtmlOptions): string {
  if (r.groups.length === 0) return `<section aria-labelledby="groups"><h2 id="groups">Violations</h2><p>None.</p></section>`;
  const base = o.docsUrl !== undefined ? safeHref(o.docsUrl.replace(/\/+$/, '')) : undefined;
  const rows = r.groups.map((g) => {
    const page = base !== undefined ? o.docsPages?.get(`${g.type}\u0000${g.event}`) : undefined;
    const name = esc(messageName(g.type, g.event));
    const message = page !== undefined ? `<a href="${esc(`${base}/${page}`)}">${name}</a>` : name;
    const examples = g.examples.map((e) => `<li><code>${esc(`${e.file}:${e.line}`)}</code>${e.path !== undefined ? ` at <code>${esc(e.path)}</code>` : ''}${e.value !== undefined ? `: <code>${esc(e.value)}</code>` : ''}</li>`).join('');
    const plan = g.plan ? `<code>${esc(`${g.plan.file}${g.plan.range ? `:${g.plan.range.start.line}:${g.plan.range.start.col}` : ''}`)}</code>` : '';
    return `<tr><td>${message}</td><td><code>${esc(g.code)}</code> <span class="muted">${g.severity}</span></td><td><code>${esc(g.path)}</code></td><td>${esc(g.message)}</td><td class="n">${g.count}</td><td><ul>${examples}</ul></td><td>${plan}</td></tr>`;
  });
  return `<section aria-labelledby="groups"><h2 id="groups">Violations</h2><p>${esc(plural(r.groups.length, 'group'))}, most frequent first; ${esc(groupCountText(r.totals.violations))} in all.</p><table><thead><tr><th scope="col">Message</th><th scope="col">Rule</th><th scope="col">Path</th><th scope="col">What</th><th scope="col" class="n">Count</th><th scope="col">Examples</th><th scope="col">Plan</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}
