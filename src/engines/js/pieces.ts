import { fstat, read } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { Worker } from 'node:worker_threads';
import { firstLineIsJson, LineSplitter } from '../../audit/lines.js';
import type { PlanIndex } from '../../audit/plan-index.js';
import { hasGzipMagic } from '../../audit/read-input.js';
import type { AuditSummary } from '../../audit/summary.js';
import type { PiecesJob } from './job.js';
import { auditReading, type PieceSummary, type Reading } from './reading.js';

/** A byte range of a plain NDJSON file that starts and ends at line ends. */
export interface Piece {
  start: number;
  end: number;
}

/** What reading a piece gives: its summary, with line numbers counted from the piece's start. */
export interface PieceResult<S extends PieceSummary = AuditSummary> {
  summary: S;
  lines: number;
}

const CHUNK = 1024 * 1024;
const readAt = promisify(read);
const sizeOf = promisify(fstat);

/**
 * Where to cut a file into pieces, before moving each cut to a line end: guided scheduling
 * (as OpenMP's). Each piece is a share of what is left, so the first are large (starting a
 * piece costs a read before any parsing) and the last are small, so threads finish within a
 * small piece of each other whatever their speeds.
 */
export function nominalCuts(size: number, threads: number, minPiece: number): number[] {
  const cuts: number[] = [];
  for (let pos = 0; ; ) {
    pos += Math.max(minPiece, Math.ceil((size - pos) / (2 * threads)));
    if (pos >= size) return cuts;
    cuts.push(pos);
  }
}

/** Pieces cut just after a newline; undefined when the file is gzip or not plainly NDJSON. */
export async function splitFile(fh: FileHandle, size: number, nominal: readonly number[]): Promise<Piece[] | undefined> {
  const head = Buffer.alloc(Math.min(size, 1 << 20));
  const { bytesRead } = await fh.read(head, 0, head.length, 0);
  if (hasGzipMagic(head.subarray(0, bytesRead))) return undefined;
  // Only plainly NDJSON files are split: the first line with content must be JSON and end
  // within the head. Anything else (a JSON document, a broken first line) is read whole.
  if (firstLineIsJson(head, bytesRead) !== true) return undefined;
  const cuts = [0];
  const probe = Buffer.alloc(64 * 1024);
  for (let pos of nominal) {
    if (pos <= cuts[cuts.length - 1]!) continue;
    // Advance to just after the next newline (a very long line moves the cut further).
    for (;;) {
      const got = (await fh.read(probe, 0, probe.length, pos)).bytesRead;
      if (got === 0) {
        pos = size;
        break;
      }
      const nl = probe.subarray(0, got).indexOf(10);
      if (nl !== -1) {
        pos += nl + 1;
        break;
      }
      pos += got;
    }
    if (pos < size && pos > cuts[cuts.length - 1]!) cuts.push(pos);
  }
  return cuts.map((start, i) => ({ start, end: cuts[i + 1] ?? size }));
}

/**
 * Audit a file's pieces with this thread and the workers, which take them from one shared
 * counter (see claimPieces). Every thread reads the one descriptor opened here, so a file
 * renamed or deleted during the audit (a rotated log) is still read whole. Results merge in
 * file order as soon as the pieces before them are in: memory holds a few summaries at most.
 */
export function auditPieces(index: PlanIndex, file: string, fd: number, pieces: Piece[], workers: Worker[], onBytes: (n: number) => void): Promise<AuditSummary> {
  return readPieces(auditReading(index), file, fd, pieces, workers, onBytes);
}

/** `auditPieces` for any reading (the audit's, infer's): the same threads, pieces and merging. */
export async function readPieces<S extends PieceSummary>(reading: Reading<S>, file: string, fd: number, pieces: Piece[], workers: Worker[], onBytes: (n: number) => void): Promise<S> {
  const next = new Int32Array(new SharedArrayBuffer(4));
  // Bytes read so far by all threads, for the progress line: a first piece can be a quarter
  // of a 10 GB file, too long to wait for before saying anything.
  const read = new BigInt64Array(new SharedArrayBuffer(8));
  let reported = 0;
  const report = () => {
    const now = Number(Atomics.load(read, 0));
    if (now > reported) onBytes(now - reported);
    reported = now;
  };
  const timer = setInterval(report, 250);
  timer.unref();
  const waiting = new Map<number, PieceResult<S>>();
  const merged = reading.empty();
  let merging = 0;
  let offset = 0;
  const done = (k: number, r: PieceResult<S>) => {
    waiting.set(k, r);
    for (let x = waiting.get(merging); x; x = waiting.get(merging)) {
      waiting.delete(merging++);
      reading.offsetLines(x.summary, file, offset);
      offset += x.lines;
      reading.merge(merged, x.summary);
    }
  };
  const job: PiecesJob = { mode: 'pieces', reading: reading.spec, file, fd, pieces, next, read };
  try {
    const buffers = readBuffers();
    await Promise.all([...workers.map((w) => runPieces(w, job, done)), claimPieces(next, pieces, async (k) => done(k, await readPiece(reading, file, fd, pieces[k]!, buffers, read)))]);
  } catch (e) {
    // Every thread stops at the end of its piece; the error is the audit's.
    Atomics.store(next, 0, pieces.length);
    throw e;
  } finally {
    clearInterval(timer);
    report();
    // Ended before the caller closes the descriptor they read.
    await Promise.all(workers.map((w) => w.terminate()));
  }
  reading.sortExamples(merged);
  // One input entry for the file, not one per piece.
  merged.inputs = [{ file, lines: offset, blank: merged.inputs.reduce((a, x) => a + x.blank, 0), bytes: merged.inputs.reduce((a, x) => a + x.bytes, 0) }];
  return merged;
}

function runPieces<S extends PieceSummary>(w: Worker, job: PiecesJob, done: (k: number, r: PieceResult<S>) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    w.on('message', (m: ({ piece: number } & PieceResult<S>) | { done: true }) => {
      if ('done' in m) resolve();
      else done(m.piece, m);
    });
    w.once('error', reject);
    w.once('exit', (code) => reject(new Error(`audit worker stopped with exit code ${code}`)));
    w.postMessage(job);
  });
}

/**
 * Threads take pieces one at a time from one shared counter, so a slower thread (the main
 * one, which also loaded the plan; a core busy with something else) takes fewer pieces and
 * no thread waits at the end for longer than one piece takes.
 */
export async function claimPieces(next: Int32Array, pieces: readonly Piece[], audit: (k: number) => Promise<void>): Promise<void> {
  for (let k = Atomics.add(next, 0, 1); k < pieces.length; k = Atomics.add(next, 0, 1)) await audit(k);
}

/**
 * Audit one piece; the same code in the main thread and in workers. A piece is lines of a
 * plain NDJSON file (the file was checked before it was cut), read as such wherever it starts.
 */
export async function readPiece<S extends PieceSummary>(reading: Reading<S>, file: string, fd: number, piece: Piece, buffers: ReadBuffers, read: BigInt64Array): Promise<PieceResult<S>> {
  const auditor = reading.sink(file);
  const splitter = new LineSplitter(auditor, undefined, 1, { startOfFile: piece.start === 0 });
  let bytes = 0;
  for await (const chunk of readRange(fd, piece.start, piece.end, buffers)) {
    bytes += chunk.length;
    Atomics.add(read, 0, BigInt(chunk.length));
    splitter.push(chunk);
  }
  splitter.end();
  if (bytes < piece.end - piece.start) {
    // The file was cut shorter while it was read; the piece holding its new end says so, once.
    const now = (await sizeOf(fd)).size;
    if (now >= piece.start && now < piece.end) auditor.badInput('truncated-input', splitter.lines + 1, `The file was cut to ${now} bytes while it was read; what came before was audited.`);
  }
  auditor.finish(splitter.lines, bytes);
  return { summary: auditor.summary, lines: splitter.lines };
}

/** Two read buffers, for one thread's pieces, one after the other. */
export type ReadBuffers = [Buffer, Buffer];

export function readBuffers(): ReadBuffers {
  return [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)];
}

/**
 * The bytes of [start, end) in chunks of two buffers used in turn: the next chunk is read
 * while this one is split, and no memory is allocated per chunk or per piece. A chunk is
 * valid until the next one is asked for; the line splitter copies what it keeps.
 */
async function* readRange(fd: number, start: number, end: number, buffers: ReadBuffers): AsyncGenerator<Buffer> {
  let pos = start;
  let turn = 0;
  const readNext = () => (pos < end ? readAt(fd, buffers[turn as 0 | 1], 0, Math.min(CHUNK, end - pos), pos) : undefined);
  let pending = readNext();
  while (pending) {
    const { bytesRead, buffer } = await pending;
    if (bytesRead === 0) return; // the file shrank while read (reported by the caller)
    pos += bytesRead;
    turn ^= 1;
    pending = readNext();
    yield buffer.subarray(0, bytesRead);
  }
}
