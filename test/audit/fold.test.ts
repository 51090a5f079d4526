// Names and keys made of data (`Viewed Product 8412`, `properties.sku_8412`) fold into `*` past
// MAX_DISTINCT, so an audit's memory and report stay bounded; the result must not depend on how
// the input was cut between threads.
import { describe, expect, it } from 'vitest';
import { FOLDED, MAX_DISTINCT, MAX_NAME, MAX_PLACES } from '../../src/audit/fold.js';
import { Auditor } from '../../src/audit/auditor.js';
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
    expect(keys.message).toBe(`is not in the plan (more than ${MAX_DISTINCT} different keys, or keys too long to list, at \`*\`; each example says which)`);
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

  it('bounds what a recursive type or nested maps can make: places per message and code', async () => {
    const { index } = await planFrom(`trackplan: 1
types:
  Node: {type: object, additionalProperties: Node}
events:
  E:
    properties:
      tree: Node
      m: {type: object, additionalProperties: {type: object, additionalProperties: {type: object, additionalProperties: string}}}
`);
    let x = 5;
    const rnd = (k: number) => ((x = (x * 1103515245 + 12345) % 2147483648), Math.floor(x / 65536) % k);
    const deep = (d: number): unknown => (d === 0 ? 1 : { [rnd(2) ? 'a' : 'b']: deep(d - 1) });
    const lines = Array.from({ length: 20_000 }, (_, i) => (i % 2 ? msg('E', { tree: deep(20) }) : msg('E', { m: { [`k${rnd(400)}`]: { [`k${rnd(400)}`]: { [`k${rnd(400)}`]: 1 } } } })));
    const s = await auditText(index, text(lines), { chunk: 1 << 20 });
    // 2^20 places in the tree and 400^3 in the map: each code of the message folds whole.
    const groups = Object.values(s.groups);
    expect(groups.length).toBeLessThanOrEqual(2);
    expect(groups.every((g) => g.path === FOLDED && g.folded)).toBe(true);
    expect(groups.reduce((n, g) => n + g.count, 0)).toBe(20_000);
    expect(groups[0]!.message).toMatch(new RegExp(`^type-mismatch at more than ${MAX_PLACES} different places of this message`));
    expect(groups[0]!.examples.every((e) => e.path !== undefined)).toBe(true);
    const noted = Object.values(s.folds ?? {}).reduce((n, v) => n + (v?.length ?? 0), 0);
    expect(noted).toBeLessThan(100);
  });

  it('never lists a name or key longer than MAX_NAME, however few there are', async () => {
    const { index, plan } = await planFrom(PLAN);
    const long = 'N'.repeat(MAX_NAME + 1);
    const s = await auditText(index, text([msg(long, {}), msg(`${long}2`, {}), msg('Product Viewed', { sku: 'a', [long]: 1 })]));
    const report = buildReport(s, plan);
    expect(report.unplanned).toEqual([{ type: 'track', event: '*', count: 2, folded: true }]);
    expect(report.groups.map((g) => `${g.event} ${g.path}`).sort()).toEqual(['* event', 'Product Viewed properties.*']);
    expect(JSON.stringify(s).includes(long)).toBe(true); // in examples only, cut short
    expect(JSON.stringify(s.groups).length).toBeLessThan(2000);
  });

  it('keeps an event literally named * apart from the folded names, planned or not', async () => {
    const planned = await planFrom('trackplan: 1\nevents:\n  "*": {}\n');
    const lines = Array.from({ length: 600 }, (_, i) => msg(`Dyn ${i}`, {}));
    const r = buildReport(await auditText(planned.index, text(lines)), planned.plan);
    expect(r.coverage.seen).toBe(0); // `*` itself was never sent
    expect(r.messages.map((m) => [m.event, m.planned, m.folded === true])).toEqual([['*', false, true]]);
    const unplannedStar = await planFrom(PLAN);
    const s = await auditText(unplannedStar.index, text([msg('*', {}), ...lines]));
    expect(Object.keys(s.stats)).toEqual(['\u0001track']);
    expect(Object.values(s.groups).map((g) => g.message)).toEqual([expect.stringMatching(/^More than 500 different event names/)]);
  });

  it('groups a key named like a list index as the key it is', async () => {
    const { index } = await planFrom(PLAN);
    const s = await auditText(index, text([msg('Product Viewed', { sku: 'a', '[5]': 1, 'a[5].b': 2 })]));
    expect(Object.values(s.groups).map((g) => g.path).sort()).toEqual(['properties["[5]"]', 'properties["a[5].b"]']);
  });
});

describe('folding does not depend on how the input is cut (fuzz)', () => {
  // Planned keys beside a map's, two unplanned keys on one line, names with NUL, a literal `*`,
  // keys like `[5]`, `a.b` and `*`: whole input, ordered pieces, pieces merged backwards, and
  // batches dealt to several auditors must give the same groups, stats and examples.
  const FUZZ_PLAN = `trackplan: 1
events:
  Product Viewed:
    properties:
      sku: string
      attrs:
        type: object
        properties:
          x: string
          y: number
        additionalProperties: {type: object, properties: {n: number}}
`;
  const rng = (seed: number) => {
    let s = seed >>> 0 || 1;
    return (k: number) => ((s ^= s << 13), (s >>>= 0), (s ^= s >>> 17), (s ^= s << 5), (s >>>= 0), s % k);
  };
  function lines(n: number, rnd: (k: number) => number, d: number): string[] {
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      switch (rnd(10)) {
        case 0: out.push(msg(`Dyn ${rnd(d)}`, {})); break;
        case 1: out.push(msg('*', {})); break;
        case 2: out.push(msg('Product Viewed', { sku: 'a', [`k_${rnd(d)}`]: 1, [`k_${rnd(d)}`]: 2 })); break;
        case 3: out.push(msg('Product Viewed', { sku: 'a', attrs: { [`a${rnd(d)}`]: { n: 'x' } } })); break;
        case 4: out.push(msg('Product Viewed', { sku: 'a', attrs: { x: 1, y: 'q' } })); break;
        case 5: out.push(msg('Product Viewed', { sku: 'a', attrs: { [`d${rnd(d)}`]: 5 } })); break;
        case 6: out.push(JSON.stringify({ type: 'track', event: `N\u0000${rnd(d)}\u0000type-mismatch`, properties: {} })); break;
        case 7: out.push(JSON.stringify({ type: 'page', name: `P${rnd(d)}`, userId: 'u', timestamp: 'x' })); break;
        case 8: out.push(msg('Product Viewed', { sku: 'a', [`[${rnd(d)}]`]: 1, '*': 1, 'a.b': 2, attrs: { '*': { n: 's' }, [`e.${rnd(d)}`]: { n: 1, [`w${rnd(d)}`]: 1 } } })); break;
        default: out.push(msg('Product Viewed', { sku: 1 }));
      }
    }
    return out;
  }
  const view = (s: AuditSummary) => JSON.stringify({ groups: Object.entries(s.groups).sort(([a], [b]) => (a < b ? -1 : 1)), stats: Object.entries(s.stats).sort(([a], [b]) => (a < b ? -1 : 1)), read: s.messages.read, invalid: s.messages.invalid });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('seed %i', async (seed) => {
    const { index } = await planFrom(FUZZ_PLAN);
    const rnd = rng(seed);
    const input = lines(1500 + rnd(2500), rnd, 350 + rnd(500));
    const whole = view(await auditText(index, text(input)));
    const cuts = [...new Set(Array.from({ length: 1 + rnd(4) }, () => 1 + rnd(input.length - 1)))].sort((a, b) => a - b);
    const parts: AuditSummary[] = [];
    let from = 0;
    for (const to of [...cuts, input.length]) {
      const part = await auditText(index, text(input.slice(from, to)));
      offsetLines(part, 'in.ndjson', from);
      parts.push(part);
      from = to;
    }
    expect(view(parts.map((p) => structuredClone(p)).reduce((a, b) => mergeSummaries(a, b), emptySummary())), `cut at ${cuts}`).toBe(whole);
    const backwards = parts.map((p) => structuredClone(p)).reverse().reduce((a, b) => mergeSummaries(a, b, { unordered: true }), emptySummary());
    sortExamples(backwards);
    expect(view(backwards), `cut at ${cuts}, merged backwards`).toBe(whole);
    // Batches dealt to k auditors in turn, as gzip input is spread over workers.
    const k = 2 + rnd(3);
    const auditors = Array.from({ length: k }, () => new Auditor(index, 'in.ndjson'));
    for (let i = 0; i < input.length; ) {
      const len = 1 + rnd(400);
      const a = auditors[rnd(k)]!;
      for (let j = i; j < Math.min(input.length, i + len); j++) a.line(input[j]!, j + 1);
      i += len;
    }
    for (const a of auditors) a.finish(0, 0);
    const dealt = auditors.map((a) => a.summary).reduce((a, b) => mergeSummaries(a, b, { unordered: true }), emptySummary());
    sortExamples(dealt);
    expect(view(dealt), `batches over ${k} auditors`).toBe(whole);
  }, 30_000);
});

