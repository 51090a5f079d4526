import { mkdtempSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { indexPlan } from '../../src/audit/plan-spec.js';
import { cgroupCpus } from '../../src/engines/js/threads.js';
import { auditPieces, nominalCuts, splitFile } from '../../src/engines/js/pieces.js';
import { loadPlan } from '../../src/load/load-plan.js';
import { cli } from '../cli/run-cli.js';

const ROOT = process.cwd();

describe('pieces of a plain NDJSON file (guided scheduling)', () => {
  it('starts with large pieces and ends with pieces of the minimum size', () => {
    const mb = 1024 * 1024;
    const size = 900 * mb;
    const cuts = nominalCuts(size, 2, 4 * mb);
    const pieces = [0, ...cuts, size].slice(1).map((end, i) => end - [0, ...cuts][i]!);
    // The first piece is a quarter of the file for two threads; each is at most the one before.
    expect(pieces[0]).toBe(Math.ceil(size / 4));
    for (let i = 1; i < pieces.length; i++) expect(pieces[i]).toBeLessThanOrEqual(pieces[i - 1]!);
    expect(pieces.slice(0, -1).every((p) => p >= 4 * mb)).toBe(true);
    expect(pieces.reduce((a, b) => a + b, 0)).toBe(size);
    // Few pieces: starting one costs an open and a read.
    expect(pieces.length).toBeLessThan(40);
  });

  it('gives one piece to a file no larger than the minimum, and copes with one byte', () => {
    expect(nominalCuts(1000, 4, 4096)).toEqual([]);
    expect(nominalCuts(1, 4, 1)).toEqual([]);
    const tiny = nominalCuts(100, 4, 1);
    expect(tiny.every((c, i) => c > (tiny[i - 1] ?? 0) && c < 100)).toBe(true);
  });
});

describe('workers started ahead of the plan', () => {
  it('end with the run when the plan is broken: exit 2 at once, no worker left behind', () => {
    // TRACKPLAN_PARALLEL_BYTES=1: the sample is "large", so workers start before the plan loads.
    const started = Date.now();
    const r = cli(['audit', 'test/fixtures/plans/mistakes.yaml', 'samples/ecommerce.ndjson', '--workers', '2'], { env: { TRACKPLAN_PARALLEL_BYTES: '1' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('before auditing');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('give the same report as one thread when the file is cut into many pieces', () => {
    const one = cli(['audit', 'plans/ecommerce.yaml', 'samples/ecommerce.ndjson', '--format', 'json', '--workers', '1']);
    const many = cli(['audit', 'plans/ecommerce.yaml', 'samples/ecommerce.ndjson', '--format', 'json', '--workers', '3'], { env: { TRACKPLAN_PARALLEL_BYTES: '1' } });
    expect(many.code).toBe(one.code);
    const a = JSON.parse(one.stdout);
    const b = JSON.parse(many.stdout);
    expect(b.groups).toEqual(a.groups);
    expect(b.badInput).toEqual(a.badInput);
    expect(b.inputs).toEqual(a.inputs);
    expect(b.totals).toEqual(a.totals);
  });
});

describe('audit: found in review of the parallel audit', () => {
  const plan = 'test/fixtures/plans/edge-cases.yaml';
  const ok = JSON.stringify({ type: 'track', event: 'Loose Event', userId: 'u', properties: { known: 'x' } });
  // The edge-case plan's `Category` type holds its own children: checking nests as deep as the data.
  const depth = 20_000;
  const deep = `{"type":"track","event":"Deeply Nested","userId":"u","properties":{"level1":{},"categories":[${'{"name":"n","children":['.repeat(depth)}{"name":"leaf"}${']}'.repeat(depth)}]}}`;

  it('reports a message nested too deeply to check as bad input, the same in any thread', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trackplan-deep-'));
    writeFileSync(join(dir, 'deep.ndjson'), `${Array(200).fill(ok).join('\n')}\n${deep}\n${Array(200).fill(ok).join('\n')}\n`);
    writeFileSync(join(dir, 'deep.ndjson.gz'), gzipSync(`${Array(200).fill(ok).join('\n')}\n${deep}\n${Array(200).fill(ok).join('\n')}\n`));
    const runs = [
      cli(['audit', join(ROOT, plan), 'deep.ndjson', '--format', 'json', '--workers', '1'], { cwd: dir }),
      ...[2, 3, 4].map((w) => cli(['audit', join(ROOT, plan), 'deep.ndjson', '--format', 'json', '--workers', String(w)], { cwd: dir, env: { TRACKPLAN_PARALLEL_BYTES: '1' } })),
      cli(['audit', join(ROOT, plan), 'deep.ndjson.gz', '--format', 'json', '--workers', '3'], { cwd: dir, env: { TRACKPLAN_PARALLEL_BYTES: '16' } }),
    ];
    for (const r of runs) {
      expect(r.stderr).toBe('');
      const report = JSON.parse(r.stdout);
      expect(report.totals.read).toBe(400);
      expect(report.badInput.examples).toEqual([{ file: expect.stringMatching(/^deep\.ndjson/), line: 201, code: 'malformed-message', message: 'The message is nested too deeply to check; skipped.' }]);
    }
  });

  it('stops at a fixed depth of named types, so the same messages are too deep wherever they stand and whichever thread reads them', () => {
    // `Category` inside `Category` 499 times is 500 levels of the type (the limit), 500 times is one too many.
    const nested = (n: number) => `{"type":"track","event":"Deeply Nested","userId":"u","properties":{"level1":{},"categories":[${'{"name":"n","children":['.repeat(n)}{"name":"leaf"}${']}'.repeat(n)}]}}`;
    const at = new Map([[3, 499], [15, 500], [16, 499], [17, 500], [33, 500], [34, 499]]);
    const lines = Array.from({ length: 40 }, (_, i) => (at.has(i + 1) ? nested(at.get(i + 1)!) : ok));
    const dir = mkdtempSync(join(tmpdir(), 'trackplan-depth-'));
    writeFileSync(join(dir, 'depth.ndjson'), `${lines.join('\n')}\n`);
    for (const workers of ['1', '3']) {
      const r = cli(['audit', join(ROOT, plan), 'depth.ndjson', '--format', 'json', '--workers', workers], { cwd: dir, env: { TRACKPLAN_PARALLEL_BYTES: '1' } });
      const report = JSON.parse(r.stdout);
      expect(report.badInput.examples.map((e: { line: number; code: string }) => `${e.code}@${e.line}`)).toEqual(['malformed-message@15', 'malformed-message@17', 'malformed-message@33']);
      expect(report.totals.read).toBe(37);
    }
  });

  it('reads a Segment batch payload as its messages, with or without a `type` beside `batch`', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trackplan-batch-'));
    const batch = [JSON.parse(ok), { ...JSON.parse(ok), event: 'Nope' }];
    writeFileSync(join(dir, 'b.ndjson'), `${JSON.stringify({ batch })}\n${JSON.stringify({ type: 'batch', batch, sentAt: '2026-11-26T10:00:00Z' })}\n`);
    const report = JSON.parse(cli(['audit', join(ROOT, plan), 'b.ndjson', '--format', 'json'], { cwd: dir }).stdout);
    expect(report.totals.read).toBe(4);
    expect(report.badInput.counts).toEqual({});
  });

  it('keeps the first examples in file order when gzip batches are audited by several workers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trackplan-sparse-'));
    const lines: string[] = [];
    // Violations far apart, so they fall in different 4 MB batches and so in different workers.
    for (let i = 1; i <= 150_000; i++) lines.push(i % 30_000 === 0 ? JSON.stringify({ type: 'track', event: 'Loose Event', userId: 'u', properties: { known: 7, n: i } }) : ok);
    writeFileSync(join(dir, 'sparse.ndjson.gz'), gzipSync(`${lines.join('\n')}\n`));
    const one = JSON.parse(cli(['audit', join(ROOT, plan), 'sparse.ndjson.gz', '--format', 'json', '--workers', '1'], { cwd: dir }).stdout);
    const many = JSON.parse(cli(['audit', join(ROOT, plan), 'sparse.ndjson.gz', '--format', 'json', '--workers', '3'], { cwd: dir, env: { TRACKPLAN_PARALLEL_BYTES: '16' } }).stdout);
    expect(one.groups[0].examples.map((e: { line: number }) => e.line)).toEqual([30_000, 60_000, 90_000]);
    expect(many.groups).toEqual(one.groups);
  });
});

describe('pieces read by descriptor', () => {
  const ok = JSON.stringify({ type: 'track', event: 'Loose Event', userId: 'u', properties: { known: 'x' } });

  let progress = 0;
  async function audit(file: string, change: (file: string) => void) {
    progress = 0;
    const { plan } = await loadPlan(join(ROOT, 'test/fixtures/plans/edge-cases.yaml'));
    const index = await indexPlan(plan!);
    const fh = await open(file, 'r');
    try {
      const size = (await fh.stat()).size;
      const pieces = (await splitFile(fh, size, nominalCuts(size, 2, 4096)))!;
      change(file);
      return await auditPieces(index, file, fh.fd, pieces, [], (n) => (progress += n));
    } finally {
      await fh.close();
    }
  }

  it('audit the whole file when it is renamed or deleted during the audit (a rotated log)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trackplan-fd-'));
    const file = join(dir, 'log.ndjson');
    writeFileSync(file, `${Array(2000).fill(ok).join('\n')}\n`);
    const summary = await audit(file, (f) => unlinkSync(f));
    expect(summary.messages.read).toBe(2000);
    expect(summary.badInput.counts).toEqual({});
    // Every byte read is reported to the progress line.
    expect(progress).toBe((ok.length + 1) * 2000);
  });

  it('say once, at the line where it ends, that a file was cut short while it was read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trackplan-fd-'));
    const file = join(dir, 'log.ndjson');
    writeFileSync(file, `${Array(2000).fill(ok).join('\n')}\n`);
    const summary = await audit(file, (f) => truncateSync(f, (ok.length + 1) * 700));
    expect(summary.messages.read).toBe(700);
    expect(summary.badInput.examples).toEqual([{ file, line: 701, code: 'truncated-input', message: `The file was cut to ${(ok.length + 1) * 700} bytes while it was read; what came before was audited.` }]);
  });
});

describe('threads in a container', () => {
  it('reads a cgroup v2 CPU quota', () => {
    expect(cgroupCpus('max 100000\n')).toBeUndefined();
    expect(cgroupCpus('200000 100000\n')).toBe(2);
    expect(cgroupCpus('150000 100000')).toBe(2);
    expect(cgroupCpus('50000 100000')).toBe(1);
    expect(cgroupCpus('')).toBeUndefined();
    expect(cgroupCpus('garbage')).toBeUndefined();
  });
});
