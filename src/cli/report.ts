import { summaryFromRows } from '../audit/from-rows.js';
import { indexPlan } from '../audit/plan-spec.js';
import { loadPlan } from '../load/load-plan.js';
import { formatDiagnostics, summarize } from '../report/diagnostics-text.js';
import type { AuditRow } from '../sql/rows.js';
import { listRowsInputs } from '../rows-input/list-rows-inputs.js';
import { readRows } from '../rows-input/read-rows.js';
import { RowsError } from '../sql/rows-file.js';
import { type AuditCliOptions, checkDocsUrl, checkOutputs, parseLimits, parseOutputs, printAuditReport } from './audit.js';
import { InputError, UsageError } from './errors.js';
import { paintFor } from './terminal.js';

export type ReportCliOptions = Omit<AuditCliOptions, 'workers'>;

/** `trackplan report <plan> <rows...>`: the audit report of the rows `trackplan sql`'s query returned. */
export async function runReport(planFile: string, files: string[], opts: ReportCliOptions): Promise<number> {
  const limits = parseLimits(opts);
  const outputs = parseOutputs(opts);
  checkDocsUrl(opts);
  if (files.filter((f) => f === '-').length > 1) throw new UsageError('Standard input (-) can be read once.');
  const inputs = await rowsInputs(files);
  await checkOutputs(outputs, [...inputs.map((i) => (i.path === '-' ? { file: '/dev/stdin', what: 'the file standard input reads' } : { file: i.path, what: 'a rows file of this report' })), { file: planFile, what: 'the plan' }]);
  const rows: AuditRow[] = [];
  try {
    await readRows(inputs, (r) => rows.push(r));
  } catch (e) {
    if (e instanceof RowsError) throw new InputError(e.message);
    throw e;
  }
  // The query returns a row per input read; none at all is a failed export or an empty
  // relation, and a CI run must not pass on nothing (audit's empty-input, one level up).
  if (!rows.some((r) => r.kind === 'input')) throw new InputError(`${files.join(', ')}: no input rows; the query returns one for every file it read. Check the export (and that --from named the right relation).`);
  const loaded = await loadPlan(planFile);
  if (!loaded.plan) {
    process.stderr.write(formatDiagnostics(loaded.diagnostics, { paint: paintFor(process.stderr) }));
    throw new InputError(`${planFile} has ${summarize(loaded.diagnostics)}; fix them (see \`trackplan check ${planFile}\`) first.`);
  }
  await checkOutputs(outputs, [...loaded.sources.keys()].map((file) => ({ file, what: 'a file of the plan' })));
  const index = await indexPlan(loaded.plan);
  const summary = summaryFromRows(index, rows);
  return printAuditReport(summary, { plan: loaded.plan, locate: loaded.locate }, { limits, outputs, ...(opts.docsUrl !== undefined ? { docsUrl: opts.docsUrl } : {}) });
}

/** The rows files behind the arguments (a folder stands for its part files). */
async function rowsInputs(files: string[]) {
  try {
    return await listRowsInputs(files);
  } catch (e) {
    if (e instanceof RowsError) throw new InputError(e.message);
    throw e;
  }
}
