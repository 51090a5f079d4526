import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/** One row of the relation the compiled query reads (see docs/sql.md, "The input relation"). */
export interface ContractRow {
  file: string;
  line: number;
  /** The line's text; null when the line is not UTF-8. */
  message: string | null;
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Every line of one NDJSON file (`.gz` read through gzip), as trackplan's line splitter
 * (src/audit/lines.ts) reads it: lines end at LF, one CR before it is dropped, a byte-order
 * mark opening the file is dropped, the last line counts when the file does not end with LF
 * and it is not empty; blank lines are kept; numbered from 1. test/engines/spark_driver.py
 * does the same in Python, and a test holds the two to the same rows.
 */
export function contractRows(path: string, name: string): ContractRow[] {
  let data: Uint8Array = readFileSync(path);
  if (path.endsWith('.gz')) data = gunzipSync(data);
  let from = data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? 3 : 0;
  const rows: ContractRow[] = [];
  let line = 0;
  while (from < data.length) {
    let nl = data.indexOf(10, from);
    const end = nl === -1 ? data.length : nl;
    if (nl === -1) nl = data.length;
    const to = end > from && data[end - 1] === 13 ? end - 1 : end;
    let message: string | null;
    try {
      message = decoder.decode(data.subarray(from, to));
    } catch {
      message = null;
    }
    rows.push({ file: name, line: ++line, message });
    from = nl + 1;
  }
  return rows;
}
