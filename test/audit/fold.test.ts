// Names and keys made of data (`Viewed Product 8412`, `properties.sku_8412`) fold into `*` past
// MAX_DISTINCT, so an audit's memory and report stay bounded; the result must not depend on how
// the input was cut between threads.
import { describe, expect, it } from 'vitest';
import { FOLDED, MAX_DISTINCT } from '../../src/audit/fold.js';
import { buildReport } from '../../src/audit/report-model.js';
import { type AuditSummary, emptySummary, mergeSummaries, offsetLines, sortExamples } from '../../src/audit/summary.js';
import { auditText, planFrom } from './helpers.js';
import { cli } from '../cli/run-cli.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PLAN = `trackplan: 1
events:
  Product Viewed:
    properties:
      sku: string
      attrs: {type: object, additionalProperties: {type: object, properties: {n: number}}}
      tags: {type: array, items: {type: object, properties: {k: string}}}
`;

const msg = (event: string, properties: Record<string, unknown>) => JSON.stringify({ type: 'track', event, userId: 'u', properties });

/** A mix: unplanned names, unplanned keys, keys of a map and in array items, and ordinary findings. */
function traffic(n: number, seed = 1): string[] {
  let x = seed;
  const rnd = (k: number) => ((x = (x * 1103515245 + 12345) % 2147483648), Math.floor(x / 65536) % k);
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    switch (rnd(5)) {
      case 0: lines.push(msg(`Dyn ${rnd(900)}`, {})); break;
      case 1: lines.push(msg('Product Viewed', { sku: 'a', [`k_${rnd(800)}`]: i })); break;
      case 2: lines.push(msg('Product Viewed', { sku: 'a', attrs: { [`a${rnd(700)}`]: { n: 'x', [`z${rnd(3)}`]: 1 } } })); break;
      case 3: lines.push(msg('Product Viewed', { sku: 1, tags: [{ k: 'a', [`t${rnd(40)}`]: 1 }] })); break;
      default: lines.push(msg(`Few ${rnd(5)}`, {}));
    }
  }
  return lines;
}

const text = (lines: string[]) => lines.map((l) => `${l}\n`).join('');
const comparable = (s: AuditSummary) => ({ groups: s.groups, stats: s.stats, messages: s.messages });

describe('folding many names into *', () => {
  it('folds unplanned names and keys past the limit, and keeps the few listed', async () => {
    const { index, plan } = await planFrom(PLAN);
    const s = await auditText(index, text(traffic(6000)));
    const report = buildReport(s, plan);
    // Every unplanned name of the type, the frequent ones too: which names are listed must not
    // depend on where threads cut the input, and counting each name would hold them all.
    expect(report.unplanned.map((u) => u.event)).toEqual(['*']);
    expect(report.unplanned.find((u) => u.event === FOLDED)?.folded).toBe(true);
    const paths = report.groups.filter((g) => g.event === 'Product Viewed').map((g) => `${g.code} ${g.path}${g.folded ? ' (folded)' : ''}`).sort();
    expect(paths).toEqual([
      'type-mismatch properties.attrs.*.n (folded)',
      'type-mismatch properties.sku',
      'unplanned-property properties.*',
      'unplanned-property properties.attrs.*.z0 (folded)',
      'unplanned-property properties.attrs.*.z1 (folded)',
      'unplanned-property properties.attrs.*.z2 (folded)',
      ...Array.from({ length: 40 }, (_, i) => `unplanned-property properties.tags[].t${i}`).sort(),
    ].map((p) => (p === 'unplanned-property properties.*' ? `${p} (folded)` : p)).sort());
    // Examples still say where each one was found.
    const keys = report.groups.find((g) => g.path === 'properties.*')!;
    expect(keys.message).toBe(`is not in the plan (more than ${MAX_DISTINCT} different keys at \`*\`)`);
    expect(keys.examples.map((e) => e.path)).toEqual(keys.examples.map(() => expect.stringMatching(/^properties\.k_\d+$/)));
    expect(keys.count).toBe(report.groups.filter((g) => g.code === 'unplanned-property' && g.path === 'properties.*').reduce((n, g) => n + g.count, 0));
  });

  it('keeps memory bounded: 100,000 different keys and names make a few groups', async () => {
    const { index } = await planFrom(PLAN);
    const lines = Array.from({ length: 100_000 }, (_, i) => (i % 2 ? msg(`Dyn ${i}`, {}) : msg('Product Viewed', { sku: 'a', [`k${i}`]: 1 })));
    const s = await auditText(index, text(lines), { chunk: 1 << 20 });
    expect(Object.keys(s.groups)).toHaveLength(2);
    expect(Object.keys(s.stats)).toHaveLength(2);
    const noted = Object.values(s.folds ?? {}).reduce((n, v) => n + (v?.length ?? 0), 0);
    expect(noted).toBeLessThan(10);
    expect(s.messages.read).toBe(100_000);
    expect(Object.values(s.groups).reduce((n, g) => n + g.count, 0)).toBe(100_000);
  });

  it('does not depend on where the input was cut, in order or not', async () => {
    const { index } = await planFrom(PLAN);
    const lines = traffic(3000, 7);
    const whole = await auditText(index, text(lines));
    for (const cuts of [[1], [400], [1500], [2999], [300, 2200], [100, 200, 2900]]) {
      const parts: AuditSummary[] = [];
      let from = 0;
      for (const to of [...cuts, lines.length]) {
        const part = await auditText(index, text(lines.slice(from, to)));
        offsetLines(part, 'in.ndjson', from);
        parts.push(part);
        from = to;
      }
      const ordered = parts.reduce((a, b) => mergeSummaries(a, structuredClone(b)), emptySummary());
      expect(comparable(ordered), `cut at ${cuts}`).toEqual(comparable(whole));
      const unordered = [...parts].reverse().reduce((a, b) => mergeSummaries(a, structuredClone(b), { unordered: true }), emptySummary());
      sortExamples(unordered);
      expect(comparable(unordered), `cut at ${cuts}, merged backwards`).toEqual(comparable(whole));
    }
  });

  it('gives the same report with one thread and with several (CLI)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trackplan-fold-'));
    writeFileSync(join(dir, 'plan.yaml'), PLAN);
    writeFileSync(join(dir, 'in.ndjson'), text(traffic(20_000, 3)));
    const run = (workers: string) => cli(['audit', 'plan.yaml', 'in.ndjson', '--format', 'json', '--workers', workers], { cwd: dir, env: { TRACKPLAN_PARALLEL_BYTES: '100000' } });
    const one = run('1');
    const two = run('2');
    expect(one.code).toBe(1);
    expect(two.stdout).toBe(one.stdout);
    expect(JSON.parse(one.stdout).unplanned.find((u: { event: string }) => u.event === '*')).toMatchObject({ folded: true });
  });
});
