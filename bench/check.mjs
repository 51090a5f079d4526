// `trackplan check` and `compile` on a 2,000-event plan: wall time of the real CLI process
// (what a user waits for) and in-process time of the library (what a CI script pays).
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compilePlan, loadPlan } from '../dist/index.js';
import { median, report } from './measure.mjs';
import { syntheticPlan } from './synthetic-plan.mjs';

const EVENTS = 2000;
const dir = fileURLToPath(new URL('./out/check/', import.meta.url));
const bin = fileURLToPath(new URL('../dist/cli/bin.js', import.meta.url));
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const file = `${dir}plan.yaml`;
const text = syntheticPlan(EVENTS);
writeFileSync(file, text);

const wall = (args) => {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0 && !(r.status === 1 && args.includes('lint'))) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stdout}${r.stderr}`);
  return ms;
};

const runs = 5;
const nodeStart = median(Array.from({ length: runs }, () => wall(['-e', ''])));
const checkWall = median(Array.from({ length: runs }, () => wall([bin, 'check', file])));
const compileWall = median(Array.from({ length: runs }, () => wall([bin, 'compile', file, '--out', `${dir}schemas`])));
const lintWall = median(Array.from({ length: runs }, () => wall([bin, 'lint', file, '--format', 'json'])));

const loadTimes = [];
const compileTimes = [];
for (let i = 0; i < runs; i++) {
  let t = process.hrtime.bigint();
  const { plan, diagnostics } = await loadPlan(file);
  loadTimes.push(Number(process.hrtime.bigint() - t) / 1e6);
  if (!plan) throw new Error(`synthetic plan has errors: ${JSON.stringify(diagnostics.slice(0, 3))}`);
  t = process.hrtime.bigint();
  compilePlan(plan);
  compileTimes.push(Number(process.hrtime.bigint() - t) / 1e6);
}

report('check / compile / lint on a synthetic plan', [
  ['plan', `${EVENTS} events, ${(text.length / 1024).toFixed(0)} KiB of YAML`],
  ['node startup (baseline)', `${nodeStart.toFixed(0)} ms`],
  ['`trackplan check` wall', `${checkWall.toFixed(0)} ms  (target < 1000 ms: ${checkWall < 1000 ? 'met' : 'MISSED'})`],
  ['`trackplan compile` wall', `${compileWall.toFixed(0)} ms`],
  ['`trackplan lint` wall (all recommended rules)', `${lintWall.toFixed(0)} ms  (target < 1000 ms: ${lintWall < 1000 ? 'met' : 'MISSED'})`],
  ['loadPlan in-process (warm median)', `${median(loadTimes).toFixed(0)} ms`],
  ['compilePlan in-process (warm median)', `${median(compileTimes).toFixed(0)} ms`],
  ['check wall / node startup', `${(checkWall / nodeStart).toFixed(1)}x`],
]);
