import { open } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type { AuditInput } from '../../audit/audit.js';
import type { PlanIndex } from '../../audit/plan-index.js';
import { hasGzipMagic } from '../../audit/read-input.js';
import { type AuditSummary, emptySummary, mergeSummaries } from '../../audit/summary.js';
import { auditInBatches } from './batches.js';
import { auditPieces, nominalCuts, splitFile } from './pieces.js';
import { isReadError, unreadable } from '../inputs.js';

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
 * Workers get the main thread's stack depth (V8's 984 KB; Node keeps 192 KB of a worker's
 * stack aside), so a deeply nested message is too deep to check in every thread or in none,
 * whichever thread its piece falls to. Their young generation is capped at 24 MB (V8's default
 * lets it grow to 48 MB): a worker keeps a few messages alive at a time, so the cap costs no
 * speed, and it keeps a 5 GB audit's peak RSS near 280 MB rather than 300–310 MB.
 */
const WORKER_OPTIONS = { resourceLimits: { stackSizeMb: (984 + 192) / 1024, maxYoungGenerationSizeMb: 24 } };

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
      const w = new Worker(WORKER_SCRIPT, WORKER_OPTIONS);
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
    w ??= new Worker(WORKER_SCRIPT, WORKER_OPTIONS);
    w.ref();
    return w;
  }

  close(): void {
    for (const w of this.#idle.splice(0)) void w.terminate();
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
  let total = emptySummary();
  for (const [i, input] of inputs.entries()) {
    const file = files[i]!;
    try {
      total = mergeSummaries(total, await auditOne(index, input, file, sizes.get(file) ?? 0, o));
    } catch (e) {
      // The file could be opened before, and now cannot be read (EIO, or its permissions changed):
      // the same one-line error as `check`'s, in whichever thread it happened.
      throw isReadError(e) ? unreadable(file, e) : e;
    }
  }
  return total;
}

async function auditOne(index: PlanIndex, input: AuditInput, file: string, size: number, o: ParallelOptions): Promise<AuditSummary> {
  const threads = o.threads;
  if (threads > 1 && file !== '-' && splits(size, o.minBytes)) {
    const split = await auditSplit(index, file, o);
    if (split) return split;
  }
  // gzip (by magic bytes) of a size worth it: decompress here, parse in workers.
  if (threads > 1 && file !== '-' && (await batches(file, size, o.minBytes))) return auditInBatches(index, input, threads, o.pool);
  return o.sequential(index, [input]);
}

/** A plain NDJSON file in pieces over threads, all reading one descriptor; undefined when it is not one. */
async function auditSplit(index: PlanIndex, file: string, o: ParallelOptions): Promise<AuditSummary | undefined> {
  const fh = await open(file, 'r');
  try {
    const size = (await fh.stat()).size;
    const pieces = await splitFile(fh, size, nominalCuts(size, o.threads, Math.max(1, Math.floor(o.minBytes / 16))));
    if (!pieces) return undefined;
    const workers = Array.from({ length: Math.min(o.threads, pieces.length) - 1 }, () => o.pool.take());
    return await auditPieces(index, file, fh.fd, pieces, workers, o.onBytes);
  } finally {
    await fh.close();
  }
}

/** Whether any of these regular files will be spread over workers (so they are worth starting early). */
export async function willSpread(sizes: ReadonlyMap<string, number>, minBytes: number): Promise<boolean> {
  for (const [file, size] of sizes) if (splits(size, minBytes) || (await batches(file, size, minBytes))) return true;
  return false;
}

/** A plain file of this size is cut into pieces (if it is plainly NDJSON). */
function splits(size: number, minBytes: number): boolean {
  return size >= minBytes;
}

/** A gzip file of this size is decompressed here and parsed in workers, batch by batch. */
async function batches(file: string, size: number, minBytes: number): Promise<boolean> {
  return size >= minBytes / 16 && (await isGzip(file));
}

async function isGzip(file: string): Promise<boolean> {
  const fh = await open(file, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await fh.read(head, 0, 2, 0);
    return hasGzipMagic(head.subarray(0, bytesRead));
  } finally {
    await fh.close();
  }
}

