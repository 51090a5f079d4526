import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { open, symlink } from 'node:fs/promises';
import { once } from 'node:events';
import { isUtf8 } from 'node:buffer';
import { resolve, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { GunzipReader } from '../../audit/gunzip.js';
import { MAX_LINE, parses } from '../../audit/lines.js';
import { hasGzipMagic } from '../../audit/read-input.js';
import { UnreadableInput, unreadable } from '../inputs.js';

/**
 * One input of the audit as the DuckDB engine will read it:
 * - `lines`: NDJSON DuckDB reads itself, line for line (`path` is a link to the input, or the
 *   gzip input decompressed into the run's scratch folder); `bytes` as the audit counts them;
 * - `empty`: no bytes at all (the relation gets one row with NULL line and message);
 * - `parquet`: a Parquet file (`message` column, docs/sql.md "Parquet");
 * - `js`: an input DuckDB's line reader would not read as the audit does (CR line ends, bytes
 *   that are not UTF-8, NUL bytes, a line over 16 MB, JSON documents spread over lines, gzip
 *   that is cut short or followed by other bytes): the audit's own reader takes it.
 */
export type StagedInput =
  | { kind: 'lines'; name: string; path: string; bytes: number }
  | { kind: 'empty'; name: string }
  | { kind: 'parquet'; name: string; path: string }
  | { kind: 'js'; name: string; path: string; why: string };

/** Parquet files start (and end) with these four bytes. */
const PARQUET_MAGIC = Buffer.from('PAR1');

/** Whether these first bytes are a Parquet file's. */
export function hasParquetMagic(head: Uint8Array): boolean {
  return head.length >= 4 && Buffer.from(head.buffer, head.byteOffset, 4).equals(PARQUET_MAGIC);
}

/** The first bytes of a regular file (fewer when it is shorter). */
export async function headOf(file: string, n = 4): Promise<Buffer> {
  const h = await open(file, 'r');
  try {
    const b = Buffer.alloc(n);
    const { bytesRead } = await h.read(b, 0, n, 0);
    return b.subarray(0, bytesRead);
  } finally {
    await h.close();
  }
}

/**
 * Look at each input once, in this thread, at memory speed (newlines, UTF-8 validity, the first
 * line), and say how DuckDB reads it. Standard input is copied into `scratch` first, so that it
 * is read like a file. Links in `scratch` give DuckDB a plain name for every input: names with
 * quotes or glob characters (`*`, `?`, `[`) are never pasted into a file pattern.
 */
export async function stageInputs(files: readonly string[], scratch: string, onBytes?: (n: number) => void): Promise<StagedInput[]> {
  const out: StagedInput[] = [];
  for (const [i, f] of files.entries()) {
    const name = f === '-' ? '<stdin>' : f;
    let path = resolve(f);
    try {
      if (f === '-') {
        path = join(scratch, `stdin-${i}`);
        await pipeline(process.stdin, createWriteStream(path));
      } else {
        const link = join(scratch, `input-${i}`);
        await symlink(path, link);
        path = link;
      }
      out.push(await stageOne(name, path, join(scratch, `input-${i}.ndjson`), onBytes));
    } catch (e) {
      if (e instanceof UnreadableInput) throw e;
      throw unreadable(f, e);
    }
  }
  return out;
}

async function stageOne(name: string, path: string, plain: string, onBytes?: (n: number) => void): Promise<StagedInput> {
  const head = await headOf(path);
  if (head.length === 0) return { kind: 'empty', name };
  if (hasParquetMagic(head)) return { kind: 'parquet', name, path };
  const gzip = hasGzipMagic(head);
  const source = createReadStream(path, { highWaterMark: 1024 * 1024 });
  const reader = gzip ? new GunzipReader(source) : undefined;
  const copy = gzip ? createWriteStream(plain) : undefined;
  const scan = new LineScan();
  let why: string | undefined;
  try {
    for await (const chunk of reader ?? source) {
      if (!gzip) onBytes?.(chunk.length);
      why = scan.push(chunk as Buffer);
      if (why !== undefined) break;
      if (copy && !copy.write(chunk)) await once(copy, 'drain');
    }
    why ??= scan.end();
    if (why === undefined && reader?.problem) why = `the gzip data ${reader.problem.code === 'trailing-data' ? 'is followed by other bytes' : 'is cut short or damaged'}`;
  } finally {
    source.destroy();
    if (copy) await closeWrite(copy);
  }
  if (why !== undefined) return { kind: 'js', name, path, why };
  return { kind: 'lines', name, path: gzip ? plain : path, bytes: scan.bytes };
}

async function closeWrite(w: WriteStream): Promise<void> {
  if (w.closed) return;
  w.end();
  await once(w, 'close');
}

/**
 * What DuckDB's CSV reader, told to read one column of whole lines, would read differently from
 * the audit: it ends lines at a CR too, cuts at NUL, refuses bytes that are not UTF-8; and the
 * audit reads an input whose first line with content opens a JSON document (`[`, `{` not closed
 * on that line) message by message. Returns why, or undefined while the input is plain NDJSON.
 */
export class LineScan {
  bytes = 0;
  #carry: Buffer | undefined;
  #first: 'looking' | 'done' = 'looking';

  push(chunk: Buffer): string | undefined {
    this.bytes += chunk.length;
    if (chunk.indexOf(13) !== -1) return 'it has CR characters (CRLF line ends)';
    if (chunk.indexOf(0) !== -1) return 'it has NUL bytes';
    const buf = this.#carry ? Buffer.concat([this.#carry, chunk]) : chunk;
    // A newline is never part of a multi-byte UTF-8 sequence: check whole lines, carry the rest.
    const nl = buf.lastIndexOf(10);
    const whole = nl === -1 ? 0 : nl + 1;
    if (whole > 0) {
      if (!isUtf8(buf.subarray(0, whole))) return 'it has bytes that are not UTF-8';
      const why = this.#firstLine(buf, whole);
      if (why !== undefined) return why;
      if (longestLine(buf, whole) > MAX_LINE) return 'a line is over 16 MB';
    }
    this.#carry = whole < buf.length ? Buffer.from(buf.subarray(whole)) : undefined;
    if (this.#carry && this.#carry.length > MAX_LINE) return 'a line is over 16 MB';
    return undefined;
  }

  end(): string | undefined {
    const rest = this.#carry;
    if (!rest) return undefined;
    if (!isUtf8(rest)) return 'it has bytes that are not UTF-8';
    return this.#firstLine(Buffer.concat([rest, Buffer.from('\n')]), rest.length + 1);
  }

  /** The audit's rule (read-input.ts): the first line with content decides NDJSON or document. */
  #firstLine(buf: Buffer, end: number): string | undefined {
    if (this.#first === 'done') return undefined;
    let from = 0;
    for (let nl = buf.indexOf(10); nl !== -1 && nl < end; from = nl + 1, nl = buf.indexOf(10, from)) {
      // trim() takes a BOM too (U+FEFF is white space to it).
      const line = buf.toString('utf8', from, nl).trim();
      if (line === '') continue;
      this.#first = 'done';
      if (!parses(line) && (line.startsWith('[') || line.startsWith('{'))) return 'its first line opens a JSON document spread over lines';
      return undefined;
    }
    return undefined;
  }
}

function longestLine(buf: Buffer, end: number): number {
  let max = 0;
  let from = 0;
  for (let nl = buf.indexOf(10); nl !== -1 && nl < end; from = nl + 1, nl = buf.indexOf(10, from)) max = Math.max(max, nl - from);
  return max;
}
