import { auditInputs } from '../../src/audit/audit.js';
import { summaryFromRows } from '../../src/audit/from-rows.js';
import type { PlanIndex } from '../../src/audit/plan-index.js';
import { buildReport } from '../../src/audit/report-model.js';
import { flagEmptyInputs } from '../../src/audit/summary.js';
import type { Plan } from '../../src/model/plan.js';
import { auditReporters } from '../../src/report/audit-reporters.js';
import { sqlRows } from './duckdb-rows.js';

/**
 * The JSON report of the JavaScript engine and of DuckDB running the compiled query, over the
 * same NDJSON inputs: `trackplan audit --format json` and `trackplan report --format json`.
 * A last line without its `\n` is counted as one more byte by the SQL rows (docs/sql.md), so
 * inputs are compared with the byte counts of the JavaScript engine's reading.
 */
export async function bothReports(plan: Plan, index: PlanIndex, inputs: readonly { name: string; text: string }[]): Promise<{ js: string; sql: string; notChecked: string[]; timelines: { js: unknown; sql: unknown } }> {
  const sorted = [...inputs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const jsSummary = await auditInputs(index, sorted.map((i) => ({ name: i.name, open: () => one(Buffer.from(i.text)) })));
  flagEmptyInputs(jsSummary);
  const { rows, notChecked } = await sqlRows(plan, sorted);
  const sqlSummary = summaryFromRows(index, rows);
  flagEmptyInputs(sqlSummary);
  for (const input of sqlSummary.inputs) {
    const text = sorted.find((i) => i.name === input.file)?.text ?? '';
    if (text !== '' && !text.endsWith('\n')) input.bytes -= 1;
  }
  return { js: auditReporters.json(buildReport(jsSummary, plan, {})), sql: auditReporters.json(buildReport(sqlSummary, plan, {})), notChecked, timelines: { js: jsSummary.timeline, sql: sqlSummary.timeline } };
}

async function* one(b: Buffer): AsyncIterable<Buffer> {
  yield b;
}
