import { describe, expect, it } from 'vitest';
import { Auditor } from '../../src/audit/auditor.js';
import { MAX_DISTINCT } from '../../src/audit/fold.js';
import { planFrom } from './helpers.js';

// `trackplan serve` counts each message for all time and for its test's generation from one
// check (Auditor.checkParsed's twin): the twin's summary must be what it would be on its own.
const PLAN = `trackplan: 1
name: twin
version: 1.0.0
events:
  Order Completed:
    properties:
      order_id: { type: string, required: true }
      total: { type: number, minimum: 0 }
      currency: { type: string, pattern: '^[A-Z]{3}$' }
`;

function lines(from: number, count: number): string[] {
  const out: string[] = [];
  for (let i = from; i < from + count; i++) {
    switch (i % 7) {
      case 0: out.push(JSON.stringify({ type: 'track', event: `Viewed Product ${i}`, userId: 'u' })); break; // unplanned, names made of data: they fold
      case 1: out.push(JSON.stringify({ type: 'track', event: 'Order Completed', userId: 'u', properties: { order_id: `o${i}`, total: -i, currency: 'eur' }, timestamp: `2026-11-${10 + (i % 5)}T0${i % 10}:00:00Z` })); break; // counted by the hour of its timestamp
      case 2: out.push(`{"type":"track","event":"Order Completed","userId":"u","properties":{"order_id":"o","total":1e999}}`); break; // beyond a float: shown as written
      case 3: out.push(JSON.stringify({ type: 'track', userId: 'u' })); break; // malformed: no event
      case 4: out.push(JSON.stringify([{ type: 'track', event: 'Order Completed', anonymousId: 'a', properties: { order_id: 'x' } }, 5])); break;
      case 5: out.push(JSON.stringify({ batch: [{ type: 'page', name: `P${i}`, userId: 'u' }, { type: 'identify', userId: 'u', traits: { a: 1 } }] })); break;
      default: out.push(JSON.stringify({ type: 'track', event: 'Order Completed', properties: { order_id: 'o' } })); break; // no id
    }
  }
  return out;
}

describe('an auditor with a twin', () => {
  it('leaves the twin with the summary it would have counted alone, folds and examples included, when the two have seen different messages before', async () => {
    const { index } = await planFrom(PLAN);
    const earlier = lines(0, 700); // the all-time auditor saw these; the twin (a new generation) did not
    const shared = lines(700, 7 * (MAX_DISTINCT + 100));
    const [allAlone, genAlone, all, gen] = [new Auditor(index, 'c'), new Auditor(index, 'c'), new Auditor(index, 'c'), new Auditor(index, 'c')];
    earlier.forEach((l, i) => {
      allAlone.checkParsed(JSON.parse(l), l, i + 1);
      all.checkParsed(JSON.parse(l), l, i + 1);
    });
    shared.forEach((l, i) => {
      const line = earlier.length + i + 1;
      const alone = allAlone.checkParsed(JSON.parse(l), l, line);
      genAlone.checkParsed(JSON.parse(l), l, line);
      expect(all.checkParsed(JSON.parse(l), l, line, gen)).toEqual(alone);
    });
    const lineCount = earlier.length + shared.length;
    const g = gen.snapshot(shared.length, 0);
    expect(g).toEqual(genAlone.snapshot(shared.length, 0));
    expect(all.snapshot(lineCount, 0)).toEqual(allAlone.snapshot(lineCount, 0));
    // The case is worth its name: the two fold at different times, and bad input is counted in both.
    expect(Object.values(g.groups).some((x) => x.folded)).toBe(true);
    expect(g.badInput.counts['malformed-message']).toBeGreaterThan(0);
    expect(Object.values(g.groups).flatMap((x) => x.examples).some((e) => e.value === '1e999')).toBe(true);
    expect(g.timeline).toBeDefined();
  });

  it('is checked on its own when it audits against another plan', async () => {
    const { index } = await planFrom(PLAN);
    const { index: other } = await planFrom(PLAN.replace("minimum: 0", "minimum: -1000000"));
    const [all, gen, genAlone] = [new Auditor(index, 'c'), new Auditor(other, 'c'), new Auditor(other, 'c')];
    for (const [i, l] of lines(0, 70).entries()) {
      all.checkParsed(JSON.parse(l), l, i + 1, gen);
      genAlone.checkParsed(JSON.parse(l), l, i + 1);
    }
    expect(gen.snapshot(70, 0)).toEqual(genAlone.snapshot(70, 0));
  });
});
