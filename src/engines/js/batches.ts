import type { Worker } from 'node:worker_threads';
import type { AuditInput } from '../../audit/audit.js';
import { GunzipReader } from '../../audit/gunzip.js';
import type { PlanIndex } from '../../audit/plan-index.js';
import { FirstLineProbe, MAX_LINE } from '../../audit/lines.js';
import { InputReader } from '../../audit/read-input.js';
import type { AuditSummary } from '../../audit/summary.js';
import type { Batch, BatchJob } from './job.js';
import type { WorkerPool } from './pool.js';
import { auditReading, type PieceSummary, type Reading } from './reading.js';

const BATCH_BYTES = 4 * 1024 * 1024;
/** Batches in flight per worker: enough to keep it busy, few enough to keep memory flat. */
const IN_FLIGHT = 2;

/**
 * gzip is one stream: it is decompressed here (zlib works on libuv's thread pool), cut into
 * batches of whole lines, and the batches go to worker threads, each told the line its batch
 * starts on. Only input that is plainly NDJSON goes this way (its first line with content is
 * JSON); anything else (a JSON document, a broken first line) is read here by the same reader
 * as a small file, so both ways give the same report.
 */
export function auditInBatches(index: PlanIndex, input: AuditInput, threads: number, pool: WorkerPool): Promise<AuditSummary> {
  return readInBatches(auditReading(index), input, threads, pool);
}

/**
 * `auditInBatches` for any reading. A reading whose result depends on which lines each thread
 * read (infer's caps on names: `inOrder`) sends batch k to worker k mod n, so the same input
 * gives the same result; the audit's sends each batch to the first worker with room.
 */
export async function readInBatches<S extends PieceSummary>(reading: Reading<S>, input: AuditInput, threads: number, pool: WorkerPool): Promise<S> {
  // Errors reading the file itself are thrown; damaged gzip data ends the chunks (`gzip.problem`).
  const gzip = new GunzipReader(input.open());
  const it = gzip[Symbol.asyncIterator]();
  const next = async (): Promise<Buffer | undefined> => {
    const r = await it.next();
    return r.done ? undefined : r.value;
  };

  // Read up to the end of the first line with content, and decide.
  const head: Buffer[] = [];
  let ndjson = false;
  const probe = new FirstLineProbe();
  for (let chunk = await next(); chunk; chunk = await next()) {
    head.push(chunk);
    const verdict = probe.feed(chunk);
    ndjson = verdict === true;
    if (verdict !== undefined) break;
  }

  if (!ndjson) {
    const auditor = reading.sink(input.name);
    const reader = new InputReader(auditor);
    let bytes = 0;
    for (let chunk: Buffer | undefined = head.shift() ?? (await next()); chunk; chunk = head.shift() ?? (await next())) {
      bytes += chunk.length;
      reader.push(chunk);
    }
    reader.end();
    if (gzip.problem) auditor.badInput(gzip.problem.code, reader.lines + 1, gzip.problem.message);
    auditor.finish(reader.lines, bytes);
    return auditor.summary;
  }

  const workers = Array.from({ length: threads }, () => pool.take());
  const job: BatchJob = { mode: 'batches', reading: reading.spec, file: input.name };
  for (const w of workers) w.postMessage(job);
  const inFlight = workers.map(() => 0);
  const waiting: (() => void)[] = [];
  let workerError: Error | undefined;
  const results: Promise<S>[] = workers.map(
    (w, i) =>
      new Promise((resolve, reject) => {
        w.on('message', (m: { ack?: boolean; summary?: S }) => {
          if (m.ack) {
            inFlight[i]!--;
            waiting.shift()?.();
          }
          if (m.summary) {
            resolve(m.summary);
            void w.terminate();
          }
        });
        const fail = (e: Error) => {
          workerError ??= e;
          // Wake the sender, which would otherwise wait for this worker forever.
          for (const wake of waiting.splice(0)) wake();
          reject(e);
        };
        w.once('error', fail);
        // A worker that ends without its summary (it died before its job, or was killed).
        w.once('exit', (code) => fail(new Error(`audit worker stopped with exit code ${code}`)));
      }),
  );
  // Handled here so a dead worker is one error at the end, not an unhandled rejection.
  for (const r of results) r.catch(() => undefined);

  try {
    const here = reading.sink(input.name);
    let sent = 0;
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
        const free = reading.inOrder ? (inFlight[sent % workers.length]! < IN_FLIGHT ? sent % workers.length : -1) : inFlight.findIndex((n) => n < IN_FLIGHT);
        if (free !== -1) {
          inFlight[free]!++;
          // Copy into a buffer of its own, then hand its memory over (no second copy).
          const own = new Uint8Array(batch.length);
          own.set(batch);
          workers[free]!.postMessage({ batch: own.buffer, firstLine: line, startOfFile } satisfies Batch, [own.buffer]);
          startOfFile = false;
          sent++;
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
    if (gzip.problem) here.badInput(gzip.problem.code, line + (partial ? 1 : 0), gzip.problem.message);
    for (const w of workers) w.postMessage({ done: true } satisfies Batch);
    const summaries = await Promise.all(results);
    // Each worker's batches come from all over the file: keep every example, then the first ones.
    let total = reading.empty();
    for (const s of summaries) total = reading.mergeUnordered(total, s);
    total = reading.mergeUnordered(total, here.summary);
    reading.sortExamples(total);
    const blank = total.inputs.reduce((a, x) => a + x.blank, 0);
    // Lines are counted by their ends; a last line without one counts too.
    total.inputs = [{ file: input.name, lines: line - 1 + (lastByte !== 10 && bytes > 0 ? 1 : 0), blank, bytes }];
    return total;
  } finally {
    // On success they have ended already; after a failure the others would keep the process alive.
    for (const w of workers) void w.terminate();
  }
}
