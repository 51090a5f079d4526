// What an audit worker thread does (its entry is audit-worker.ts). It is started before the
// plan is loaded (so its start overlaps the main thread's) and waits for its job, the first
// message it gets. Two jobs: audit pieces of a plain NDJSON file (taking them from a counter
// shared with the other threads), or audit batches of lines that the main thread decompressed
// from a gzip input (the messages after the job).
import { parentPort } from 'node:worker_threads';
import { LineSplitter } from '../../audit/lines.js';
import { claimPieces, type Piece, readBuffers, readPiece } from './pieces.js';
import { readingFor, type ReadingSpec } from './reading.js';

export interface PiecesJob {
  mode: 'pieces';
  /** What to read the pieces into: the audit (with the plan's validators) or infer. */
  reading: ReadingSpec;
  file: string;
  /** The file's descriptor, opened once by the main thread: every thread reads the same file. */
  fd: number;
  pieces: Piece[];
  /** The next piece to take, shared by every thread auditing the file. */
  next: Int32Array;
  /** Bytes read by every thread so far (for the progress line). */
  read: BigInt64Array;
}

export interface BatchJob {
  mode: 'batches';
  reading: ReadingSpec;
  file: string;
}

export type Batch = { batch: ArrayBuffer; firstLine: number; startOfFile: boolean } | { done: true };

const port = parentPort!;
let onBatch: Promise<(m: Batch) => void> | undefined;

// One listener for the whole life of the worker: batches sent while the validators load wait
// on the same promise, in the order they came.
port.on('message', (m: PiecesJob | BatchJob | Batch) => {
  if (onBatch) {
    void onBatch.then((handle) => handle(m as Batch));
    return;
  }
  const job = m as PiecesJob | BatchJob;
  onBatch = start(job);
});

async function start(job: PiecesJob | BatchJob): Promise<(m: Batch) => void> {
  if (job.mode === 'pieces') {
    // The main thread's validators (or format checks), so every part is read by the very same
    // code, and the worker needs no YAML, no ajv, no plan.
    const reading = await readingFor(job.reading);
    const buffers = readBuffers();
    await claimPieces(job.next, job.pieces, async (k) => {
      port.postMessage({ piece: k, ...(await readPiece(reading, job.file, job.fd, job.pieces[k]!, buffers, job.read)) });
    });
    port.postMessage({ done: true });
    return () => undefined;
  }
  // Each batch ends at a line end and says which line it starts on; lines stay absolute.
  const auditor = (await readingFor(job.reading)).sink(job.file);
  let bytes = 0;
  return (m) => {
    if ('done' in m) {
      auditor.finish(0, bytes);
      port.postMessage({ summary: auditor.summary });
      return;
    }
    const buf = Buffer.from(m.batch);
    bytes += buf.length;
    const splitter = new LineSplitter(auditor, undefined, m.firstLine, { startOfFile: m.startOfFile });
    splitter.push(buf);
    splitter.end();
    port.postMessage({ ack: true });
  };
}
