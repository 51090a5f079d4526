import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexPlan } from '../../src/audit/plan-spec.js';
import { loadPlan } from '../../src/load/load-plan.js';
import { bothReports } from './compare.js';
import { randomCorpus } from './random-corpus.js';

const ROOT = join(import.meta.dirname, '../..');

interface Report {
  groups: { event: string; path: string; code: string }[];
  badInput: unknown;
  unplanned: unknown;
  coverage: unknown;
  totals: { read: number };
  notChecked?: string[];
}
// Every plan of the repository that loads: the bundled specs and the test fixtures' edge cases.
const PLANS = [
  ...readdirSync(join(ROOT, 'plans/segment')).filter((f) => f.endsWith('.yaml')).map((f) => `plans/segment/${f}`),
  ...readdirSync(join(ROOT, 'test/fixtures/plans')).filter((f) => f.endsWith('.yaml')).map((f) => `test/fixtures/plans/${f}`),
];

describe('sql (DuckDB) on every plan of the repository', () => {
  for (const file of PLANS) {
    it(`gives the JavaScript engine's report for ${file}, or names what it leaves out`, async () => {
      const loaded = await loadPlan(join(ROOT, file));
      if (file.endsWith('mistakes.yaml')) {
        // A fixture of plan errors: `trackplan sql` refuses it as `audit` does.
        expect(loaded.plan).toBeUndefined();
        return;
      }
      if (!loaded.plan) throw new Error(`${file} does not load`);
      const index = await indexPlan(loaded.plan);
      const r = await bothReports(loaded.plan, index, [{ name: 'corpus.ndjson', text: randomCorpus(loaded.plan, 7, 300) }]);
      const sql = JSON.parse(r.sql) as Report;
      delete sql.notChecked;
      const js = JSON.parse(r.js) as Report;
      const mine = sql as Report;
      if (r.notChecked.length === 0) {
        expect(JSON.stringify(mine, null, 1)).toBe(JSON.stringify(js, null, 1));
        return;
      }
      // What SQL leaves out is named at its place in the plan; every group elsewhere, the bad
      // input, the unplanned events and the coverage must agree.
      const left = r.notChecked.map((t) => /: events\.(.+?)\.properties\.([^.:]+)/.exec(t)).filter((m) => m !== null);
      expect(left.length).toBeGreaterThan(0);
      // A fragment in a named type is named at the type: its findings carry the code schema-mismatch.
      const fragments = r.notChecked.some((t) => t.includes('a raw `schema:` fragment'));
      const outside = (g: Report['groups'][number]) => !(fragments && g.code === 'schema-mismatch') && !left.some((m) => g.event === m[1] && (g.path === `properties.${m[2]}` || g.path.startsWith(`properties.${m[2]}.`) || g.path.startsWith(`properties.${m[2]}[`)));
      const brief = (gs: Report["groups"]) => gs.filter(outside).map((g) => `${g.event} ${g.code} ${g.path}`).sort();
      expect(brief(mine.groups)).toEqual(brief(js.groups));
      expect(mine.groups.filter(outside)).toEqual(js.groups.filter(outside));
      expect([mine.badInput, mine.unplanned, mine.coverage, mine.totals.read]).toEqual([js.badInput, js.unplanned, js.coverage, js.totals.read]);
    }, 120_000);
  }
});
