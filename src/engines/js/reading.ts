// What a pass over the messages of a file reads them into: the audit's Auditor (checked against
// a plan) or infer's Inferrer (the shapes seen). The pieces of a large file go through the same
// machinery (pieces.ts, the worker pool) whichever it is; only the sink and its summary differ.
import { Auditor } from '../../audit/auditor.js';
import { type IndexSpec, loadIndex, type PlanIndex } from '../../audit/plan-index.js';
import type { InputSink } from '../../audit/read-input.js';
import { type AuditSummary, emptySummary, mergeSummaries, offsetLines, sortExamples } from '../../audit/summary.js';
import { loadFormatTest } from '../../infer/formats.js';
import { Inferrer } from '../../infer/inferrer.js';
import type { FormatTest } from '../../infer/shape.js';
import { emptyInferSummary, type InferSummary, mergeInferSummaries, offsetInferLines, sortInferExamples } from '../../infer/summary.js';

/** What a worker is told to read into: plain data, so it crosses to a thread as it is. */
export type ReadingSpec = { kind: 'audit'; spec: IndexSpec } | { kind: 'infer' };

/** A summary of a file or a piece of it: the audit's or infer's. */
export interface PieceSummary {
  inputs: AuditSummary['inputs'];
}

/** The operations the pieces machinery needs of a kind of reading. */
export interface Reading<S extends PieceSummary> {
  spec: ReadingSpec;
  sink(file: string): InputSink & { finish(lines: number, bytes: number): void; readonly summary: S };
  empty(): S;
  /** Add `b` (later in the file) into `a`. */
  merge(a: S, b: S): S;
  /** Add `b` (lines from anywhere in the file) into `a`, keeping every example for `sortExamples`. */
  mergeUnordered(a: S, b: S): S;
  /** Whether the result depends on which lines each thread read (then batches go round in turn). */
  inOrder: boolean;
  offsetLines(s: S, file: string, by: number): void;
  sortExamples(s: S): void;
}

/** The audit's reading: each message checked by the plan's validators. */
export function auditReading(index: PlanIndex): Reading<AuditSummary> {
  return {
    spec: { kind: 'audit', spec: index.spec },
    sink: (file) => new Auditor(index, file),
    empty: emptySummary,
    merge: (a, b) => mergeSummaries(a, b),
    mergeUnordered: (a, b) => mergeSummaries(a, b, { unordered: true }),
    inOrder: false,
    offsetLines,
    sortExamples,
  };
}

/** infer's reading: the shapes of every message, strings tested by `formats` (formats.ts). */
export function inferReading(formats: FormatTest): Reading<InferSummary> {
  return {
    spec: { kind: 'infer' },
    sink: (file) => new Inferrer(file, formats),
    empty: emptyInferSummary,
    merge: mergeInferSummaries,
    mergeUnordered: (a, b) => mergeInferSummaries(a, b, { unordered: true }),
    inOrder: true,
    offsetLines: offsetInferLines,
    sortExamples: sortInferExamples,
  };
}

/** The reading a worker was told to do. */
export async function readingFor(spec: ReadingSpec): Promise<Reading<PieceSummary>> {
  return spec.kind === 'audit' ? (auditReading(await loadIndex(spec.spec)) as unknown as Reading<PieceSummary>) : (inferReading(await loadFormatTest()) as unknown as Reading<PieceSummary>);
}
