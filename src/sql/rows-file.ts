import { AUDIT_CODES } from '../audit/summary.js';
import { CsvError, CsvReader, type CsvRecord } from './rows-csv.js';
import { type AuditRow, ROW_COLUMNS, ROW_KINDS, type RowColumn } from './rows.js';

/** A rows file that cannot be read as the query's rows: `file:line: what`, for exit code 2. */
export class RowsError extends Error {
  override name = 'RowsError';
}

const NUMBERS: ReadonlySet<string> = new Set(['line', 'item', 'lines', 'blank', 'bytes']);
const CODES: ReadonlySet<string> = new Set(AUDIT_CODES);
const KINDS: ReadonlySet<string> = new Set(ROW_KINDS);

/**
 * A JSON array is parsed whole (JSON.parse takes one string); past this many characters it is
 * refused, and JSON lines, read a row at a time, are asked for instead.
 */
export const MAX_ARRAY_TEXT = 128 * 1024 * 1024;
/** The longest JSON line held (a row holds at most a 16 MB line of input, escaped). */
export const MAX_JSON_LINE = 256 * 1024 * 1024;

/** Columns whose values repeat from row to row, and how many distinct values are shared (see RowsParser.#shared). */
const REPEATED: ReadonlySet<string> = new Set(['kind', 'file', 'type', 'event', 'valid', 'code', 'severity', 'path', 'detail']);
const MAX_SHARED = 100_000;

/** The rows of one whole text (see RowsParser). */
export function parseRows(text: string, name: string): AuditRow[] {
  const out: AuditRow[] = [];
  const parser = new RowsParser(name, (r) => out.push(r));
  parser.push(text);
  parser.end();
  return out;
}

/**
 * The rows of one file as the engines export them: JSON lines (DuckDB `COPY … (FORMAT json)`,
 * Spark `df.write.json`, which leaves out NULL columns; Trino's JSON output), a JSON array, or
 * CSV with a header (DuckDB `COPY … (HEADER)`, Spark, Trino `--output-format CSV_HEADER`),
 * where an empty unquoted field is NULL. Every row is checked against the row schema. The text
 * comes in pieces, split anywhere; JSON lines and CSV are read a line or record at a time (a
 * file may be larger than the longest string V8 holds), and each row is handed over once read.
 */
export class RowsParser {
  /** Text before the first character with content, which decides the format. */
  #head = '';
  #started = false;
  #format: 'array' | 'lines' | 'csv' | undefined;
  #array: string[] = [];
  #arrayLength = 0;
  /** JSON lines: the unfinished line, and the number of the line it is. */
  #pending: string[] = [];
  #pendingLength = 0;
  #line = 1;
  #csv: CsvReader | undefined;
  #header: string[] | undefined;
  #strings = new Map<string, string>();
  /** Rows handed over so far. */
  rows = 0;

  constructor(
    readonly name: string,
    private readonly onRow: (row: AuditRow) => void,
    private readonly limits: { maxArrayText?: number } = {},
  ) {}

  push(text: string): void {
    if (!this.#started) {
      this.#started = text.length > 0;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (this.#format === undefined) {
      const at = text.search(/\S/);
      if (at === -1) {
        this.#head += text;
        return;
      }
      const first = text[at];
      this.#format = first === '[' ? 'array' : first === '{' ? 'lines' : 'csv';
      if (this.#format === 'csv') this.#csv = new CsvReader((r) => this.#record(r));
      text = this.#head + text;
      this.#head = '';
    }
    if (this.#format === 'array') this.#arrayText(text);
    else if (this.#format === 'lines') this.#lines(text);
    else this.#csvText(text);
  }

  /** The text has ended: the last line or record is read, or the JSON array parsed. */
  end(): void {
    if (this.#format === 'lines') {
      this.#jsonLine(this.#pending.join(''));
      this.#pending = [];
    } else if (this.#format === 'csv') this.#csvText(undefined);
    else if (this.#format === 'array') this.#parseArray();
  }

  #emit(row: AuditRow): void {
    this.rows++;
    this.onRow(row);
  }

  #arrayText(text: string): void {
    this.#arrayLength += text.length;
    const max = this.limits.maxArrayText ?? MAX_ARRAY_TEXT;
    if (this.#arrayLength > max) throw new RowsError(`${this.name}:1: a JSON array of rows longer than ${max >= 1024 * 1024 ? `${max / 1024 / 1024} M` : `${max} `}characters, which is read whole; export the query's rows as JSON lines (one row per line) or CSV, which are read a row at a time.`);
    this.#array.push(text);
  }

  #parseArray(): void {
    const body = this.#array.join('');
    this.#array = [];
    let list: unknown;
    try {
      list = JSON.parse(body);
    } catch (e) {
      throw new RowsError(`${this.name}:1: not a JSON array of rows (${(e as Error).message}); export the query's rows as JSON lines or CSV.`);
    }
    if (!Array.isArray(list)) throw new RowsError(`${this.name}:1: not a JSON array of rows.`);
    list.forEach((r, i) => this.#emit(checkRow(r, `${this.name}:1 (row ${i + 1})`)));
  }

  #lines(text: string): void {
    let from = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', from)) {
      let line = text.slice(from, nl);
      if (this.#pending.length > 0) {
        this.#pending.push(line);
        line = this.#pending.join('');
        this.#pending = [];
        this.#pendingLength = 0;
      }
      this.#jsonLine(line);
      from = nl + 1;
    }
    if (from < text.length) {
      this.#pendingLength += text.length - from;
      if (this.#pendingLength > MAX_JSON_LINE) throw new RowsError(`${this.name}:${this.#line}: a line longer than ${MAX_JSON_LINE / 1024 / 1024} M characters; is this the query's rows?`);
      this.#pending.push(text.slice(from));
    }
  }

  /** One line of JSON lines (without its \n); blank lines are skipped but counted. */
  #jsonLine(text: string): void {
    const at = this.#line++;
    const line = text.trim();
    if (line === '') return;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch (e) {
      throw new RowsError(`${this.name}:${at}: not JSON (${(e as Error).message}); each line must be one row of the query.`);
    }
    this.#emit(checkRow(v, `${this.name}:${at}`));
  }

  /** CSV text (undefined: its end) through the record reader, errors named with the file. */
  #csvText(text: string | undefined): void {
    try {
      if (text === undefined) this.#csv!.end();
      else this.#csv!.push(text);
    } catch (e) {
      if (e instanceof CsvError) throw new RowsError(`${this.name}:${e.line}: ${e.message}`);
      throw e;
    }
  }

  /**
   * One string for each distinct value of a column that repeats (a file's name in each of its
   * rows): JSON.parse shares such strings itself, CSV fields are each a string of their own, and
   * a large export's rows held for the report took half again the memory without this.
   */
  #shared(text: string): string {
    const had = this.#strings.get(text);
    if (had !== undefined) return had;
    if (this.#strings.size < MAX_SHARED) this.#strings.set(text, text);
    return text;
  }

  #record(r: CsvRecord): void {
    const names = this.#header;
    if (!names) {
      const header = r.fields.map((f) => f.text);
      const missing = ['kind', 'file', 'line'].filter((c) => !header.includes(c));
      if (missing.length > 0) throw new RowsError(`${this.name}:1: the header lacks ${missing.join(', ')}; export the query's rows with their header (columns: ${ROW_COLUMNS.join(', ')}).`);
      this.#header = header;
      return;
    }
    if (r.fields.length !== names.length) throw new RowsError(`${this.name}:${r.line}: ${r.fields.length} fields where the header has ${names.length}.`);
    const o: Record<string, unknown> = {};
    names.forEach((n, i) => {
      const f = r.fields[i]!;
      o[n] = f.text === '' && !f.quoted ? null : REPEATED.has(n) ? this.#shared(f.text) : f.text;
    });
    this.#emit(checkRow(o, `${this.name}:${r.line}`));
  }
}

/** One row checked against the schema (docs/sql.md); numbers and booleans may come as text (CSV). */
function checkRow(v: unknown, where: string): AuditRow {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new RowsError(`${where}: a row must be an object of the query's columns.`);
  const o = v as Record<string, unknown>;
  const row: Record<string, unknown> = {};
  for (const c of ROW_COLUMNS) {
    const x = o[c];
    if (x === null || x === undefined) continue;
    // No number, code, path, JSON value or order is empty: an empty field there is NULL,
    // however quoted (Trino's CSV quotes every field, NULL included). `event`, `file` and
    // `detail` may be empty text.
    if (x === '' && c !== 'event' && c !== 'file' && c !== 'detail') continue;
    if (NUMBERS.has(c)) {
      const num = typeof x === 'number' ? x : typeof x === 'string' && /^-?\d+$/.test(x) ? Number(x) : NaN;
      if (!Number.isSafeInteger(num)) throw new RowsError(`${where}: column ${c} must be a whole number, not ${JSON.stringify(x)}.`);
      row[c] = num;
    } else if (c === 'valid') {
      if (x === true || x === 'true') row[c] = true;
      else if (x === false || x === 'false') row[c] = false;
      else throw new RowsError(`${where}: column valid must be true or false, not ${JSON.stringify(x)}.`);
    } else if (typeof x === 'string') row[c] = x;
    else throw new RowsError(`${where}: column ${c} must be text, not ${JSON.stringify(x)}.`);
  }
  const kind = row['kind'];
  if (typeof kind !== 'string' || !KINDS.has(kind)) throw new RowsError(`${where}: kind must be one of ${ROW_KINDS.join(', ')}, not ${JSON.stringify(o['kind'] ?? null)}; is this the output of \`trackplan sql\`?`);
  const need = (cols: RowColumn[]) => {
    const lacking = cols.filter((c) => row[c] === undefined);
    if (lacking.length > 0) throw new RowsError(`${where}: a ${kind} row needs ${lacking.join(', ')}.`);
  };
  if (kind !== 'not-checked') need(['file']);
  if (kind === 'input') need(['lines', 'blank', 'bytes']);
  if (kind === 'message') need(['line', 'type', 'event']);
  if (kind === 'violation') need(['line', 'code', 'severity', 'path']);
  if (kind === 'bad-input') need(['line', 'code']);
  if (kind === 'unchecked-pattern') need(['line', 'value']);
  if (kind === 'not-checked') need(['detail']);
  if (row['code'] !== undefined && !CODES.has(row['code'] as string)) throw new RowsError(`${where}: unknown code ${JSON.stringify(row['code'])}.`);
  if (row['severity'] !== undefined && row['severity'] !== 'error' && row['severity'] !== 'warn') throw new RowsError(`${where}: severity must be error or warn, not ${JSON.stringify(row['severity'])}.`);
  if (row['file'] === undefined) row['file'] = '-';
  if (row['line'] === undefined) row['line'] = 0;
  return row as unknown as AuditRow;
}
