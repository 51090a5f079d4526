// `trackplan sql` on a 2,000-event plan (wall time of the CLI), and the DuckDB query it prints
// run on @duckdb/node-api over the audit corpus (BENCH_SQL_MESSAGES, default 100,000 messages),
// beside `trackplan audit` on the same file: the same violations, and the time each takes.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { loadPlan } from '../dist/index.js';
import { eventNames, writeCorpus } from './audit-corpus.mjs';
import { median, report } from './measure.mjs';
import { syntheticPlan } from './synthetic-plan.mjs';

const dir = fileURLToPath(new URL('./out/sql/', import.meta.url));
const bin = fileURLToPath(new URL('../dist/cli/bin.js', import.meta.url));
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });

const run = (args) => {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`trackplan ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, stdout: r.stdout };
};

const big = `${dir}plan-2000.yaml`;
writeFileSync(big, syntheticPlan(2000));
const sqlRuns = Array.from({ length: 3 }, () => run(['sql', big, '--dialect', 'duckdb', '--from', 'events']));
const sqlWall = median(sqlRuns.map((r) => r.ms));

const messages = Number(process.env.BENCH_SQL_MESSAGES ?? 100_000);
const plan = `${dir}plan-50.yaml`;
const planText = syntheticPlan(50);
writeFileSync(plan, planText);
const corpus = `${dir}corpus.ndjson`;
const loaded = await loadPlan(plan);
await writeCorpus(corpus, messages, eventNames(loaded.plan));
const audit = run(['audit', plan, corpus, '--format', 'json']);
const jsViolations = JSON.parse(audit.stdout).totals.violations;

const query = run(['sql', plan, '--dialect', 'duckdb', '--from', 'events']).stdout;
const db = await DuckDBInstance.create(':memory:');
const c = await db.connect();
let t = process.hrtime.bigint();
await c.run(`CREATE TABLE events AS SELECT 'corpus' AS file, row_number() OVER () AS line, column0 AS message FROM read_csv('${corpus}', header = false, columns = {'column0': 'VARCHAR'}, delim = '\\x01', quote = '', escape = '', max_line_size = 20000000)`);
const loadMs = Number(process.hrtime.bigint() - t) / 1e6;
t = process.hrtime.bigint();
const rows = await c.runAndReadAll(`SELECT kind, count(*) AS n FROM (${query}) GROUP BY kind`);
const queryMs = Number(process.hrtime.bigint() - t) / 1e6;
const counts = Object.fromEntries(rows.getRowsJson().map(([k, n]) => [k, Number(n)]));

report('trackplan sql', [
  ['`trackplan sql` wall, 2,000-event plan', `${sqlWall.toFixed(0)} ms (${(sqlRuns[0].stdout.length / 1048576).toFixed(1)} MiB of SQL)  (target < 1000 ms: ${sqlWall < 1000 ? 'met' : 'MISSED'})`],
  ['corpus', `${messages} messages, 50-event plan`],
  ['DuckDB: lines into a table', `${loadMs.toFixed(0)} ms`],
  // Side by side, one run each, the same messages: the query against the JavaScript audit.
  ['DuckDB: the query', `${queryMs.toFixed(0)} ms, ${counts.message ?? 0} messages, ${counts.violation ?? 0} violations`],
  ['`trackplan audit` wall (JavaScript engine)', `${audit.ms.toFixed(0)} ms, ${jsViolations} violations`],
  ['the query / the audit', `${(queryMs / audit.ms).toFixed(1)}x`],
  ['same violations', counts.violation === jsViolations ? 'yes' : 'NO'],
]);
