import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexPlan } from '../../src/audit/plan-spec.js';
import { loadPlan } from '../../src/load/load-plan.js';
import { bothReports } from './compare.js';

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
  });
});
