// `trackplan audit --engine js` against `--engine duckdb` on the bench corpus (bench/audit-corpus.mjs:
// messages of about 1 KB for the 50-event synthetic plan, 5% wrong in known ways), as NDJSON, as
// its gzip copy and (DuckDB only: the JavaScript engine does not read it) as Parquet with one
// `message` column: wall time and peak RSS side by side, and whether the reports are the same.
// BENCH_DUCKDB_MESSAGES (default 100,000: the DuckDB query takes minutes per million messages
// today, docs/sql.md "Speed"); BENCH_DUCKDB_RUNS (default 1).
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { loadPlan } from '../dist/index.js';
import { eventNames, writeCorpus } from './audit-corpus.mjs';
import { median, report } from './measure.mjs';
import { syntheticPlan } from './synthetic-plan.mjs';

const COUNT = Number(process.env.BENCH_DUCKDB_MESSAGES ?? 100_000);
const RUNS = Number(process.env.BENCH_DUCKDB_RUNS ?? 1);
const dir = fileURLToPath(new URL('./out/duckdb/', import.meta.url));
const bin = fileURLToPath(new URL('../dist/cli/bin.js', import.meta.url));
mkdirSync(dir, { recursive: true });
const planFile = `${dir}plan.yaml`;
writeFileSync(planFile, syntheticPlan(50));
const corpus = `${dir}corpus-${COUNT}.ndjson`;
const gz = `${corpus}.gz`;
const parquet = `${dir}corpus-${COUNT}.parquet`;

// The corpus and its copies are kept between runs (they take a while to write).
if (!existsSync(parquet)) {
  const { plan } = await loadPlan(planFile);
  const t = Date.now();
  await writeCorpus(corpus, COUNT, eventNames(plan));
  await pipeline(createReadStream(corpus, { highWaterMark: 1 << 20 }), createGzip({ level: 6 }), createWriteStream(gz));
  const c = await (await DuckDBInstance.create(':memory:')).connect();
  await c.run(`COPY (SELECT column0 AS message FROM read_csv('${corpus}', header = false, columns = {'column0': 'VARCHAR'}, delim = '\\0', quote = '', escape = '', auto_detect = false, max_line_size = 20000000)) TO '${parquet}' (FORMAT parquet)`);
  c.closeSync();
  console.log(`(wrote ${COUNT} messages, their gzip and Parquet copies, in ${((Date.now() - t) / 1000).toFixed(0)} s)`);
}
const mb = (f) => (statSync(f).size / 1048576).toFixed(0);

function audit(engine, file) {
  const times = [];
  let rss = 0;
  let stdout = '';
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [bin, 'audit', planFile, file, '--format', 'json', '--engine', engine], { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, TRACKPLAN_REPORT_RSS: '1' } });
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (r.status !== 0 && r.status !== 1) throw new Error(`audit --engine ${engine} ${file} exited ${r.status}: ${r.stderr}`);
    rss = Math.max(rss, Number(/trackplan-peak-rss-kb (\d+)/.exec(r.stderr)?.[1] ?? 0));
    stdout = r.stdout;
  }
  const json = JSON.parse(stdout);
  if (json.totals.read !== COUNT) throw new Error(`audit --engine ${engine} ${file}: read ${json.totals.read} of ${COUNT} messages`);
  return { ms: median(times), rss, stdout, json };
}

const row = (r) => `${(r.ms / 1000).toFixed(1)} s, peak RSS ${(r.rss / 1024).toFixed(0)} MB, ${r.json.totals.violations} violations`;
const jsPlain = audit('js', corpus);
const duckPlain = audit('duckdb', corpus);
const jsGzip = audit('js', gz);
const duckGzip = audit('duckdb', gz);
const duckParquet = audit('duckdb', parquet);
// The Parquet file's report is the NDJSON's but for the input's name and bytes (text + one per row).
const asNdjson = JSON.parse(duckParquet.stdout.split(JSON.stringify(parquet)).join(JSON.stringify(corpus)));
asNdjson.inputs[0].bytes = jsPlain.json.inputs[0].bytes;

report(`audit --engine js vs --engine duckdb (${COUNT} messages, ${mb(corpus)} MB NDJSON, ${mb(gz)} MB gzip, ${mb(parquet)} MB Parquet; ${RUNS} run${RUNS > 1 ? 's, median' : ''})`, [
  ['NDJSON, --engine js', row(jsPlain)],
  ['NDJSON, --engine duckdb', `${row(duckPlain)}  (${(duckPlain.ms / jsPlain.ms).toFixed(1)}x the time of js)`],
  ['gzip, --engine js', row(jsGzip)],
  ['gzip, --engine duckdb', `${row(duckGzip)}  (${(duckGzip.ms / jsGzip.ms).toFixed(1)}x)`],
  ['Parquet, --engine duckdb', `${row(duckParquet)}  (js does not read Parquet)`],
  ['same JSON report, NDJSON', duckPlain.stdout === jsPlain.stdout ? 'yes, byte for byte' : 'NO'],
  ['same JSON report, gzip', duckGzip.stdout === jsGzip.stdout ? 'yes, byte for byte' : 'NO'],
  ['same JSON report, Parquet (input name and bytes apart)', JSON.stringify(asNdjson) === JSON.stringify(jsPlain.json) ? 'yes' : 'NO'],
  ['target (issue 14): duckdb ≥ 2.5x faster than js, peak RSS < 1 GB', duckPlain.ms * 2.5 <= jsPlain.ms && duckPlain.rss < 1024 * 1024 ? 'met' : 'MISSED'],
]);
