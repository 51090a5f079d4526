import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { auditInputs } from '../../audit/audit.js';
import { RowFolder } from '../../audit/from-rows.js';
import type { PlanIndex } from '../../audit/plan-index.js';
import { type AuditSummary, emptySummary, mergeSummaries } from '../../audit/summary.js';
import { compileSql } from '../../sql/compile-sql.js';
import { duckdb } from '../../sql/dialects/duckdb.js';
import { type AuditEngine, EngineFailure, type EngineJob } from '../engine.js';
import { isReadError, UnreadableInput, unreadable } from '../inputs.js';
import { fileKey, loadLines, loadSlice, SLICE_TABLE, slicesOf } from './relation.js';
import { readRows } from './rows.js';
import { stageInputs, type StagedInput } from './stage.js';

export interface DuckDbEngineOptions {
  /** DuckDB's worker threads. */
  threads: number;
  /** DuckDB's `memory_limit` (past it, it spills to the run's scratch folder): '1536MB'. */
  memoryLimit: string;
  /** Lines checked by one run of the query at most (README "Performance": its memory grows with them). */
  batch: number;
  /** Bytes of text checked by one run of the query, about (a slice ends at the line that passes them). */
  sliceBytes: number;
}

/**
 * The audit on an embedded DuckDB (@duckdb/node-api, imported only when this engine runs):
 * the plan compiled to one query (src/sql, the `duckdb` dialect) over a relation DuckDB reads
 * from the inputs itself, the rows folded into the audit summary by the audit's own Auditor
 * (audit/from-rows.ts), so the report is the JavaScript engine's. Inputs its readers would
 * read differently from the audit (stage.ts) are read by the audit's reader in this thread.
 * Everything the run writes (standard input, gzip inputs decompressed, DuckDB's spill files)
 * stays in a scratch folder it removes.
 */
export class DuckDbEngine implements AuditEngine {
  readonly #scratch: string[] = [];

  constructor(private readonly options: DuckDbEngineOptions) {}

  async audit(job: EngineJob): Promise<AuditSummary> {
    const scratch = await mkdtemp(join(tmpdir(), 'trackplan-duckdb-'));
    this.#scratch.push(scratch);
    try {
      const staged = await stageInputs(job.files, scratch, job.onBytes);
      const summaries = new Map<number, AuditSummary>();
      let notChecked: string[] = [];
      if (staged.some((s) => s.kind !== 'js')) ({ notChecked } = await this.#query(job, staged, scratch, summaries).catch((e: unknown) => Promise.reject(this.#failure(e))));
      for (const [i, s] of staged.entries()) if (s.kind === 'js') summaries.set(i, await jsSummary(job.index, s));
      // In the order of the command line, as the JavaScript engine merges them.
      let total = emptySummary();
      for (let i = 0; i < staged.length; i++) total = mergeSummaries(total, summaries.get(i) ?? emptySummary());
      if (notChecked.length > 0) total.notChecked = notChecked;
      return total;
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }

  async #query(job: EngineJob, staged: readonly StagedInput[], scratch: string, summaries: Map<number, AuditSummary>): Promise<{ notChecked: string[] }> {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const spill = join(scratch, 'spill');
    await mkdir(spill);
    // A database file in the scratch folder, not ':memory:': the loaded lines are then blocks
    // DuckDB can drop from memory and read again, leaving the query its memory_limit.
    const db = await DuckDBInstance.create(join(scratch, 'audit.duckdb'), {
      threads: String(this.options.threads),
      memory_limit: this.options.memoryLimit,
      temp_directory: spill,
      // Lines are numbered as read: the scan keeps the file's order.
      preserve_insertion_order: 'true',
    });
    let c: DuckDBConnection | undefined;
    try {
      c = await db.connect();
      const total = await loadLines(c, staged);
      const { sql } = compileSql(job.plan, duckdb, SLICE_TABLE);
      const byKey = new Map(staged.map((s, i) => [fileKey(i), i]));
      const folders = new Map<number, RowFolder>();
      const notChecked: string[] = [];
      // The query over slices of the lines: its memory grows with the messages it checks at once
      // (README "Performance"), so a slice bounds it whatever the input. Rows of a slice come in
      // input order, slices one after another: each input's rows reach its folder in order.
      let checked = 0;
      job.onChecked?.(0, total);
      for (const [lo, count] of total > 0 ? await slicesOf(c, this.options.batch, this.options.sliceBytes) : []) {
        await loadSlice(c, lo, count);
        await readRows(c, sql, (row) => {
          if (row.kind === 'not-checked') {
            if (row.detail !== undefined && !notChecked.includes(row.detail)) notChecked.push(row.detail);
            return;
          }
          const i = byKey.get(row.file);
          if (i === undefined) throw new Error(`The query returned a row for an input it was not given: ${row.file}`);
          let folder = folders.get(i);
          if (!folder) folders.set(i, (folder = new RowFolder(job.index, staged[i]!.name)));
          folder.add(row);
        });
        job.onChecked?.((checked += count), total);
      }
      for (const [i, folder] of folders) {
        const s = staged[i]!;
        summaries.set(i, folder.finish(s.kind === 'lines' ? s.bytes : undefined));
      }
      return { notChecked: notChecked.sort(compareText) };
    } finally {
      c?.closeSync();
      db.closeSync();
    }
  }

  /** DuckDB's errors in one line; running out of `memory_limit` says what to do. */
  #failure(e: unknown): unknown {
    if (e instanceof UnreadableInput || !(e instanceof Error) || !/^[A-Z][A-Za-z ]* Error: /.test(e.message)) return e;
    const first = e.message.split('\n')[0]!;
    if (first.startsWith('Out of Memory Error')) return new EngineFailure(`--engine duckdb needed more memory than its limit (${this.options.memoryLimit}): ${first.replace(/^Out of Memory Error: /, '')}. Set TRACKPLAN_DUCKDB_MEMORY higher (e.g. 2GB), or use --engine js.`);
    return new EngineFailure(`--engine duckdb failed: ${first}`);
  }

  close(): void {
    // audit() removes its scratch folder itself; this is for a run stopped half way.
    for (const dir of this.#scratch.splice(0)) void rm(dir, { recursive: true, force: true });
  }
}

/** An input the audit's reader takes (stage.ts says which and why). */
async function jsSummary(index: PlanIndex, s: Extract<StagedInput, { kind: 'js' }>): Promise<AuditSummary> {
  try {
    return await auditInputs(index, [{ name: s.name, open: () => createReadStream(s.path, { highWaterMark: 1024 * 1024 }) }]);
  } catch (e) {
    throw isReadError(e) ? unreadable(s.name, e) : e;
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
