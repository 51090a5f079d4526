// A worker thread of `trackplan audit`. Two jobs: audit one byte range of a plain NDJSON file,
// or audit batches of lines that the main thread decompressed from a gzip input.
import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { Auditor } from '../audit/auditor.js';
import { LineSplitter } from '../audit/lines.js';
import { type IndexSpec, loadIndex } from '../audit/plan-index.js';
import { ModeSink, readInput } from '../audit/read-input.js';

interface RangeJob {
  mode: 'range';
  spec: IndexSpec;
  file: string;
  start: number;
  end: number;
}

interface BatchJob {
  mode: 'batches';
  spec: IndexSpec;
  file: string;
}

const job = workerData as RangeJob | BatchJob;
// The main thread's validators, so every part is checked by the very same code, and the
// worker starts fast: no YAML, no ajv, no plan to load.
const index = await loadIndex(job.spec);
const auditor = new Auditor(index, job.file);

if (job.mode === 'range') {
  const stream = createReadStream(job.file, { start: job.start, end: job.end - 1, highWaterMark: 1024 * 1024 });
  const { lines, bytes } = await readInput(stream, auditor, { linesOnly: true, startOfFile: job.start === 0 });
  auditor.finish(lines, bytes);
  parentPort!.postMessage({ summary: auditor.summary, lines });
} else {
  // Each batch ends at a line end and says which line it starts on; lines stay absolute.
  const sink = new ModeSink(auditor, 'lines');
  let bytes = 0;
  parentPort!.on('message', (m: { batch: ArrayBuffer; firstLine: number; startOfFile: boolean } | { done: true }) => {
    if ('done' in m) {
      auditor.finish(0, bytes);
      parentPort!.postMessage({ summary: auditor.summary });
      return;
    }
    const buf = Buffer.from(m.batch);
    bytes += buf.length;
    const splitter = new LineSplitter(sink, undefined, m.firstLine, { startOfFile: m.startOfFile });
    splitter.push(buf);
    splitter.end();
    parentPort!.postMessage({ ack: true });
  });
  parentPort!.postMessage({ ready: true });
}
