import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/** One row of the relation the compiled query reads (docs/sql.md, "The input relation"). */
export interface ContractRow {
  file: string;
  /** 1-based; null only in the one row of a file with no lines. */
  line: number | null;
  /** The line's text without its LF; null only in the one row of a file with no lines. */
  message: string | null;
}

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * The contract relation for one NDJSON file (`.gz` read through gzip), as the query expects
 * it: a row per line, split at LF only, the text as it is (a CR before the LF, a byte-order
 * mark opening the file and white space are the query's to read: it counts bytes and blank
 * lines as the JS audit does); a last line without LF counts when not empty; a file with no
 * lines gives one row with NULL line and message, so that it is still reported. Bytes that
 * are not UTF-8 become U+FFFD, as every engine's text reader makes them.
 * test/engines/spark_driver.py does the same in Python, and a test holds the two to the same rows.
 */
export function contractRows(path: string, name: string): ContractRow[] {
  let data: Uint8Array = readFileSync(path);
  if (path.endsWith('.gz')) data = gunzipSync(data);
  const lines = decoder.decode(data).split('\n');
  // "a\nb\n" splits into ["a", "b", ""]: the empty piece after the last LF is no line.
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) return [{ file: name, line: null, message: null }];
  return lines.map((message, i) => ({ file: name, line: i + 1, message }));
}
