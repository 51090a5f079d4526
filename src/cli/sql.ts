import { loadPlan } from '../load/load-plan.js';
import { formatDiagnostics, summarize } from '../report/diagnostics-text.js';
import { compileSql } from '../sql/compile-sql.js';
import { DIALECTS, isDialectName } from '../sql/dialects/index.js';
import { EXIT, InputError, UsageError } from './errors.js';
import { paintFor } from './terminal.js';

export interface SqlCliOptions {
  dialect?: string;
  from?: string;
}

/** `trackplan sql <plan> --dialect … --from …`: print the plan compiled to one SQL query. */
export async function runSql(planFile: string, opts: SqlCliOptions): Promise<number> {
  const names = Object.keys(DIALECTS).join(', ');
  if (opts.dialect === undefined) throw new UsageError(`--dialect is required: one of ${names}.`);
  if (!isDialectName(opts.dialect)) throw new UsageError(`Unknown dialect "${opts.dialect}". Use ${names}.`);
  const from = opts.from?.trim();
  if (!from) throw new UsageError('--from is required: the table, view or file expression with columns file, line, message (docs/sql.md).');
  // Pasted as it is (a table name, `read_json('x.ndjson', …)`, a subquery in parentheses): one
  // relation, which a `;` would end early.
  if (from.includes(';')) throw new UsageError('--from must be one relation (a table, view, file expression or a subquery in parentheses), without ";".');
  const loaded = await loadPlan(planFile);
  if (!loaded.plan) {
    process.stderr.write(formatDiagnostics(loaded.diagnostics, { paint: paintFor(process.stderr) }));
    throw new InputError(`${planFile} has ${summarize(loaded.diagnostics)}; fix them (see \`trackplan check ${planFile}\`) first.`);
  }
  const { sql } = compileSql(loaded.plan, DIALECTS[opts.dialect], from);
  process.stdout.write(sql);
  return EXIT.ok;
}
