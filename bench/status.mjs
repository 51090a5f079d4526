// `trackplan status` on a generated source tree of 5,000 TypeScript files (issue 16: "a
// 5,000-file source tree in a few seconds"), against the 50-event synthetic plan, in a git
// work tree (git lists the files, as in a real project). BENCH_STATUS_FILES=500 for a quick run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadPlan } from '../dist/index.js';
import { median, report } from './measure.mjs';
import { syntheticPlan } from './synthetic-plan.mjs';

const FILES = Number(process.env.BENCH_STATUS_FILES ?? 5000);
const RUNS = Number(process.env.BENCH_STATUS_RUNS ?? 3);
const dir = fileURLToPath(new URL(`./out/status-${FILES}/`, import.meta.url));
const bin = fileURLToPath(new URL('../dist/cli/bin.js', import.meta.url));
mkdirSync(dir, { recursive: true });
writeFileSync(`${dir}plan.yaml`, syntheticPlan(50));
if (!existsSync(`${dir}.git`)) {
  const { plan } = await loadPlan(`${dir}plan.yaml`);
  const names = plan.events.map((e) => e.name);
  for (let i = 0; i < FILES; i++) {
    const sub = `${dir}src/m${i % 50}/`;
    mkdirSync(sub, { recursive: true });
    // About 3 KB of ordinary code per file, with a few calls of each kind.
    const body = [`import { useState } from 'react';`, `import * as tracking from '../../analytics';`, '', `export interface Props${i} { id: string; count: number; tags: readonly string[] }`, ''];
    for (let k = 0; k < 8; k++) {
      body.push(`export function handler${i}_${k}(p: Props${i}): number {`, '  const total = p.tags.reduce((a, t) => a + t.length, 0) * p.count;', `  if (total > ${k * 10}) {`);
      if (k === 0) body.push(`    analytics.track('${names[i % names.length]}', { id: p.id });`);
      if (k === 1 && i % 10 === 0) body.push(`    analytics.track('Unplanned ${i}');`);
      body.push('    return total;', '  }', `  return ${k};`, '}', '');
    }
    writeFileSync(`${sub}file${i}.ts`, body.join('\n'));
  }
  spawnSync('git', ['init', '-q', '.'], { cwd: dir });
}

const times = [];
let last;
for (let i = 0; i < RUNS; i++) {
  const t = process.hrtime.bigint();
  last = spawnSync(process.execPath, [bin, 'status', 'plan.yaml', '--format', 'json'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
  times.push(Number(process.hrtime.bigint() - t) / 1e6);
}
const out = JSON.parse(last.stdout);
report(`status: ${FILES.toLocaleString('en-US')} TypeScript files (about 3 KB each), 50-event plan, median of ${RUNS}`, [
  ['findings', `${out.diagnostics.length} (${out.diagnostics.filter((d) => d.code === 'unplanned-call').length} unplanned calls, ${out.diagnostics.filter((d) => d.code === 'bypasses-client').length} raw calls of planned events)`],
  ['trackplan status (process, spawn to exit)', `${(median(times) / 1000).toFixed(2)} s (target: a few seconds)`],
]);
