import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexPlan } from '../../src/audit/plan-spec.js';
import { loadPlan } from '../../src/load/load-plan.js';
import type { PlanIndex } from '../../src/audit/plan-index.js';
import type { Plan } from '../../src/model/plan.js';
import { bothReports } from './compare.js';
import { randomCorpus } from './random-corpus.js';

const ROOT = join(import.meta.dirname, '../..');

async function planAt(file: string) {
  const loaded = await loadPlan(join(ROOT, file));
  if (!loaded.plan) throw new Error(`${file} does not load`);
  return { plan: loaded.plan, index: await indexPlan(loaded.plan) };
}

describe('sql (DuckDB) against the JavaScript engine', () => {
  it('gives the same report on the sample capture', async () => {
    const { plan, index } = await planAt('plans/ecommerce.yaml');
    const text = readFileSync(join(ROOT, 'samples/ecommerce.ndjson'), 'utf8');
    const r = await bothReports(plan, index, [{ name: 'samples/ecommerce.ndjson', text }]);
    expect(r.notChecked).toEqual([]);
    expect(r.sql).toBe(r.js);
    // The timeline (HTML charts), which the JSON report does not carry, from the rows' ts.
    expect(r.timelines.js).toBeDefined();
    expect(r.timelines.sql).toEqual(r.timelines.js);
  });
});

describe('sql (DuckDB) against the JavaScript engine on seeded random corpora', () => {
  const plans: [string, () => Promise<{ plan: Plan; index: PlanIndex }>][] = [
    ['plans/ecommerce.yaml', () => planAt('plans/ecommerce.yaml')],
    ['plans/saas.yaml', () => planAt('plans/saas.yaml')],
    ['the bench synthetic plan (20 events)', async () => {
      const { syntheticPlan } = (await import('../../bench/synthetic-plan.mjs' as string)) as { syntheticPlan(n: number): string };
      const loaded = await loadPlan('synthetic.yaml', { text: syntheticPlan(20) });
      if (!loaded.plan) throw new Error('synthetic plan does not load');
      return { plan: loaded.plan, index: await indexPlan(loaded.plan) };
    }],
  ];
  for (const [name, load] of plans) {
    it(`gives the same report for ${name}`, async () => {
      const { plan, index } = await load();
      for (const seed of [1, 2, 3]) {
        const inputs = [
          { name: `corpus-${seed}-a.ndjson`, text: randomCorpus(plan, seed, 400) },
          { name: `corpus-${seed}-b.ndjson`, text: randomCorpus(plan, seed + 100, 150) },
        ];
        const r = await bothReports(plan, index, inputs);
        const sql = JSON.parse(r.sql) as { notChecked?: string[] };
        expect(sql.notChecked ?? []).toEqual(r.notChecked);
        delete sql.notChecked;
        expect(JSON.stringify(sql, null, 1), `seed ${seed}`).toBe(JSON.stringify(JSON.parse(r.js), null, 1));
        expect(r.timelines.sql, `seed ${seed}`).toEqual(r.timelines.js);
      }
    }, 120_000);
  }
});
