// `trackplan report` on rows files larger than the longest string V8 holds (about 512 MB):
// the sample capture's rows (the DuckDB query of plans/ecommerce.yaml over
// samples/ecommerce.ndjson) copied by DuckDB into 100 inputs (lines shifted, so each input is
// one large file) and written as JSON lines, as CSV with a header, and as gzip JSON lines. Rows
// files are read a line or record at a time, so all three work (before, `report` read each
// file into one string: it refused these, and a 200 MB file overflowed the stack); wall time
// and peak RSS, which the rows themselves set (the report orders them by input and line).
// BENCH_REPORT_ROWS_MB (default 600) sets the size of the JSON lines and of the CSV.
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { report } from './measure.mjs';

const MB = Number(process.env.BENCH_REPORT_ROWS_MB ?? 600);
const FILES = 100;
const dir = fileURLToPath(new URL('./out/report-rows/', import.meta.url));
const root = fileURLToPath(new URL('../', import.meta.url));
const bin = `${root}dist/cli/bin.js`;
const plan = `${root}plans/ecommerce.yaml`;
mkdirSync(dir, { recursive: true });
const jsonl = `${dir}rows-${MB}mb.ndjson`;
const csv = `${dir}rows-${MB}mb.csv`;
const gz = `${jsonl}.gz`;
const meta = `${jsonl}.copies`;

const run = (args) => {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, TRACKPLAN_REPORT_RSS: '1' } });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const rss = Number(/trackplan-peak-rss-kb (\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024;
  return { ms, rss, code: r.status, stdout: r.stdout, stderr: r.stderr.replace(/trackplan-peak-rss-kb \d+\n/, '') };
};

// The files are kept between runs (they take a minute to write).
if (!existsSync(meta) || !existsSync(gz) || !existsSync(csv)) {
  const t = Date.now();
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  // The sample's relation (docs/sql.md): file, line, message; its rows as JSON lines.
  const lines = readFileSync(`${root}samples/ecommerce.ndjson`, 'utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  await c.run('CREATE TABLE events (file VARCHAR, line BIGINT, message VARCHAR)');
  const app = await c.createAppender('events');
  lines.forEach((l, i) => {
    app.appendVarchar('samples/ecommerce.ndjson');
    app.appendBigInt(BigInt(i + 1));
    app.appendVarchar(l);
    app.endRow();
  });
  app.closeSync();
  const sql = spawnSync(process.execPath, [bin, 'sql', plan, '--dialect', 'duckdb', '--from', 'events'], { encoding: 'utf8' });
  if (sql.status !== 0) throw new Error(sql.stderr);
  // The rows once, then copied by DuckDB into each form: copy k is input k mod 100, its lines
  // shifted past those of the copies before it in that input.
  await c.run(`CREATE TABLE once AS ${sql.stdout}`);
  const messages = Number((await c.runAndReadAll("SELECT count(*) FROM once WHERE kind = 'message'")).getRows()[0][0]);
  const copiesOf = async (format) => {
    await c.run(`COPY (SELECT * FROM once LIMIT 1000000) TO '${dir}once' (${format})`);
    return Math.ceil((MB * 1024 * 1024) / statSync(`${dir}once`).size);
  };
  const copied = (copies) => `SELECT * REPLACE ('samples/ecommerce-' || (k % ${FILES}) || '.ndjson' AS file, line + (k // ${FILES}) * ${lines.length} AS line) FROM once, range(${copies}) AS t(k)`;
  const jsonCopies = await copiesOf('FORMAT json');
  await c.run(`COPY (${copied(jsonCopies)}) TO '${jsonl}' (FORMAT json)`);
  const csvCopies = await copiesOf('HEADER, DELIMITER \',\'');
  await c.run(`COPY (${copied(csvCopies)}) TO '${csv}' (HEADER, DELIMITER ',')`);
  await pipeline(createReadStream(jsonl, { highWaterMark: 1 << 20 }), createGzip({ level: 6 }), createWriteStream(gz));
  c.closeSync();
  writeFileSync(meta, JSON.stringify({ messages, copies: { [jsonl]: jsonCopies, [csv]: csvCopies, [gz]: jsonCopies } }));
  console.log(`(wrote ${jsonCopies} copies of the sample's rows as JSON lines and gzip, ${csvCopies} as CSV, in ${((Date.now() - t) / 1000).toFixed(0)} s)`);
}
const { copies, messages } = JSON.parse(readFileSync(meta, 'utf8'));
const mb = (f) => (statSync(f).size / 1048576).toFixed(0);
const figures = [];
for (const [what, file] of [
  ['JSON lines', jsonl],
  ['CSV', csv],
  ['JSON lines, gzip', gz],
]) {
  const r = run(['report', plan, file, '--format', 'json']);
  if (r.code !== 0 && r.code !== 1) throw new Error(`report of ${file} exited ${r.code}: ${r.stderr}`);
  const read = JSON.parse(r.stdout).totals.read;
  if (read !== copies[file] * messages) throw new Error(`${file}: ${read} messages read, not ${copies[file] * messages}`);
  figures.push([`${what}, ${mb(file)} MB, ${read.toLocaleString('en-US')} message rows`, `${(r.ms / 1000).toFixed(1)} s, peak RSS ${r.rss.toFixed(0)} MB`]);
}
report(`report: rows files of ${MB} MB (${FILES} inputs; the sample's rows copied)`, figures);
