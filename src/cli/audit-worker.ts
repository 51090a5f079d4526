// A worker thread of `trackplan audit`: audits one byte range of a plain NDJSON file.
import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { Auditor } from '../audit/auditor.js';
import { type IndexSpec, loadIndex } from '../audit/plan-index.js';
import { readInput } from '../audit/read-input.js';

interface Job {
  spec: IndexSpec;
  file: string;
  start: number;
  end: number;
}

const job = workerData as Job;
// The main thread's validators, so every range is checked by the very same code, and the
// worker starts fast: no YAML, no ajv, no plan to load.
const index = await loadIndex(job.spec);
const auditor = new Auditor(index, job.file);
const stream = createReadStream(job.file, { start: job.start, end: job.end - 1, highWaterMark: 1024 * 1024 });
const { lines, bytes } = await readInput(stream, auditor, { linesOnly: true });
auditor.finish(lines, bytes);
parentPort!.postMessage({ summary: auditor.summary, lines });
