// `trackplan infer --plan` on a large drift: a plan of 2,000 events (8,000 lines), and
// traffic adding three properties to each, so the diff it prints has about 36,000
// lines. The diff once kept a Myers frontier per step (GBs at this size); the target: a few
// seconds and memory that grows with the plan, not with plan × changes.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { report } from './measure.mjs';

const EVENTS = Number(process.env.BENCH_DRIFT_EVENTS ?? 2000);
const dir = fileURLToPath(new URL('./out/drift/', import.meta.url));
const bin = fileURLToPath(new URL('../dist/cli/bin.js', import.meta.url));
mkdirSync(dir, { recursive: true });
let plan = 'trackplan: 1\nname: big\nevents:\n';
const lines = [];
for (let i = 0; i < EVENTS; i++) {
  plan += `  Event ${i}:\n    description: "The event numbered ${i}."\n    properties:\n      a: {type: string}\n`;
  lines.push(JSON.stringify({ type: 'track', event: `Event ${i}`, userId: 'u', properties: { a: 'x', b: i, c: true, d: { e: 'f' } } }));
}
writeFileSync(`${dir}plan.yaml`, plan);
writeFileSync(`${dir}traffic.ndjson`, lines.join('\n') + '\n');
const t = process.hrtime.bigint();
const r = spawnSync(process.execPath, [bin, 'infer', `${dir}traffic.ndjson`, '--plan', `${dir}plan.yaml`], { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, TRACKPLAN_REPORT_RSS: '1' } });
const ms = Number(process.hrtime.bigint() - t) / 1e6;
if (r.status !== 1) throw new Error(`infer --plan exited ${r.status}: ${r.stderr}`);
const rss = Number(/trackplan-peak-rss-kb (\d+)/.exec(r.stderr)?.[1] ?? 0);
report(`drift: ${EVENTS.toLocaleString('en-US')} events, ${plan.split('\n').length.toLocaleString('en-US')} plan lines, ${r.stdout.split('\n').length.toLocaleString('en-US')} diff lines`, [
  ['trackplan infer --plan', `${(ms / 1000).toFixed(2)} s`],
  ['peak RSS', rss ? `${(rss / 1024).toFixed(0)} MB` : 'not reported'],
]);
