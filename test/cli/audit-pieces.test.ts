import { describe, expect, it } from 'vitest';
import { nominalCuts } from '../../src/cli/audit-workers.js';
import { cli } from './run-cli.js';

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
