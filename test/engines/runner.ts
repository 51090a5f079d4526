import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contractRows } from './contract.js';
import { startSpark, type ContractFile } from './spark.js';
import { startTrino } from './trino.js';

/** One real engine, as the dialect tests use it: NDJSON files in, the query's rows out. */
export interface EngineRunner {
  readonly name: 'spark' | 'trino';
  /**
   * Loads `files` as the contract relation `messages`, runs `sql` and returns where its rows
   * were written as JSON lines (as the engine exports them), with the rows parsed.
   */
  run(files: readonly ContractFile[], sql: string): Promise<{ path: string; rows: Record<string, unknown>[] }>;
  peakRssMb(): number;
  stop(): Promise<void>;
}

function readRows(path: string): Record<string, unknown>[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** Spark through test/engines/spark_driver.py: rows as Spark's JSON writer gives them (NULL columns left out). */
export async function sparkRunner(): Promise<EngineRunner> {
  const spark = await startSpark();
  const dir = mkdtempSync(join(tmpdir(), 'trackplan-spark-rows-'));
  let n = 0;
  return {
    name: 'spark',
    async run(files, sql) {
      const path = join(dir, `rows-${++n}.jsonl`);
      await spark.run(files, sql, path);
      return { path, rows: readRows(path) };
    },
    peakRssMb: () => spark.peakRssMb(),
    async stop() {
      await spark.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Trino over its REST API: rows written as JSON objects with every column, NULL as null. */
export async function trinoRunner(): Promise<EngineRunner> {
  const trino = await startTrino();
  const dir = mkdtempSync(join(tmpdir(), 'trackplan-trino-rows-'));
  let n = 0;
  return {
    name: 'trino',
    async run(files, sql) {
      await trino.load(files.flatMap((f) => contractRows(f.path, f.name)));
      const result = await trino.query(sql);
      const rows = result.rows.map((r) => Object.fromEntries(result.columns.map((c, i) => [c, r[i] ?? null])));
      const path = join(dir, `rows-${++n}.jsonl`);
      writeFileSync(path, rows.map((r) => `${JSON.stringify(r)}\n`).join(''));
      return { path, rows };
    },
    peakRssMb: () => trino.peakRssMb(),
    async stop() {
      await trino.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
