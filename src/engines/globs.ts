import { existsSync } from 'node:fs';
import { UnreadableInput } from './inputs.js';

/** Characters that make an input a pattern (DuckDB's glob syntax: `*`, `**`, `?`, `[…]`). */
const GLOB = /[*?[]/;

/**
 * Inputs given as patterns the shell did not expand (quoted, `'lake/*.parquet'`, or a
 * shell that expands nothing), expanded by DuckDB's `glob()`, in name order. A name that exists
 * as written is an input, whatever its characters; a pattern that matches nothing is an error
 * (exit 2), as a missing file is. DuckDB is loaded only when there is a pattern.
 */
export async function expandGlobs(files: readonly string[]): Promise<string[]> {
  if (!files.some((f) => f !== '-' && GLOB.test(f) && !existsSync(f))) return [...files];
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:', { threads: '1' });
  const c = await db.connect();
  try {
    const out: string[] = [];
    for (const f of files) {
      if (f === '-' || !GLOB.test(f) || existsSync(f)) {
        out.push(f);
        continue;
      }
      const r = await c.runAndReadAll('SELECT file FROM glob($1) ORDER BY file', [f]);
      // DuckDB writes a relative pattern's matches as `./name`: named here as the pattern names them.
      const found = r.getRowsJson().map((row) => String(row[0])).map((m) => (m.startsWith('./') && !f.startsWith('./') ? m.slice(2) : m));
      if (found.length === 0) throw new UnreadableInput(`Cannot read ${f}: no file matches this pattern.`);
      out.push(...found);
    }
    return out;
  } finally {
    c.closeSync();
    db.closeSync();
  }
}
