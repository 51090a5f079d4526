import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Plan } from '../../src/model/plan.js';
import { compileSql } from '../../src/sql/compile-sql.js';
import { duckdb } from '../../src/sql/dialects/duckdb.js';
import type { AuditRow } from '../../src/sql/rows.js';
import { parseRows } from '../../src/sql/rows-file.js';

let connection: Promise<DuckDBConnection> | undefined;
let tables = 0;

/** One in-process DuckDB for the tests of a file (real DuckDB, @duckdb/node-api). */
export function duck(): Promise<DuckDBConnection> {
  connection ??= DuckDBInstance.create(':memory:', { threads: '2' }).then((db) => db.connect());
  return connection;
}

/**
 * The contract relation of docs/sql.md for some inputs: a row per line (its text without the
 * `\n`), file and 1-based line; an input with no lines gives one row with NULL line and message.
 */
export async function loadInputs(inputs: readonly { name: string; text: string }[]): Promise<string> {
  const c = await duck();
  const table = `input_${tables++}`;
  await c.run(`CREATE TABLE ${table} (file VARCHAR, line BIGINT, message VARCHAR)`);
  const app = await c.createAppender(table);
  for (const { name, text } of inputs) {
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    if (lines.length === 0) {
      app.appendVarchar(name);
      app.appendNull();
      app.appendNull();
      app.endRow();
    }
    lines.forEach((l, i) => {
      app.appendVarchar(name);
      app.appendBigInt(BigInt(i + 1));
      app.appendVarchar(l);
      app.endRow();
    });
  }
  app.closeSync();
  return table;
}

/** Rows as an engine exports them: JSON lines, one per row, NULLs as null. */
export async function runQuery(sql: string): Promise<string> {
  const c = await duck();
  const r = await c.runAndReadAll(sql);
  const cols = r.columnNames();
  return r
    .getRowObjectsJson()
    .map((row) => JSON.stringify(Object.fromEntries(cols.map((k) => [k, row[k] ?? null]))))
    .join('\n');
}

/** The plan's DuckDB query over these inputs, its rows read back as `trackplan report` reads them. */
export async function sqlRows(plan: Plan, inputs: readonly { name: string; text: string }[]): Promise<{ rows: AuditRow[]; text: string; notChecked: string[] }> {
  const table = await loadInputs(inputs);
  const { sql, notChecked } = compileSql(plan, duckdb, table);
  const text = await runQuery(sql);
  await (await duck()).run(`DROP TABLE ${table}`);
  return { rows: parseRows(text, 'rows.ndjson'), text, notChecked };
}
