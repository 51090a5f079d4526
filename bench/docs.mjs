// `trackplan docs` on plans/ecommerce.yaml (the size budget: under 500 KB) and on a synthetic
// 2,000-event plan, and `audit --format html` on the sample capture (the charts' cost: vega).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, report } from './measure.mjs';
import { syntheticPlan } from './synthetic-plan.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = fileURLToPath(new URL('./out/docs/', import.meta.url));
const bin = `${root}dist/cli/bin.js`;
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
writeFileSync(`${dir}plan.yaml`, syntheticPlan(2000));

const wall = (args, ok = [0]) => {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
  if (!ok.includes(r.status)) throw new Error(`${args.join(' ')}: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
};
const size = (d) => readdirSync(d, { recursive: true }).map((f) => join(d, String(f))).filter((f) => statSync(f).isFile()).reduce((n, f) => n + statSync(f).size, 0);

const shop = [];
for (let i = 0; i < 5; i++) shop.push(wall(['docs', 'plans/ecommerce.yaml', '--out', `${dir}shop-${i}`]));
const shopBytes = size(`${dir}shop-0`);
const big = [];
for (let i = 0; i < 3; i++) big.push(wall(['docs', `${dir}plan.yaml`, '--out', `${dir}big-${i}`]));
const check = [];
for (let i = 0; i < 3; i++) check.push(wall(['docs', `${dir}plan.yaml`, '--out', `${dir}big-0`, '--check']));
const html = [];
const pretty = [];
for (let i = 0; i < 5; i++) {
  html.push(wall(['audit', 'plans/ecommerce.yaml', 'samples/ecommerce.ndjson', '--output', `html=${dir}audit.html`], [1]));
  pretty.push(wall(['audit', 'plans/ecommerce.yaml', 'samples/ecommerce.ndjson', '--output', `pretty=${dir}audit.txt`], [1]));
}
report('docs and the HTML report', [
  ['docs plans/ecommerce.yaml (39 messages), wall', `${median(shop).toFixed(0)} ms`],
  ['its site', `${(shopBytes / 1024).toFixed(0)} KB (budget 500 KB: ${shopBytes < 500 * 1024 ? 'met' : 'MISSED'})`],
  ['docs on a 2,000-event plan, wall', `${(median(big) / 1000).toFixed(2)} s, ${(size(`${dir}big-0`) / 1048576).toFixed(1)} MB`],
  ['docs --check on it, wall', `${(median(check) / 1000).toFixed(2)} s`],
  ['audit --output html= on the sample, wall', `${median(html).toFixed(0)} ms (pretty: ${median(pretty).toFixed(0)} ms; the difference is vega)`],
]);
