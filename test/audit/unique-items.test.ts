// uniqueItems on untrusted arrays: the check was a comparison of every pair (a 1 MB line of
// numbers is 200,000 items, 2·10^10 comparisons); it must be linear, and mean what it meant.
import { describe, expect, it } from 'vitest';
import { auditText, findings, planFrom } from './helpers.js';

const PLAN = 'trackplan: 1\nevents:\n  A:\n    properties:\n      xs: {type: array, uniqueItems: true}\n';
const line = (xs: unknown[]) => `${JSON.stringify({ type: 'track', event: 'A', userId: 'u', properties: { xs } })}\n`;

describe('uniqueItems', () => {
  it.each([
    ['equal numbers, 0 and -0 included', [1, 2, 0, -0], true],
    ['a number and the same digits as text', [1, '1', true, 'true', null, 'null'], false],
    ['objects with the same keys in another order', [{ a: 1, b: [2, { c: 3 }] }, { b: [2, { c: 3 }], a: 1 }], true],
    ['objects that differ deep inside', [{ a: [1, { c: 3 }] }, { a: [1, { c: 4 }] }], false],
    ['an array and its text', [[1], '[1]', { '0': 1 }], false],
    ['equal arrays', [[1, [2]], [1, [2]]], true],
    ['an empty object and an empty array', [{}, []], false],
    ['strings that read alike', ['a,b', 'a', 'b', '"a"'], false],
  ])('%s', async (_, xs, duplicate) => {
    const { index } = await planFrom(PLAN);
    expect(findings(await auditText(index, line(xs)))).toEqual(duplicate ? ['not-unique@1:properties.xs[]'] : []);
  });

  // A hang detector, not a speed target: pairwise comparison took minutes on these.
  it('is linear in the array: 200,000 numbers and 50,000 objects, a duplicate at the very end', async () => {
    const { index } = await planFrom(PLAN);
    const numbers = Array.from({ length: 200_000 }, (_, i) => i);
    const objects = Array.from({ length: 50_000 }, (_, i) => ({ id: i, tags: ['x', i] }));
    const s = await auditText(index, line([...numbers, 0]) + line(objects) + line([...objects, { tags: ['x', 7], id: 7 }]), { chunk: 1 << 20 });
    expect(findings(s)).toEqual(['not-unique@1:properties.xs[]', 'not-unique@3:properties.xs[]']);
  }, 20_000);
});

describe('uniqueItems inside a raw schema fragment', () => {
  const FRAGMENT = 'trackplan: 1\nevents:\n  A:\n    properties:\n      xs: {type: array, schema: {uniqueItems: true, items: {type: [object, number, string]}}}\n';

  it('finds duplicates as JSON Schema means them', async () => {
    const { index } = await planFrom(FRAGMENT);
    const s = await auditText(index, line([{ a: 1, b: 2 }, 1, { b: 2, a: 1 }]) + line([1, '1', { a: 1 }, { a: '1' }]));
    expect(findings(s)).toEqual(['schema-mismatch@1:properties.xs']);
  });

  it('is linear there too (ajv compared every pair)', async () => {
    const { index } = await planFrom(FRAGMENT);
    const objects = Array.from({ length: 50_000 }, (_, i) => ({ id: i }));
    const s = await auditText(index, line([...objects, { id: 3 }]), { chunk: 1 << 20 });
    expect(findings(s)).toEqual(['schema-mismatch@1:properties.xs']);
  }, 20_000);
});
