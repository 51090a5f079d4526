import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
// The audit tests whose inputs are audited again by `--engine duckdb` on every run (gzip,
// documents, bytes that are not UTF-8 included); TRACKPLAN_ENGINE_DIFF_ALL=1 adds fold.test.ts,
// patterns.test.ts and twin.test.ts (about 150 more inputs, a minute more).
const FILES = process.env['TRACKPLAN_ENGINE_DIFF_ALL'] ? ['test/audit'] : ['test/audit/audit.test.ts', 'test/audit/unique-items.test.ts', 'test/audit/reporters.test.ts', 'test/audit/raw-numbers.test.ts', 'test/audit/document.test.ts', 'test/audit/utf8.test.ts', 'test/audit/gunzip.test.ts', 'test/audit/first-line.test.ts'];

describe('audit --engine duckdb on every input of the audit tests', () => {
  it('gives the JavaScript engine’s JSON report, apart from what the SQL declares not checked', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trackplan-engine-diff-'));
    try {
      const log = join(dir, 'compare.log');
      // The audit tests run again with the comparison of test/audit/helpers.ts switched on.
      const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', ...FILES], { cwd: ROOT, env: { ...process.env, TRACKPLAN_ENGINE_DIFF: log }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      expect(r.status, r.stdout + r.stderr).toBe(0);
      const lines = readFileSync(log, 'utf8').split('\n');
      const diffs = lines.filter((l, i) => l.startsWith('DIFF ') || lines[i - 1]?.startsWith('DIFF '));
      expect(diffs).toEqual([]);
      expect(lines.filter((l) => l.startsWith('ok ')).length).toBeGreaterThanOrEqual(100);
      // Where the plan holds a check the SQL declares not checked (named in the report's
      // notChecked), the reports may differ; a handful of the audit tests' plans do.
      expect(lines.filter((l) => l.startsWith('declared ')).length).toBeLessThanOrEqual(6);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 400_000);
});
