import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { GunzipReader } from '../audit/gunzip.js';
import { hasGzipMagic } from '../audit/read-input.js';
import type { AuditRow } from '../sql/rows.js';
import { RowsError, RowsParser } from '../sql/rows-file.js';
import { cannotRead, type RowsInput } from './list-rows-inputs.js';

export interface ReadRowsOptions {
  /** Bytes read from a file at a time (tests make it small to cut lines and records anywhere). */
  chunkSize?: number;
  /** Characters of a JSON array read whole before it is refused (RowsParser's limit). */
  maxArrayText?: number;
}

/**
 * Every row of the inputs, in their order, each handed to `onRow` as it is read: a file is read in
 * chunks, gunzipped when it starts with gzip's magic bytes (Athena's UNLOAD and Spark's
 * `compression=gzip` write `.json.gz`, `.csv.gz`; the name is not looked at), decoded as UTF-8
 * and parsed a line or record at a time. A folder that gives no rows at all is refused: an
 * export that wrote nothing must not pass. Errors are RowsError, one line each.
 */
export async function readRows(inputs: readonly RowsInput[], onRow: (row: AuditRow) => void, options: ReadRowsOptions = {}): Promise<void> {
  const perFolder = new Map<string, number>();
  for (const input of inputs) {
    const rows = await readRowsFile(input, onRow, options);
    if (input.folder !== undefined) perFolder.set(input.folder, (perFolder.get(input.folder) ?? 0) + rows);
  }
  for (const [folder, rows] of perFolder) if (rows === 0) throw new RowsError(`${folder}: its part files hold no rows; the query returns one for every file it read. Check the export.`);
}

/** The rows of one input; returns how many. */
export async function readRowsFile(input: RowsInput, onRow: (row: AuditRow) => void, options: ReadRowsOptions = {}): Promise<number> {
  const parser = new RowsParser(input.name, onRow, options.maxArrayText !== undefined ? { maxArrayText: options.maxArrayText } : {});
  const handle = input.path === '-' ? undefined : await openInput(input);
  const stream = handle?.createReadStream({ ...(options.chunkSize !== undefined ? { highWaterMark: options.chunkSize } : {}), autoClose: false });
  try {
    await parse(input.name, withErrors(input.name, stream ?? process.stdin), parser);
  } finally {
    // Rows that stop the report leave the stream part read: stop it before its file is closed.
    stream?.destroy();
    await handle?.close();
  }
  return parser.rows;
}

async function openInput(input: RowsInput) {
  try {
    // A part file of a folder was checked to lie inside it: a link put in its place since is not followed.
    return await open(input.path, input.folder !== undefined ? constants.O_RDONLY | constants.O_NOFOLLOW : 'r');
  } catch (e) {
    throw cannotRead(input.name, e);
  }
}

/** The chunks of a stream, its read errors (EISDIR for a folder on standard input, EIO…) said in one line. */
async function* withErrors(name: string, source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of source) yield chunk as Buffer;
  } catch (e) {
    throw cannotRead(name === '<stdin>' ? 'standard input' : name, e);
  }
}

async function parse(name: string, source: AsyncIterable<Buffer>, parser: RowsParser): Promise<void> {
  const it = source[Symbol.asyncIterator]();
  let head = Buffer.alloc(0);
  // The magic bytes may arrive split (a pipe giving a byte at a time, or a tiny chunk size).
  while (head.length < 2) {
    const r = await it.next();
    if (r.done) break;
    head = Buffer.concat([head, r.value]);
  }
  const whole: AsyncIterable<Buffer> = {
    [Symbol.asyncIterator]: async function* () {
      if (head.length > 0) yield head;
      for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
    },
  };
  const decoder = new StringDecoder('utf8');
  if (!hasGzipMagic(head)) {
    for await (const chunk of whole) parser.push(decoder.write(chunk));
    parser.push(decoder.end());
    parser.end();
    return;
  }
  const gzip = new GunzipReader(whole);
  const chunks = gzip[Symbol.asyncIterator]();
  try {
    for (let r = await chunks.next(); !r.done; r = await chunks.next()) parser.push(decoder.write(r.value));
  } catch (e) {
    // Rows that do not parse may be the damage of damaged gzip data: read on to the end to see.
    if (!(e instanceof RowsError)) throw e;
    for (let r = await chunks.next(); !r.done; r = await chunks.next());
    if (gzip.problem) throw gzipError(name, gzip.problem.detail, gzip.problem.code);
    throw e;
  }
  if (gzip.problem) throw gzipError(name, gzip.problem.detail, gzip.problem.code);
  parser.push(decoder.end());
  parser.end();
}

function gzipError(name: string, detail: string, code: 'truncated-input' | 'trailing-data'): RowsError {
  if (code === 'trailing-data') return new RowsError(`${name}: ${detail}; a rows file must be whole gzip data: export or copy it again.`);
  return new RowsError(`${name}: the gzip data ends early or is damaged (${detail}); its rows are incomplete: export or copy the file again.`);
}
