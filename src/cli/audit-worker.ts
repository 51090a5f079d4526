// A worker thread of `trackplan audit`: audits one byte range of a plain NDJSON file.
import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { Auditor } from '../audit/auditor.js';
import { indexPlan } from '../audit/plan-index.js';
import { readInput } from '../audit/read-input.js';
import { loadPlan } from '../load/load-plan.js';

interface Job {
  planFile: string;
  code: string;
  file: string;
  start: number;
  end: number;
}

const job = workerData as Job;
const loaded = await loadPlan(job.planFile);
if (!loaded.plan) throw new Error(`worker: ${job.planFile} no longer loads`);
// The main thread's validator code, so that every range is checked by the very same code.
const index = await indexPlan(loaded.plan, loaded.locate, job.code);
const auditor = new Auditor(index, job.file);
const stream = createReadStream(job.file, { start: job.start, end: job.end - 1, highWaterMark: 1024 * 1024 });
const { lines, bytes } = await readInput(stream, auditor, { linesOnly: true });
auditor.finish(lines, bytes);
parentPort!.postMessage({ summary: auditor.summary, lines });
