// `trackplan infer` against `trackplan audit` on the same corpus (the audit bench's: about 1 KB
// messages, 50 events), each a whole process from spawn to exit. The target: infer within 2x
// the audit's time. BENCH_INFER_MESSAGES=100000 for a quick run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { loadPlan } from '../dist/index.js';
import { writeCorpus } from './audit-corpus.mjs';
import { median, report } from './measure.mjs';
import { syntheticPlan } from './synthetic-plan.mjs';

const COUNT = Number(process.env.BENCH_INFER_MESSAGES ?? 1_000_000);
const RUNS = Number(process.env.BENCH_INFER_RUNS ?? 3);
const dir = fileURLToPath(new URL('./out/infer/', import.meta.url));
const bin = fileURLToPath(new URL('../dist/cli/bin.js', import.meta.url));
mkdirSync(dir, { recursive: true });
const planFile = `${dir}plan.yaml`;
writeFileSync(planFile, syntheticPlan(50));
const corpus = `${dir}corpus-${COUNT}.ndjson`;
if (!existsSync(corpus)) {
  const { plan } = await loadPlan(planFile);
  await writeCorpus(`${corpus}.tmp`, COUNT, plan.events.map((e) => e.name));
  (await import('node:fs')).renameSync(`${corpus}.tmp`, corpus);
}
const mb = statSync(corpus).size / 1048576;

function run(args) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, TRACKPLAN_REPORT_RSS: '1' } });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, rss: Number(/trackplan-peak-rss-kb (\d+)/.exec(r.stderr)?.[1] ?? 0) };
}

const audit = [];
const infer = [];
let rss = 0;
for (let i = 0; i < RUNS; i++) {
  audit.push(run([bin, 'audit', planFile, corpus, '--format', 'json']).ms);
  const r = run([bin, 'infer', corpus, '--out', `${dir}inferred.yaml`, '--force']);
  infer.push(r.ms);
  rss = Math.max(rss, r.rss);
}
const a = median(audit);
const n = median(infer);
const rate = (ms) => `${Math.round(COUNT / (ms / 1000)).toLocaleString('en-US')} msg/s, ${(mb / (ms / 1000)).toFixed(0)} MB/s`;
report(`infer: ${COUNT.toLocaleString('en-US')} messages, ${mb.toFixed(0)} MB, ${availableParallelism()} cores, median of ${RUNS}`, [
  ['trackplan audit (every core)', `${(a / 1000).toFixed(2)} s (${rate(a)})`],
  ['trackplan infer (every core)', `${(n / 1000).toFixed(2)} s (${rate(n)}), ${(n / a).toFixed(2)}x audit (target ≤ 2x: ${n / a <= 2 ? 'met' : 'MISSED'})`],
  ['peak RSS, infer', rss ? `${(rss / 1024).toFixed(0)} MB` : 'not reported'],
]);
