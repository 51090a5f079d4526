import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
// The audit tests whose inputs are compared here on every run; fold.test.ts and
// patterns.test.ts (a hundred more inputs, two minutes) with TRACKPLAN_SQL_DIFF_ALL=1.
const FILES = process.env['TRACKPLAN_SQL_DIFF_ALL'] ? ['test/audit'] : ['test/audit/audit.test.ts', 'test/audit/unique-items.test.ts', 'test/audit/reporters.test.ts', 'test/audit/raw-numbers.test.ts', 'test/audit/document.test.ts', 'test/audit/utf8.test.ts'];

describe('sql (DuckDB) on every NDJSON input of the audit tests', () => {
  it('gives the JavaScript engine’s JSON report, apart from what it declares not checked', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trackplan-sql-diff-'));
    try {
      const log = join(dir, 'compare.log');
      // The audit tests run again with the comparison of test/audit/helpers.ts switched on.
      const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', ...FILES], { cwd: ROOT, env: { ...process.env, TRACKPLAN_SQL_DIFF: log }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      expect(r.status, r.stdout + r.stderr).toBe(0);
      const lines = readFileSync(log, 'utf8').split('\n');
      const verdicts = lines.filter((l) => /^(ok|skip|declared|DIFF) /.test(l));
      const diffs = lines.filter((l, i) => l.startsWith('DIFF ') || lines[i - 1]?.startsWith('DIFF '));
      expect(diffs).toEqual([]);
      const ok = verdicts.filter((l) => l.startsWith('ok ')).length;
      const declared = lines.filter((l) => l.startsWith('declared '));
      expect(ok).toBeGreaterThanOrEqual(40);
      // Where the SQL declares a check it leaves out (uniqueItems over objects, raw `schema:`
      // fragments), the reports may differ; nothing else may.
      for (const [i, l] of lines.entries()) {
        if (!l.startsWith('declared ')) continue;
        const detail = JSON.parse(lines[i + 1]!) as { notChecked: string[] };
        expect(detail.notChecked.length, l).toBeGreaterThan(0);
      }
      expect(declared.length).toBeLessThanOrEqual(6);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
