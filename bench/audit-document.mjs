// `trackplan audit` on one 1 GB JSON document: a pretty-printed array of the audit corpus's
// messages. The figure that matters is memory: the array is read message by message, so peak
// RSS stays near that of an NDJSON audit, not a multiple of the input's size (before, a 200 MB
// array took 1.3–2 GB). BENCH_AUDIT_DOCUMENT_MB=200 for a quick run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadPlan } from '../dist/index.js';
import { KINDS, writeDocument } from './audit-corpus.mjs';
import { report } from './measure.mjs';
import { syntheticPlan } from './synthetic-plan.mjs';

const MB = Number(process.env.BENCH_AUDIT_DOCUMENT_MB ?? 1024);
const dir = fileURLToPath(new URL('./out/audit/', import.meta.url));
const bin = fileURLToPath(new URL('../dist/cli/bin.js', import.meta.url));
mkdirSync(dir, { recursive: true });
const planFile = `${dir}plan.yaml`;
writeFileSync(planFile, syntheticPlan(50));
const doc = `${dir}document-${MB}mb.json`;
const meta = `${doc}.expected.json`;

// Kept between runs, as the NDJSON corpus is.
if (!existsSync(meta) || !existsSync(doc)) {
  const { plan } = await loadPlan(planFile);
  const t = Date.now();
  const written = await writeDocument(doc, MB * 1024 * 1024, plan.events.map((e) => e.name));
  writeFileSync(meta, JSON.stringify(written));
  console.log(`(wrote a ${MB} MB JSON array of ${written.count} messages in ${((Date.now() - t) / 1000).toFixed(0)} s)`);
}
const { expected, count } = JSON.parse(readFileSync(meta, 'utf8'));

const t = process.hrtime.bigint();
const r = spawnSync(process.execPath, [bin, 'audit', planFile, doc, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, TRACKPLAN_REPORT_RSS: '1' } });
const ms = Number(process.hrtime.bigint() - t) / 1e6;
if (r.status !== 0 && r.status !== 1) throw new Error(`audit of ${doc} exited ${r.status}: ${r.stderr}`);
const rss = Number(/trackplan-peak-rss-kb (\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024;
const out = JSON.parse(r.stdout);
// Every message read, and exactly what was injected found.
for (const k of KINDS) {
  const found = out.groups.filter((g) => g.code === k).reduce((a, g) => a + g.count, 0);
  if (found !== expected[k]) throw new Error(`${doc}: expected ${expected[k]} ${k}, found ${found}`);
}
if (out.totals.read !== count || Object.keys(out.badInput.counts).length > 0) throw new Error(`${doc}: read ${out.totals.read} of ${count}, bad input ${JSON.stringify(out.badInput.counts)}`);
const mb = statSync(doc).size / 1048576;
report(`audit: one pretty-printed JSON array, ${mb.toFixed(0)} MB, ${count.toLocaleString('en-US')} messages`, [
  ['injected violations found exactly', KINDS.map((k) => `${k} ${expected[k]}`).join(', ')],
  ['trackplan audit, array document', `${(ms / 1000).toFixed(2)} s (${(mb / (ms / 1000)).toFixed(0)} MB/s, one thread)`],
  ['peak RSS, array document', `${rss.toFixed(0)} MB (target < 300 MB: ${rss < 300 ? 'met' : 'MISSED'})`],
]);
