import { Auditor } from './auditor.js';
import type { PlanIndex } from './plan-index.js';
import { readInput } from './read-input.js';
import { type AuditSummary, emptySummary, mergeSummaries } from './summary.js';

/** One input of an audit: a name for reports and a way to read its bytes. */
export interface AuditInput {
  name: string;
  open(): AsyncIterable<Buffer>;
}

/** Audit inputs one after another in this thread (the CLI spreads large files over workers). */
export async function auditInputs(index: PlanIndex, inputs: readonly AuditInput[]): Promise<AuditSummary> {
  let total = emptySummary();
  for (const input of inputs) {
    const auditor = new Auditor(index, input.name);
    const { lines, bytes } = await readInput(input.open(), auditor);
    auditor.finish(lines, bytes);
    total = mergeSummaries(total, auditor.summary);
  }
  return total;
}
