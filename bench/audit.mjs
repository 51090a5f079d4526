// `trackplan audit` on a realistic corpus (default 1,000,000 messages of about 1 KB, 50 events,
// 5% wrong in known ways) and its gzip copy, against a bare "read lines + JSON.parse on every
// core" baseline measured in the same run. BENCH_AUDIT_MESSAGES=100000 for a quick run.
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';
import { loadPlan } from '../dist/index.js';
import { KINDS, writeCorpus } from './audit-corpus.mjs';
import { median, report } from './measure.mjs';
import { syntheticPlan } from './synthetic-plan.mjs';

const COUNT = Number(process.env.BENCH_AUDIT_MESSAGES ?? 1_000_000);
const RUNS = Number(process.env.BENCH_AUDIT_RUNS ?? 3);
const dir = fileURLToPath(new URL('./out/audit/', import.meta.url));
const bin = fileURLToPath(new URL('../dist/cli/bin.js', import.meta.url));
const baseline = fileURLToPath(new URL('./baseline.mjs', import.meta.url));
mkdirSync(dir, { recursive: true });
const planFile = `${dir}plan.yaml`;
writeFileSync(planFile, syntheticPlan(50));
const corpus = `${dir}corpus-${COUNT}.ndjson`;
const gz = `${corpus}.gz`;
const meta = `${corpus}.expected.json`;

// The corpus is kept between runs (it takes a while to write); the expected counts with it.
if (!existsSync(meta) || !existsSync(gz)) {
  const { plan } = await loadPlan(planFile);
  const t = Date.now();
  const { expected } = await writeCorpus(corpus, COUNT, plan.events.map((e) => e.name));
  await pipeline(createReadStream(corpus, { highWaterMark: 1 << 20 }), createGzip({ level: 6 }), createWriteStream(gz));
  writeFileSync(meta, JSON.stringify(expected));
  console.log(`(wrote ${COUNT} messages and their gzip copy in ${((Date.now() - t) / 1000).toFixed(0)} s)`);
}
const expected = JSON.parse(readFileSync(meta, 'utf8'));
const mb = statSync(corpus).size / 1048576;

function run(args, env = {}) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, ...env } });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, stdout: r.stdout, stderr: r.stderr };
}

function audit(file) {
  const r = run([bin, 'audit', planFile, file, '--format', 'json'], { TRACKPLAN_REPORT_RSS: '1' });
  const rss = Number(/trackplan-peak-rss-kb (\d+)/.exec(r.stderr)?.[1] ?? 0);
  const report = JSON.parse(r.stdout);
  // The tool must find exactly what was injected, no more and no less.
  const found = Object.fromEntries(KINDS.map((k) => [k, report.groups.filter((g) => g.code === k).reduce((a, g) => a + g.count, 0)]));
  for (const k of KINDS) if (found[k] !== expected[k]) throw new Error(`${file}: expected ${expected[k]} ${k}, found ${found[k]}`);
  const other = report.groups.filter((g) => !KINDS.includes(g.code));
  if (other.length > 0 || report.totals.read !== COUNT) throw new Error(`${file}: unexpected findings ${JSON.stringify(other.slice(0, 3))}, read ${report.totals.read}`);
  return { ms: r.ms, rss };
}

const base = [];
const ours = [];
const baseGz = [];
const oursGz = [];
let rss = 0;
let rssGz = 0;
for (let i = 0; i < RUNS; i++) {
  // Both sides are timed the same way: a whole process, from spawn to exit (Node's own start
  // included on both), not the baseline's inner timer against our wall clock.
  base.push(run([baseline, corpus]).ms);
  const a = audit(corpus);
  ours.push(a.ms);
  rss = Math.max(rss, a.rss);
  baseGz.push(run([baseline, gz]).ms);
  const g = audit(gz);
  oursGz.push(g.ms);
  rssGz = Math.max(rssGz, g.rss);
}
const b = median(base);
const o = median(ours);
const bg = median(baseGz);
const og = median(oursGz);
const rate = (ms) => `${Math.round(COUNT / (ms / 1000)).toLocaleString('en-US')} msg/s, ${(mb / (ms / 1000)).toFixed(0)} MB/s`;
report(`audit: ${COUNT.toLocaleString('en-US')} messages, ${mb.toFixed(0)} MB (gzip ${(statSync(gz).size / 1048576).toFixed(0)} MB), ${availableParallelism()} cores, median of ${RUNS}`, [
  ['injected violations found exactly', KINDS.map((k) => `${k} ${expected[k]}`).join(', ')],
  ['baseline: read lines + JSON.parse, every core (process, spawn to exit)', `${(b / 1000).toFixed(2)} s (${rate(b)})`],
  ['trackplan audit, plain NDJSON', `${(o / 1000).toFixed(2)} s (${rate(o)}), ${(o / b).toFixed(2)}x baseline (target ≤ 1.3x: ${o / b <= 1.3 ? 'met' : 'MISSED'})`],
  ['peak RSS, plain', `${(rss / 1024).toFixed(0)} MB (target < 300 MB: ${rss / 1024 < 300 ? 'met' : 'MISSED'})`],
  ['baseline: gunzip + lines + JSON.parse', `${(bg / 1000).toFixed(2)} s (${rate(bg)})`],
  ['trackplan audit, gzip', `${(og / 1000).toFixed(2)} s (${rate(og)}), ${(og / bg).toFixed(2)}x baseline (target ≤ 1.4x: ${og / bg <= 1.4 ? 'met' : 'MISSED'})`],
  ['peak RSS, gzip', `${(rssGz / 1024).toFixed(0)} MB`],
]);
