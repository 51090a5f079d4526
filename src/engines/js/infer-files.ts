import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { AuditInput } from '../../audit/audit.js';
import { flagEmptyInputs } from '../../audit/summary.js';
import { loadFormatTest } from '../../infer/formats.js';
import { inferInput } from '../../infer/infer.js';
import type { InferSummary } from '../../infer/summary.js';
import { isReadError, statInputs, unreadable } from '../inputs.js';
import { hasGzipMagic } from '../../audit/read-input.js';
import { readInBatches } from './batches.js';
import { nominalCuts, readPieces, splitFile } from './pieces.js';
import { WorkerPool } from './pool.js';
import { inferReading } from './reading.js';

export interface InferFilesOptions {
  /** Threads to use, this one included. */
  threads: number;
  /** Plain NDJSON files from this size are cut into pieces over threads (as the audit's are). */
  minBytes: number;
}

/**
 * Infer from files as named on the command line (`-` is standard input): each checked before
 * any is read (a missing one stops the run at once, as in the audit). A large plain NDJSON file
 * is cut into pieces read on every thread, by the audit's machinery (pieces.ts, the worker
 * pool), and their summaries merge in file order; gzip is decompressed here and its batches
 * parsed in workers (batches.ts); documents, stdin and small files are read in this thread. Throws UnreadableInput for an input that cannot be read.
 */
export async function inferFiles(files: readonly string[], options: InferFilesOptions): Promise<InferSummary> {
  const sizes = await statInputs(files);
  const formats = await loadFormatTest();
  const reading = inferReading(formats);
  const pool = new WorkerPool();
  let total = reading.empty();
  try {
    for (const f of files) {
      try {
        total = reading.merge(total, await inferOne(f, sizes.get(f), options, pool));
      } catch (e) {
        if (isReadError(e)) throw unreadable(f, e);
        throw e;
      }
    }
  } finally {
    pool.close();
  }
  flagEmptyInputs(total);
  return total;

  async function inferOne(f: string, size: number | undefined, o: InferFilesOptions, workers: WorkerPool): Promise<InferSummary> {
    const input: AuditInput = { name: f === '-' ? '<stdin>' : f, open: () => (f === '-' ? (process.stdin as AsyncIterable<Buffer>) : createReadStream(f, { highWaterMark: 1024 * 1024 })) };
    if (o.threads > 1 && f !== '-' && size !== undefined && size >= o.minBytes / 16) {
      const fh = await open(f, 'r');
      let gzip = false;
      try {
        const head = Buffer.alloc(2);
        gzip = hasGzipMagic(head.subarray(0, (await fh.read(head, 0, 2, 0)).bytesRead));
        if (!gzip && size >= o.minBytes) {
          const pieces = await splitFile(fh, size, nominalCuts(size, o.threads, Math.max(1, Math.floor(o.minBytes / 16))));
          if (pieces) {
            const taken = Array.from({ length: Math.min(o.threads, pieces.length) - 1 }, () => workers.take());
            return await readPieces(reading, f, fh.fd, pieces, taken, () => undefined);
          }
        }
      } finally {
        await fh.close();
      }
      // gzip (as the audit's, from a 16th of the size): decompressed here, batches parsed in workers.
      if (gzip) return readInBatches(reading, input, o.threads, workers);
    }
    return inferInput(input, formats);
  }
}
