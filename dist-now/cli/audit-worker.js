// A worker thread of `trackplan audit`. It is started before the plan is loaded (so its start
// overlaps the main thread's) and waits for its job, the first message it gets. Two jobs:
// audit pieces of a plain NDJSON file (taking them from a counter shared with the other
// threads), or audit batches of lines that the main thread decompressed from a gzip input
// (the messages after the job).
import { parentPort } from 'node:worker_threads';
import { Auditor } from '../audit/auditor.js';
import { LineSplitter } from '../audit/lines.js';
import { loadIndex } from '../audit/plan-index.js';
import { ModeSink } from '../audit/read-input.js';
import { auditPiece, claimPieces } from './audit-piece.js';
const port = parentPort;
let onBatch;
// One listener for the whole life of the worker: batches sent while the validators load wait
// on the same promise, in the order they came.
port.on('message', (m) => {
    if (onBatch) {
        void onBatch.then((handle) => handle(m));
        return;
    }
    const job = m;
    onBatch = start(job);
});
async function start(job) {
    // The main thread's validators, so every part is checked by the very same code, and the
    // worker needs no YAML, no ajv, no plan.
    const index = await loadIndex(job.spec);
    if (job.mode === 'pieces') {
        await claimPieces(job.next, job.pieces, async (k) => {
            port.postMessage({ piece: k, ...(await auditPiece(index, job.file, job.pieces[k])) });
        });
        port.postMessage({ done: true });
        return () => undefined;
    }
    // Each batch ends at a line end and says which line it starts on; lines stay absolute.
    const auditor = new Auditor(index, job.file);
    const sink = new ModeSink(auditor, 'lines');
    let bytes = 0;
    return (m) => {
        if ('done' in m) {
            auditor.finish(0, bytes);
            port.postMessage({ summary: auditor.summary });
            return;
        }
        const buf = Buffer.from(m.batch);
        bytes += buf.length;
        const splitter = new LineSplitter(sink, undefined, m.firstLine, { startOfFile: m.startOfFile });
        splitter.push(buf);
        splitter.end();
        port.postMessage({ ack: true });
    };
}
//# sourceMappingURL=audit-worker.js.map