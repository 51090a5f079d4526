import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { auditInputs } from '../../audit/audit.js';
import { summaryFromRows } from '../../audit/from-rows.js';
import type { PlanIndex } from '../../audit/plan-index.js';
import { type AuditSummary, emptySummary, mergeSummaries } from '../../audit/summary.js';
import { compileSql } from '../../sql/compile-sql.js';
import { duckdb } from '../../sql/dialects/duckdb.js';
import type { AuditRow } from '../../sql/rows.js';
import { type AuditEngine, EngineFailure, type EngineJob } from '../engine.js';
import { UnreadableInput } from '../inputs.js';
import { fileKey, relationSql } from './relation.js';
import { readRows } from './rows.js';
import { stageInputs, type StagedInput } from './stage.js';

export interface DuckDbEngineOptions {
  /** DuckDB's worker threads. */
  threads: number;
  /** DuckDB's `memory_limit` (past it, it spills to the run's scratch folder): '512MB'. */
  memoryLimit: string;
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
    const db = await DuckDBInstance.create(':memory:', {
      threads: String(this.options.threads),
      memory_limit: this.options.memoryLimit,
      temp_directory: spill,
      // Rows are numbered as read: the scan keeps the file's order.
      preserve_insertion_order: 'true',
      enable_external_access: 'true',
    });
    let c: DuckDBConnection | undefined;
    try {
      c = await db.connect();
      const relation = await relationSql(c, staged);
      if (relation === undefined) return { notChecked: [] };
      const { sql } = compileSql(job.plan, duckdb, relation);
      const byKey = new Map(staged.map((s, i) => [fileKey(i), i]));
      const notChecked: string[] = [];
      const inputs = new Map<number, AuditRow[]>();
      // Rows come ordered: not-checked, then one `input` row per file, then each file's rows in
      // line order. A file's summary is made as soon as its rows are all read.
      let current = -1;
      let rows: AuditRow[] = [];
      const flush = () => {
        if (current < 0) return;
        summaries.set(current, fileSummary(job.index, staged[current]!, [...(inputs.get(current) ?? []), ...rows]));
        inputs.delete(current);
        rows = [];
      };
      await readRows(c, sql, (row) => {
        if (row.kind === 'not-checked') {
          if (row.detail !== undefined && !notChecked.includes(row.detail)) notChecked.push(row.detail);
          return;
        }
        const i = byKey.get(row.file);
        if (i === undefined) throw new Error(`The query returned a row for an input it was not given: ${row.file}`);
        row.file = staged[i]!.name;
        if (row.kind === 'input') {
          inputs.set(i, [row]);
          return;
        }
        if (i !== current) {
          flush();
          current = i;
        }
        rows.push(row);
      });
      flush();
      // Inputs with no row but their `input` row (blank lines only, an empty file).
      for (const [i, list] of inputs) summaries.set(i, fileSummary(job.index, staged[i]!, list));
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

/** One input's summary from its rows; its bytes as the audit counts them (the rows count one per line end, a last line without one too). */
function fileSummary(index: PlanIndex, staged: StagedInput, rows: AuditRow[]): AuditSummary {
  const s = summaryFromRows(index, rows);
  delete s.notChecked;
  if (staged.kind === 'lines') for (const input of s.inputs) input.bytes = staged.bytes;
  return s;
}

/** An input the audit's reader takes (stage.ts says which and why). */
async function jsSummary(index: PlanIndex, s: Extract<StagedInput, { kind: 'js' }>): Promise<AuditSummary> {
  return auditInputs(index, [{ name: s.name, open: () => createReadStream(s.path, { highWaterMark: 1024 * 1024 }) }]);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
