import type { PlanIndex } from '../audit/plan-index.js';
import type { AuditSummary } from '../audit/summary.js';
import type { Plan } from '../model/plan.js';

/**
 * What an audit engine is given: the checked plan's index, the inputs as named on the command
 * line (`-` is standard input) with the sizes of the regular files among them, and hooks for
 * progress. Engines differ in how they read and check (threads, a database); all of them
 * return the same summary, from which the report is built.
 */
export interface EngineJob {
  /** The checked plan (an SQL engine compiles it to its query). */
  plan: Plan;
  index: PlanIndex;
  files: readonly string[];
  sizes: ReadonlyMap<string, number>;
  /** Called with the bytes read, as they are read. */
  onBytes?(bytes: number): void;
  /**
   * Called by an engine that reads its inputs first and checks them after (DuckDB loads every
   * line, then runs its query slice by slice): lines checked so far, of how many.
   */
  onChecked?(lines: number, of: number): void;
  /** Wraps an input stream the engine reads itself (for a progress display). */
  watch?(stream: AsyncIterable<Buffer>): AsyncIterable<Buffer>;
}

/** An audit engine: inputs + plan in, the audit summary out. Reading errors are `UnreadableInput`. */
export interface AuditEngine {
  /** Get ready for inputs of these sizes (start threads, open a database) while the plan loads. */
  prepare?(sizes: ReadonlyMap<string, number>): Promise<void>;
  audit(job: EngineJob): Promise<AuditSummary>;
  /** Release what `prepare` or `audit` started; safe to call more than once. */
  close(): void;
}

/** An engine that could not finish (a database out of its memory limit): a one-line message, exit code 2. */
export class EngineFailure extends Error {
  override name = 'EngineFailure';
}
