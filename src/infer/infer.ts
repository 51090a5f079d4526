import type { AuditInput } from '../audit/audit.js';
import { readInput } from '../audit/read-input.js';
import { loadFormatTest } from './formats.js';
import { Inferrer } from './inferrer.js';
import { emptyInferSummary, type InferSummary, mergeInferSummaries } from './summary.js';

/**
 * Infer from inputs one after another in this thread, with the audit's readers (NDJSON plain or
 * gzip, JSON documents and batches, streamed). One thread: see README "infer" for why.
 */
export async function inferInputs(inputs: readonly AuditInput[]): Promise<InferSummary> {
  const formats = await loadFormatTest();
  let total = emptyInferSummary();
  for (const input of inputs) {
    const inferrer = new Inferrer(input.name, formats);
    const { lines, bytes } = await readInput(input.open(), inferrer);
    inferrer.finish(lines, bytes);
    total = mergeInferSummaries(total, inferrer.summary);
  }
  return total;
}
