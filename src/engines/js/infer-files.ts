import { createReadStream } from 'node:fs';
import type { AuditInput } from '../../audit/audit.js';
import { flagEmptyInputs } from '../../audit/summary.js';
import { inferInputs } from '../../infer/infer.js';
import type { InferSummary } from '../../infer/summary.js';
import { isReadError, statInputs, unreadable } from '../inputs.js';

/**
 * Infer from files as named on the command line (`-` is standard input): each checked before
 * any is read (a missing one stops the run at once, as in the audit), then read in this thread.
 * Throws UnreadableInput for an input that cannot be read.
 */
export async function inferFiles(files: readonly string[]): Promise<InferSummary> {
  await statInputs(files);
  const inputs: AuditInput[] = files.map((f) => ({
    name: f === '-' ? '<stdin>' : f,
    open: () => (f === '-' ? (process.stdin as AsyncIterable<Buffer>) : createReadStream(f, { highWaterMark: 1024 * 1024 })),
  }));
  let summary: InferSummary;
  try {
    summary = await inferInputs(inputs);
  } catch (e) {
    if (!isReadError(e)) throw e;
    const file = (e as NodeJS.ErrnoException).path ?? files.join(', ');
    throw unreadable(file, e);
  }
  flagEmptyInputs(summary);
  return summary;
}
