import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { open } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { AuditInput } from '../audit/audit.js';
import { Auditor } from '../audit/auditor.js';
import type { PlanIndex } from '../audit/plan-index.js';
import { readInput } from '../audit/read-input.js';
import { type AuditSummary, emptySummary, mergeSummaries, offsetLines } from '../audit/summary.js';

export interface ParallelOptions {
  workers: number | undefined;
  minBytes: number;
  sequential: (index: PlanIndex, inputs: readonly AuditInput[]) => Promise<AuditSummary>;
  onBytes(n: number): void;
}

/**
 * Audit inputs, spreading each large plain NDJSON file over worker threads by byte ranges
 * (cut at line ends). Line numbers come back relative to each range and are shifted by the
 * lines of the ranges before it, so reports name the same lines a single thread would.
 * Gzip, stdin, small files and whole-document JSON are read in this thread.
 */
export async function auditInParallel(index: PlanIndex, inputs: readonly AuditInput[], files: readonly string[], sizes: ReadonlyMap<string, number>, o: ParallelOptions): Promise<AuditSummary> {
  const threads = o.workers ?? availableParallelism();
  let total = emptySummary();
  for (const [i, input] of inputs.entries()) {
    const file = files[i]!;
    const size = sizes.get(file) ?? 0;
    const ranges = threads > 1 && file !== '-' && size >= o.minBytes ? await splitFile(file, size, threads) : undefined;
    if (!ranges) {
      // gzip (by magic bytes) of a size worth it: decompress here, parse in workers.
      if (threads > 1 && file !== '-' && size >= o.minBytes / 16 && (await isGzip(file))) {
        total = mergeSummaries(total, await auditInBatches(index, input, threads));
        continue;
      }
      total = mergeSummaries(total, await o.sequential(index, [input]));
      continue;
    }
    // This thread takes the first range itself: one thread fewer to start, and its
    // validators are already loaded.
    const results = await Promise.all(
      ranges.map((r, k) => (k === 0 ? auditRange(index, file, r) : runWorker({ mode: 'range', spec: index.spec, file, start: r.start, end: r.end })).then((x) => (o.onBytes(r.end - r.start), x))),
    );
    let offset = 0;
    const merged = emptySummary();
    for (const r of results) {
      offsetLines(r.summary, file, offset);
      offset += r.lines;
      mergeSummaries(merged, r.summary);
    }
    // One input entry for the file, not one per range.
    merged.inputs = [{ file, lines: offset, blank: merged.inputs.reduce((a, x) => a + x.blank, 0), bytes: merged.inputs.reduce((a, x) => a + x.bytes, 0) }];
    total = mergeSummaries(total, merged);
  }
  return total;
}

/** Byte ranges cut just after a newline; undefined when the file is gzip or one JSON document. */
async function splitFile(file: string, size: number, parts: number): Promise<{ start: number; end: number }[] | undefined> {
  const fh = await open(file, 'r');
  try {
    const head = Buffer.alloc(Math.min(size, 1 << 20));
    await fh.read(head, 0, head.length, 0);
    if (head[0] === 0x1f && head[1] === 0x8b) return undefined;
    const firstLine = head.subarray(0, head.indexOf(10) === -1 ? head.length : head.indexOf(10)).toString('utf8').trim();
    try {
      JSON.parse(firstLine.replace(/^\ufeff/, ''));
    } catch {
      if (firstLine.startsWith('[') || firstLine.startsWith('{')) return undefined; // a JSON document: read whole
    }
    const cuts = [0];
    const probe = Buffer.alloc(64 * 1024);
    for (let k = 1; k < parts; k++) {
      // This thread starts on the first range while the workers are still booting: give it a
      // little more (a tenth of a range), so that all finish together.
      let pos = Math.floor((size * (k + 0.1)) / (parts + 0.1));
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

async function auditRange(index: PlanIndex, file: string, r: { start: number; end: number }): Promise<{ summary: AuditSummary; lines: number }> {
  const auditor = new Auditor(index, file);
  const { lines, bytes } = await readInput(createReadStream(file, { start: r.start, end: r.end - 1, highWaterMark: 1024 * 1024 }), auditor, { linesOnly: true });
  auditor.finish(lines, bytes);
  return { summary: auditor.summary, lines };
}

function runWorker(job: { mode: 'range'; spec: PlanIndex['spec']; file: string; start: number; end: number }): Promise<{ summary: AuditSummary; lines: number }> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL('./audit-worker.js', import.meta.url), { workerData: job });
    w.once('message', resolve);
    w.once('error', reject);
    w.once('exit', (code) => {
      if (code !== 0) reject(new Error(`audit worker stopped with exit code ${code}`));
    });
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
 * starts on. A whole-document JSON input (a pretty-printed array) is read in this thread.
 */
async function auditInBatches(index: PlanIndex, input: AuditInput, threads: number): Promise<AuditSummary> {
  const gunzip = createGunzip();
  const source = Readable.from(input.open());
  source.pipe(gunzip);
  source.on('error', (e) => gunzip.destroy(e));
  const workers = Array.from({ length: threads }, () => new Worker(new URL('./audit-worker.js', import.meta.url), { workerData: { mode: 'batches', spec: index.spec, file: input.name } }));
  const inFlight = workers.map(() => 0);
  const waiting: (() => void)[] = [];
  const results: Promise<AuditSummary>[] = workers.map(
    (w, i) =>
      new Promise((resolve, reject) => {
        w.on('message', (m: { ack?: boolean; ready?: boolean; summary?: AuditSummary }) => {
          if (m.ack) {
            inFlight[i]!--;
            waiting.shift()?.();
          }
          if (m.summary) {
            resolve(m.summary);
            void w.terminate();
          }
        });
        w.once('error', reject);
      }),
  );
  const here = new Auditor(index, input.name);
  let line = 1;
  // Whole lines waiting to be sent, and the start of the line still being read.
  let full: Buffer[] = [];
  let fullBytes = 0;
  let tail: Buffer[] = [];
  let tailBytes = 0;
  let skipping = false;
  let first = true;
  let documentMode = false;
  let bytes = 0;
  let lastByte = 10;
  const send = async (batch: Buffer) => {
    lastByte = batch[batch.length - 1] ?? lastByte;
    let lines = 0;
    for (let at = batch.indexOf(10); at !== -1; at = batch.indexOf(10, at + 1)) lines++;
    for (;;) {
      const free = inFlight.findIndex((n) => n < IN_FLIGHT);
      if (free !== -1) {
        inFlight[free]!++;
        // Copy into a buffer of its own, then hand its memory over (no second copy).
        const own = new Uint8Array(batch.length);
        own.set(batch);
        workers[free]!.postMessage({ batch: own.buffer, firstLine: line }, [own.buffer]);
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
    if (documentMode) return;
    if (skipping) here.tooLong(line, tailBytes);
    else {
      full.push(...tail);
      fullBytes += tailBytes;
    }
    tail = [];
    tailBytes = 0;
    if (fullBytes > 0) await flush();
  };
  const docChunks: Buffer[] = [];
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (first) {
        first = false;
        const nl = chunk.indexOf(10);
        const head = chunk.subarray(0, nl === -1 ? chunk.length : nl).toString('utf8').replace(/^\ufeff/, '').trim();
        try {
          JSON.parse(head);
        } catch {
          documentMode = head.startsWith('[') || head.startsWith('{');
        }
      }
      if (documentMode) {
        docChunks.push(chunk);
        continue;
      }
      const last = chunk.lastIndexOf(10);
      if (last === -1) {
        // No line end in this chunk: the current line goes on.
        tailBytes += chunk.length;
        if (skipping) continue;
        if (tailBytes > MAX_LINE) {
          // Too long to be a message: send what came before (so `line` is this line's
          // number), then drop it up to its end, as the single-thread reader does.
          if (fullBytes > 0) await flush();
          skipping = true;
          tail = [];
          continue;
        }
        tail.push(chunk);
        continue;
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
    }
    await finish();
  } catch (e) {
    await finish().catch(() => undefined);
    here.badInput('truncated-input', line, `The gzip data ends early or is damaged (${(e as Error).message}); what came before was audited.`);
  }
  for (const w of workers) w.postMessage({ done: true });
  const summaries = await Promise.all(results);
  let total = emptySummary();
  for (const s of summaries) total = mergeSummaries(total, s);
  if (documentMode) {
    // A JSON document cannot be cut into lines: read it here, from what was decompressed.
    const { readInput } = await import('../audit/read-input.js');
    const doc = new Auditor(index, input.name);
    await readInput((async function* () { yield* docChunks; })(), doc);
    total = mergeSummaries(total, doc.summary);
  }
  total = mergeSummaries(total, here.summary);
  const blank = total.inputs.reduce((a, x) => a + x.blank, 0);
  // Lines are counted by their ends; a last line without one counts too.
  total.inputs = [{ file: input.name, lines: line - 1 + (lastByte !== 10 && bytes > 0 ? 1 : 0), blank, bytes }];
  return total;
}
