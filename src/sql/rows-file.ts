import { AUDIT_CODES } from '../audit/summary.js';
import { type AuditRow, ROW_COLUMNS, ROW_KINDS, type RowColumn } from './rows.js';

/** A rows file that cannot be read as the query's rows: `file:line: what`, for exit code 2. */
export class RowsError extends Error {
  override name = 'RowsError';
}

const NUMBERS: ReadonlySet<string> = new Set(['line', 'item', 'lines', 'blank', 'bytes']);
const CODES: ReadonlySet<string> = new Set(AUDIT_CODES);
const KINDS: ReadonlySet<string> = new Set(ROW_KINDS);

/**
 * The rows of one file as the engines export them: JSON lines (DuckDB `COPY … (FORMAT json)`,
 * Spark `df.write.json`, which leaves out NULL columns; Trino's JSON output), a JSON array, or
 * CSV with a header (DuckDB `COPY … (HEADER)`, Spark, Trino `--output-format CSV_HEADER`),
 * where an empty unquoted field is NULL. Every row is checked against the row schema.
 */
export function parseRows(text: string, name: string): AuditRow[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const first = body.trimStart()[0];
  if (first === undefined) return [];
  if (first === '[') {
    let list: unknown;
    try {
      list = JSON.parse(body);
    } catch (e) {
      throw new RowsError(`${name}:1: not a JSON array of rows (${(e as Error).message}); export the query's rows as JSON lines or CSV.`);
    }
    if (!Array.isArray(list)) throw new RowsError(`${name}:1: not a JSON array of rows.`);
    return list.map((r, i) => checkRow(r, `${name}:1 (row ${i + 1})`));
  }
  if (first === '{') return jsonLines(body, name);
  return csv(body, name);
}

function jsonLines(text: string, name: string): AuditRow[] {
  const out: AuditRow[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch (e) {
      throw new RowsError(`${name}:${i + 1}: not JSON (${(e as Error).message}); each line must be one row of the query.`);
    }
    out.push(checkRow(v, `${name}:${i + 1}`));
  }
  return out;
}

function csv(text: string, name: string): AuditRow[] {
  const records = csvRecords(text, name);
  const header = records.shift();
  if (!header) return [];
  const names = header.fields.map((f) => f.text);
  const missing = ['kind', 'file', 'line'].filter((c) => !names.includes(c));
  if (missing.length > 0) throw new RowsError(`${name}:1: the header lacks ${missing.join(', ')}; export the query's rows with their header (columns: ${ROW_COLUMNS.join(', ')}).`);
  return records.map((r) => {
    if (r.fields.length !== names.length) throw new RowsError(`${name}:${r.line}: ${r.fields.length} fields where the header has ${names.length}.`);
    const o: Record<string, unknown> = {};
    names.forEach((n, i) => {
      const f = r.fields[i]!;
      o[n] = f.text === '' && !f.quoted ? null : f.text;
    });
    return checkRow(o, `${name}:${r.line}`);
  });
}

/** RFC 4180 records: fields in double quotes may hold commas, quotes (doubled) and line breaks. */
function csvRecords(text: string, name: string): { line: number; fields: { text: string; quoted: boolean }[] }[] {
  const out: { line: number; fields: { text: string; quoted: boolean }[] }[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const start = line;
    const fields: { text: string; quoted: boolean }[] = [];
    for (;;) {
      let value = '';
      let quoted = false;
      if (text[i] === '"') {
        quoted = true;
        i++;
        for (;;) {
          if (i >= n) throw new RowsError(`${name}:${start}: a quoted field is not closed.`);
          const c = text[i]!;
          if (c === '"') {
            if (text[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\n') line++;
          value += c;
          i++;
        }
      } else {
        while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') value += text[i++];
      }
      fields.push({ text: value, quoted });
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '\r') i++;
      if (i < n && text[i] !== '\n') throw new RowsError(`${name}:${line}: unexpected ${JSON.stringify(text[i])} after a quoted field.`);
      i++;
      line++;
      break;
    }
    if (!(fields.length === 1 && fields[0]!.text === '' && !fields[0]!.quoted)) out.push({ line: start, fields });
  }
  return out;
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
