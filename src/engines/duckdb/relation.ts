import type { DuckDBConnection } from '@duckdb/node-api';
import { duckdb } from '../../sql/dialects/duckdb.js';
import { UnreadableInput } from '../inputs.js';
import type { StagedInput } from './stage.js';

/** The longest line DuckDB is asked to read: the audit's 16 MB (inputs with longer lines go to the audit's reader) and some room. */
const MAX_LINE_SIZE = 16 * 1024 * 1024 + 65536;
/** Its read buffer: twice that (by default DuckDB takes 16 times max_line_size, 272 MB a file, past a small memory_limit). */
const BUFFER_SIZE = 2 * MAX_LINE_SIZE;

/**
 * The key of the input at `i` in the relation's `file` column: the inputs' order on the command
 * line, as text that sorts the same way (the query orders rows by `file`). Names never enter the
 * SQL: the rows are given their input's name when read back.
 */
export function fileKey(i: number): string {
  return `f${String(i).padStart(6, '0')}`;
}

/** The table the inputs are loaded into, in command-line order: `n` numbers its rows across all inputs, from 1. */
export const LINES_TABLE = 'trackplan_lines';

/**
 * Load the inputs DuckDB reads itself into LINES_TABLE (`n`, and the relation of docs/sql.md:
 * `file`, `line`, `message`): NDJSON through its CSV reader, told that a row is one whole line
 * (no delimiter, quote or escape it could meet: the inputs were checked for NUL and CR),
 * numbered in the order read; Parquet through its Parquet reader. The table is DuckDB's, so
 * past `memory_limit` it spills to disk. Returns the number of rows.
 */
export async function loadLines(c: DuckDBConnection, staged: readonly StagedInput[]): Promise<number> {
  await c.run(`CREATE TABLE ${LINES_TABLE} (n BIGINT, file VARCHAR, line BIGINT, message VARCHAR)`);
  let total = 0;
  for (const [i, s] of staged.entries()) {
    const file = duckdb.string(fileKey(i));
    let part: string;
    if (s.kind === 'empty') part = `SELECT ${file} AS file, CAST(NULL AS BIGINT) AS line, CAST(NULL AS VARCHAR) AS message`;
    else if (s.kind === 'lines') {
      // An empty line reads as NULL: it is a blank line of the input ('').
      part = `SELECT ${file} AS file, CAST(row_number() OVER () AS BIGINT) AS line, coalesce(column0, '') AS message FROM read_csv(${duckdb.string(s.path)}, header = false, columns = {'column0': 'VARCHAR'}, delim = '\\0', quote = '', escape = '', auto_detect = false, new_line = '\\n', max_line_size = ${MAX_LINE_SIZE}, buffer_size = ${BUFFER_SIZE})`;
    } else if (s.kind === 'parquet') part = await parquetPart(c, s, file);
    else continue;
    await c.run(`INSERT INTO ${LINES_TABLE} SELECT ${total} + coalesce(line, 1), file, line, message FROM (${part}) AS p`);
    const r = await c.runAndReadAll(`SELECT coalesce(max(n), ${total}) FROM ${LINES_TABLE}`);
    total = Number(r.getRowsJson()[0]![0]);
  }
  return total;
}

/** The table the compiled query reads (docs/sql.md's relation): one slice of LINES_TABLE at a time. */
export const SLICE_TABLE = 'trackplan_slice';

/**
 * Make SLICE_TABLE the rows of LINES_TABLE from `lo`, `span` of them. A table of its own, with
 * the bounds as constants, rather than a filter in the query: the query reads its relation more
 * than once, and each read of a filtered view scanned the whole of LINES_TABLE again.
 */
export async function loadSlice(c: DuckDBConnection, lo: number, span: number): Promise<void> {
  await c.run(`CREATE OR REPLACE TABLE ${SLICE_TABLE} AS SELECT file, line, message FROM ${LINES_TABLE} WHERE n >= ${lo} AND n < ${lo + span} ORDER BY n`);
}

/**
 * The slices of LINES_TABLE, as [first number `n`, how many numbers]: runs of consecutive lines of at most
 * `maxLines` lines and about `maxBytes` of text (one line more than the bytes allow at most).
 * The query's memory grows with both the messages it checks at once and their size: a count of
 * lines alone would let large messages take many times what small ones do.
 */
export async function slicesOf(c: DuckDBConnection, maxLines: number, maxBytes: number): Promise<[number, number][]> {
  const r = await c.runAndReadAll(
    `SELECT min(n), max(n) - min(n) + 1 FROM (SELECT n, floor((n - 1) / ${maxLines}) AS by_lines, floor((sum(coalesce(strlen(message), 0) + 1) OVER (ORDER BY n ROWS UNBOUNDED PRECEDING) - 1) / ${maxBytes}) AS by_bytes FROM ${LINES_TABLE}) AS l GROUP BY by_lines, by_bytes ORDER BY 1`,
  );
  return r.getRowsJson().map(([lo, count]) => [Number(lo), Number(count)]);
}

/**
 * A Parquet file: one message a row, its JSON text in a column `message` (VARCHAR or JSON; a
 * STRUCT or MAP column is turned into JSON); a row's line is its number in the file, from 1.
 * An empty file (no rows) is reported as an empty input, as an empty NDJSON file is.
 */
async function parquetPart(c: DuckDBConnection, s: Extract<StagedInput, { kind: 'parquet' }>, file: string): Promise<string> {
  const src = `read_parquet(${duckdb.string(s.path)}, file_row_number = true)`;
  let columns: { name: string; type: string }[];
  let rows: number;
  try {
    const d = await c.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${duckdb.string(s.path)})`);
    columns = d.getRowObjectsJson().map((r) => ({ name: String(r['column_name']), type: String(r['column_type']) }));
    const n = await c.runAndReadAll(`SELECT coalesce(sum(num_rows), 0) AS n FROM parquet_file_metadata(${duckdb.string(s.path)})`);
    rows = Number(n.getRowsJson()[0]?.[0] ?? 0);
  } catch (e) {
    throw new UnreadableInput(`Cannot read ${s.name}: it starts as Parquet does, but DuckDB cannot read it as Parquet (${firstLine(e).split(s.path).join(s.name)}).`);
  }
  const message = columns.find((col) => col.name === 'message');
  if (!message) throw new UnreadableInput(`Cannot read ${s.name}: a Parquet input needs a column \`message\` holding each message's JSON text; it has ${columns.map((col) => `\`${col.name}\``).join(', ') || 'no columns'} (docs/sql.md, "Parquet inputs").`);
  if (rows === 0) return `SELECT ${file} AS file, CAST(NULL AS BIGINT) AS line, CAST(NULL AS VARCHAR) AS message`;
  const text = message.type === 'VARCHAR' || message.type === 'JSON' ? 'CAST("message" AS VARCHAR)' : 'CAST(to_json("message") AS VARCHAR)';
  // A NULL message is a row with nothing in it: a blank line, as an empty NDJSON line.
  return `SELECT ${file} AS file, CAST(file_row_number + 1 AS BIGINT) AS line, coalesce(${text}, '') AS message FROM ${src}`;
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!.replace(/\.$/, '');
}
