import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { open } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type { AuditInput } from '../audit/audit.js';
import { Auditor } from '../audit/auditor.js';
import type { PlanIndex } from '../audit/plan-index.js';
import { readInput } from '../audit/read-input.js';
import { auditPiece, claimPieces, type Piece, type PieceResult, readBuffers } from './audit-piece.js';
import type { Batch, BatchJob, PiecesJob } from './audit-worker.js';
import { type AuditSummary, emptySummary, mergeSummaries, offsetLines, sortExamples } from '../audit/summary.js';

export interface ParallelOptions {
  /** Threads to use, this one included. */
  threads: number;
  pool: WorkerPool;
  /** Plain files from this size are split (in pieces of at least a 16th of it); gzip from a 16th. */
  minBytes: number;
  sequential: (index: PlanIndex, inputs: readonly AuditInput[]) => Promise<AuditSummary>;
  onBytes(n: number): void;
}

const WORKER_SCRIPT = new URL('./audit-worker.js', import.meta.url);

/**
 * Audit worker threads, started ahead of their jobs: a thread takes about 50 ms to start,
 * which overlaps the main thread loading the plan when they are started first. Idle workers
 * do not keep the process alive; `close` ends those never given work.
 */
export class WorkerPool {
  #idle: Worker[] = [];
  readonly #dead = new WeakSet<Worker>();

  /** Start workers now, for jobs to come. */
  prestart(n: number): void {
    for (let i = 0; i < n; i++) {
      const w = new Worker(WORKER_SCRIPT);
      w.unref();
      // A worker that fails before it has a job is dropped here; `take` starts another.
      w.on('error', () => undefined);
      w.once('exit', () => this.#dead.add(w));
      this.#idle.push(w);
    }
  }

  /** A started worker (or a new one), kept alive until it ends or is terminated. */
  take(): Worker {
    let w = this.#idle.shift();
    while (w && this.#dead.has(w)) w = this.#idle.shift();
    w ??= new Worker(WORKER_SCRIPT);
    w.ref();
    return w;
  }

  close(): void {
    for (const w of this.#idle.splice(0)) void w.terminate();
  }
}

/**
 * Where to cut a file into pieces, before moving each cut to a line end: guided scheduling
 * (as OpenMP's). Each piece is a share of what is left, so the first are large (starting a
 * piece costs a file open and a read before any parsing, about 2 ms) and the last are small,
 * so threads finish within a small piece of each other whatever their speeds.
 */
export function nominalCuts(size: number, threads: number, minPiece: number): number[] {
  const cuts: number[] = [];
  for (let pos = 0; ; ) {
    pos += Math.max(minPiece, Math.ceil((size - pos) / (2 * threads)));
    if (pos >= size) return cuts;
    cuts.push(pos);
  }
}

/**
 * Audit inputs, spreading each large plain NDJSON file over threads in pieces cut at line
 * ends. Line numbers come back relative to each piece and are shifted by the lines of the
 * pieces before it, so reports name the same lines a single thread would. Gzip is
 * decompressed here and its line batches parsed in workers; stdin, small files and
 * whole-document JSON are read in this thread.
 */
export async function auditInParallel(index: PlanIndex, inputs: readonly AuditInput[], files: readonly string[], sizes: ReadonlyMap<string, number>, o: ParallelOptions): Promise<AuditSummary> {
  const threads = o.threads;
  let total = emptySummary();
  for (const [i, input] of inputs.entries()) {
    const file = files[i]!;
    const size = sizes.get(file) ?? 0;
    const pieces = threads > 1 && file !== '-' && size >= o.minBytes ? await splitFile(file, size, nominalCuts(size, threads, Math.max(1, Math.floor(o.minBytes / 16)))) : undefined;
    if (pieces) {
      total = mergeSummaries(total, await auditPieces(index, file, pieces, o));
      continue;
    }
    // gzip (by magic bytes) of a size worth it: decompress here, parse in workers.
    if (threads > 1 && file !== '-' && size >= o.minBytes / 16 && (await isGzip(file))) {
      total = mergeSummaries(total, await auditInBatches(index, input, threads, o.pool));
      continue;
    }
    total = mergeSummaries(total, await o.sequential(index, [input]));
  }
  return total;
}

/**
 * This thread and the workers take pieces from one shared counter (see claimPieces); results
 * are merged in file order as soon as the pieces before them are in, so memory holds at most
 * a few summaries whatever the file's size.
 */
async function auditPieces(index: PlanIndex, file: string, pieces: Piece[], o: ParallelOptions): Promise<AuditSummary> {
  const next = new Int32Array(new SharedArrayBuffer(4));
  const waiting = new Map<number, PieceResult>();
  const merged = emptySummary();
  let merging = 0;
  let offset = 0;
  const done = (k: number, r: PieceResult) => {
    o.onBytes(pieces[k]!.end - pieces[k]!.start);
    waiting.set(k, r);
    for (let x = waiting.get(merging); x; x = waiting.get(merging)) {
      waiting.delete(merging++);
      offsetLines(x.summary, file, offset);
      offset += x.lines;
      mergeSummaries(merged, x.summary);
    }
  };
  const job: PiecesJob = { mode: 'pieces', spec: index.spec, file, pieces, next };
  const workers = Array.from({ length: Math.min(o.threads, pieces.length) - 1 }, () => o.pool.take());
  try {
    const buffers = readBuffers();
    await Promise.all([...workers.map((w) => runPieces(w, job, done)), claimPieces(next, pieces, async (k) => done(k, await auditPiece(index, file, pieces[k]!, buffers)))]);
  } catch (e) {
    // Every thread stops at the end of its piece; the error is the audit's.
    Atomics.store(next, 0, pieces.length);
    throw e;
  } finally {
    for (const w of workers) void w.terminate();
  }
  sortExamples(merged);
  // One input entry for the file, not one per piece.
  merged.inputs = [{ file, lines: offset, blank: merged.inputs.reduce((a, x) => a + x.blank, 0), bytes: merged.inputs.reduce((a, x) => a + x.bytes, 0) }];
  return merged;
}

/** Pieces cut just after a newline; undefined when the file is gzip or one JSON document. */
async function splitFile(file: string, size: number, nominal: readonly number[]): Promise<Piece[] | undefined> {
  const fh = await open(file, 'r');
  try {
    const head = Buffer.alloc(Math.min(size, 1 << 20));
    await fh.read(head, 0, head.length, 0);
    if (head[0] === 0x1f && head[1] === 0x8b) return undefined;
    // Only plainly NDJSON files are split: the first line with content must be JSON. Anything
    // else (a JSON document, a broken first line) is read whole, by the one-thread reader.
    const text = head.toString('utf8').replace(/^\ufeff/, '');
    const firstLine = text.split('\n').find((l) => l.trim() !== '');
    if (firstLine === undefined || text.indexOf(firstLine) + firstLine.length >= text.length) return undefined;
    try {
      JSON.parse(firstLine);
    } catch {
      return undefined;
    }
    const cuts = [0];
    const probe = Buffer.alloc(64 * 1024);
    for (let pos of nominal) {
      if (pos <= cuts[cuts.length - 1]!) continue;
      // Advance to just after the next newline (a very long line moves the cut further).
      for (;;) {
        const { bytesRead } = await fh.read(probe, 0, probe.length, pos);
        if (bytesRead === 0) {
          pos = size;
          break;
        }
        const nl = probe.subarray(0, bytesRead).indexOf(10);
        if (nl !== -1) {
          pos += nl + 1;
          break;
        }
        pos += bytesRead;
      }
      if (pos < size && pos > cuts[cuts.length - 1]!) cuts.push(pos);
    }
    return cuts.map((start, i) => ({ start, end: cuts[i + 1] ?? size }));
  } finally {
    await fh.close();
  }
}

function runPieces(w: Worker, job: PiecesJob, done: (k: number, r: PieceResult) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    w.on('message', (m: ({ piece: number } & PieceResult) | { done: true }) => {
      if ('done' in m) resolve();
      else done(m.piece, m);
    });
    w.once('error', reject);
    w.once('exit', (code) => reject(new Error(`audit worker stopped with exit code ${code}`)));
    w.postMessage(job);
  });
}

async function isGzip(file: string): Promise<boolean> {
  const fh = await open(file, 'r');
  try {
    const head = Buffer.alloc(2);
    await fh.read(head, 0, 2, 0);
    return head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

const BATCH_BYTES = 4 * 1024 * 1024;
/** Longest line read, as in the single-thread reader (lines.ts). */
const MAX_LINE = 16 * 1024 * 1024;
/** Batches in flight per worker: enough to keep it busy, few enough to keep memory flat. */
const IN_FLIGHT = 2;

/**
 * gzip is one stream: it is decompressed here (zlib works on libuv's thread pool), cut into
 * batches of whole lines, and the batches go to worker threads, each told the line its batch
 * starts on. Only input that is plainly NDJSON goes this way (its first line with content is
 * JSON); anything else (a JSON document, a broken first line) is read here by the same reader
 * as a small file, so both ways give the same report.
 */
async function auditInBatches(index: PlanIndex, input: AuditInput, threads: number, pool: WorkerPool): Promise<AuditSummary> {
  const gunzip = createGunzip();
  const source = Readable.from(input.open());
  source.pipe(gunzip);
  source.on('error', (e) => gunzip.destroy(e));
  const it = (gunzip as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  let failure: Error | undefined;
  const next = async (): Promise<Buffer | undefined> => {
    if (failure) return undefined;
    try {
      const r = await it.next();
      return r.done ? undefined : r.value;
    } catch (e) {
      failure = e as Error;
      return undefined;
    }
  };

  // Read up to the end of the first line with content, and decide.
  const head: Buffer[] = [];
  let headBytes = 0;
  let ndjson = false;
  for (let chunk = await next(); chunk; chunk = await next()) {
    head.push(chunk);
    headBytes += chunk.length;
    const text = Buffer.concat(head, headBytes);
    let from = text[0] === 0xef && text[1] === 0xbb && text[2] === 0xbf ? 3 : 0;
    let decided = false;
    for (let nl = text.indexOf(10, from); nl !== -1; from = nl + 1, nl = text.indexOf(10, from)) {
      const line = text.toString('utf8', from, nl).trim();
      if (line === '') continue;
      try {
        JSON.parse(line);
        ndjson = true;
      } catch {
        ndjson = false;
      }
      decided = true;
      break;
    }
    if (decided || headBytes > MAX_LINE) break;
  }

  if (!ndjson) {
    const auditor = new Auditor(index, input.name);
    const rest = (async function* () {
      yield* head;
      for (let chunk = await next(); chunk; chunk = await next()) yield chunk;
    })();
    const { lines, bytes } = await readInput(rest, auditor);
    if (failure) auditor.badInput('truncated-input', lines + 1, `The gzip data ends early or is damaged (${failure.message}); what came before was audited.`);
    auditor.finish(lines, bytes);
    return auditor.summary;
  }

  const workers = Array.from({ length: threads }, () => pool.take());
  const job: BatchJob = { mode: 'batches', spec: index.spec, file: input.name };
  for (const w of workers) w.postMessage(job);
  const inFlight = workers.map(() => 0);
  const waiting: (() => void)[] = [];
  let workerError: Error | undefined;
  const results: Promise<AuditSummary>[] = workers.map(
    (w, i) =>
      new Promise((resolve, reject) => {
        w.on('message', (m: { ack?: boolean; summary?: AuditSummary }) => {
          if (m.ack) {
            inFlight[i]!--;
            waiting.shift()?.();
          }
          if (m.summary) {
            resolve(m.summary);
            void w.terminate();
          }
        });
        w.once('error', (e) => {
          workerError ??= e;
          // Wake the sender, which would otherwise wait for this worker forever.
          for (const wake of waiting.splice(0)) wake();
          reject(e);
        });
      }),
  );
  // Handled here so a dead worker is one error at the end, not an unhandled rejection.
  for (const r of results) r.catch(() => undefined);

  const here = new Auditor(index, input.name);
  let line = 1;
  // Whole lines waiting to be sent, and the start of the line still being read.
  let full: Buffer[] = [];
  let fullBytes = 0;
  let tail: Buffer[] = [];
  let tailBytes = 0;
  let skipping = false;
  let bytes = 0;
  let lastByte = 10;
  let startOfFile = true;
  const send = async (batch: Buffer) => {
    lastByte = batch[batch.length - 1] ?? lastByte;
    let lines = 0;
    for (let at = batch.indexOf(10); at !== -1; at = batch.indexOf(10, at + 1)) lines++;
    for (;;) {
      if (workerError) throw workerError;
      const free = inFlight.findIndex((n) => n < IN_FLIGHT);
      if (free !== -1) {
        inFlight[free]!++;
        // Copy into a buffer of its own, then hand its memory over (no second copy).
        const own = new Uint8Array(batch.length);
        own.set(batch);
        workers[free]!.postMessage({ batch: own.buffer, firstLine: line, startOfFile } satisfies Batch, [own.buffer]);
        startOfFile = false;
        break;
      }
      await new Promise<void>((r) => waiting.push(r));
    }
    line += lines;
  };
  const flush = async () => {
    const batch = Buffer.concat(full, fullBytes);
    full = [];
    fullBytes = 0;
    await send(batch);
  };
  const finish = async () => {
    if (skipping) here.tooLong(line, tailBytes);
    else {
      full.push(...tail);
      fullBytes += tailBytes;
    }
    tail = [];
    tailBytes = 0;
    if (fullBytes > 0) await flush();
  };
  const feed = async (chunk: Buffer) => {
    bytes += chunk.length;
    const last = chunk.lastIndexOf(10);
    if (last === -1) {
      // No line end in this chunk: the current line goes on.
      tailBytes += chunk.length;
      if (skipping) return;
      if (tailBytes > MAX_LINE) {
        // Too long to be a message: send what came before (so `line` is this line's
        // number), then drop it up to its end, as the single-thread reader does.
        if (fullBytes > 0) await flush();
        skipping = true;
        tail = [];
        return;
      }
      tail.push(chunk);
      return;
    }
    const firstEnd = chunk.indexOf(10);
    if (skipping) {
      here.tooLong(line, tailBytes + firstEnd);
      line++;
      skipping = false;
    } else {
      full.push(...tail, chunk.subarray(0, firstEnd + 1));
      fullBytes += tailBytes + firstEnd + 1;
    }
    if (last > firstEnd) {
      full.push(chunk.subarray(firstEnd + 1, last + 1));
      fullBytes += last - firstEnd;
    }
    tail = last + 1 < chunk.length ? [chunk.subarray(last + 1)] : [];
    tailBytes = chunk.length - last - 1;
    if (fullBytes >= BATCH_BYTES) await flush();
  };
  for (const chunk of head) await feed(chunk);
  for (let chunk = await next(); chunk; chunk = await next()) await feed(chunk);
  const partial = tailBytes > 0 && !skipping;
  await finish();
  // As the single-thread reader counts: the lines read, a last one without its end included.
  if (failure) here.badInput('truncated-input', line + (partial ? 1 : 0), `The gzip data ends early or is damaged (${failure.message}); what came before was audited.`);
  for (const w of workers) w.postMessage({ done: true } satisfies Batch);
  const summaries = await Promise.all(results);
  let total = emptySummary();
  for (const s of summaries) total = mergeSummaries(total, s);
  total = mergeSummaries(total, here.summary);
  sortExamples(total);
  const blank = total.inputs.reduce((a, x) => a + x.blank, 0);
  // Lines are counted by their ends; a last line without one counts too.
  total.inputs = [{ file: input.name, lines: line - 1 + (lastByte !== 10 && bytes > 0 ? 1 : 0), blank, bytes }];
  return total;
}
