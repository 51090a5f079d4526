import type { AuditInput } from '../audit/audit.js';
import { readInput } from '../audit/read-input.js';
import { loadFormatTest } from './formats.js';
import { Inferrer } from './inferrer.js';
import type { FormatTest } from './shape.js';
import { emptyInferSummary, type InferSummary, mergeInferSummaries } from './summary.js';

/**
 * Infer from inputs one after another in this thread, with the audit's readers (NDJSON plain or
 * gzip, JSON documents and batches, streamed). The CLI spreads large files over threads
 * (src/engines/js/infer-files.ts).
 */
export async function inferInputs(inputs: readonly AuditInput[]): Promise<InferSummary> {
  const formats = await loadFormatTest();
  let total = emptyInferSummary();
  for (const input of inputs) total = mergeInferSummaries(total, await inferInput(input, formats));
  return total;
}

/** Infer from one input in this thread. */
export async function inferInput(input: AuditInput, formats: FormatTest): Promise<InferSummary> {
  const inferrer = new Inferrer(input.name, formats);
  const { lines, bytes } = await readInput(input.open(), inferrer);
  inferrer.finish(lines, bytes);
  return inferrer.summary;
}
