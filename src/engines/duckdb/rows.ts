import type { DuckDBConnection } from '@duckdb/node-api';
import { type AuditRow, ROW_COLUMNS } from '../../sql/rows.js';

/**
 * Run the compiled query and hand its rows over one at a time, as `AuditRow`s (NULL columns
 * left out, as `trackplan report` reads them), chunk by chunk: the result is never held whole.
 */
export async function readRows(c: DuckDBConnection, sql: string, onRow: (row: AuditRow) => void): Promise<void> {
  const result = await c.stream(sql);
  const names = result.columnNames();
  const at = ROW_COLUMNS.map((col) => names.indexOf(col));
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
    for (const values of chunk.getRows()) {
      const row: Record<string, unknown> = {};
      for (const [k, col] of ROW_COLUMNS.entries()) {
        const v = at[k]! < 0 ? null : values[at[k]!];
        if (v === null || v === undefined) continue;
        row[col] = typeof v === 'bigint' ? Number(v) : v;
      }
      row['file'] ??= '-';
      row['line'] ??= 0;
      onRow(row as unknown as AuditRow);
    }
  }
}
