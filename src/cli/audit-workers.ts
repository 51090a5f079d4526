import { createReadStream } from 'node:fs';
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
      total = mergeSummaries(total, await o.sequential(index, [input]));
      continue;
    }
    // This thread takes the first range itself: one thread fewer to start, and its
    // validators are already loaded.
    const results = await Promise.all(
      ranges.map((r, k) => (k === 0 ? auditRange(index, file, r) : runWorker({ spec: index.spec, file, start: r.start, end: r.end })).then((x) => (o.onBytes(r.end - r.start), x))),
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
      let pos = Math.floor((size * k) / parts);
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

function runWorker(job: { spec: PlanIndex['spec']; file: string; start: number; end: number }): Promise<{ summary: AuditSummary; lines: number }> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL('./audit-worker.js', import.meta.url), { workerData: job });
    w.once('message', resolve);
    w.once('error', reject);
    w.once('exit', (code) => {
      if (code !== 0) reject(new Error(`audit worker stopped with exit code ${code}`));
    });
  });
}
