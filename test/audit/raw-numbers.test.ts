import { describe, expect, it } from 'vitest';
import type { AuditSummary } from '../../src/audit/summary.js';
import { auditText, findings, planFrom } from './helpers.js';

const PLAN = `
trackplan: 1
events:
  A:
    properties:
      n: number
      i: {type: integer, maximum: 10}
      s: string
      list: {type: array, items: number}
`;
const track = (properties: string, extra = '"userId":"u"') => `{"type":"track","event":"A",${extra},"properties":{${properties}}}`;
/** Every example as `code path value`. */
const examples = (s: AuditSummary) => Object.values(s.groups).flatMap((g) => g.examples.map((e) => `${e.line} ${g.code} ${g.path} ${e.value}`)).sort();

describe('numbers beyond a 64-bit float (issue 10, item 7)', () => {
  it('are shown as written, and where the plan takes a number they are out of range rather than of the wrong type', async () => {
    const { index } = await planFrom(PLAN);
    const text = [
      track('"n":1e999'),
      track('"i":-2E400'),
      track('"s":1e999'),
      track('"x":{"deep":[1, 1e999, "1e999"]}'),
      track('"list":[1.5, 1.7976931348623157e308, -1e400]'),
      track('"n":1', '"userId":1e999'),
      track('"n":1.7e308,"s":"1e999"'), // as large as a float goes, and a string that says 1e999: valid
    ].join('\n');
    const s = await auditText(index, text);
    expect(examples(s)).toEqual([
      '1 out-of-range properties.n 1e999',
      '2 out-of-range properties.i -2E400',
      '3 type-mismatch properties.s 1e999',
      '4 unplanned-property properties.x {"deep":[1,1e999,"1e999"]}',
      '5 out-of-range properties.list[] -1e400',
      '6 missing-required userId 1e999',
    ]);
    const range = Object.values(s.groups).find((g) => g.path === 'properties.n')!;
    expect(range.message).toBe('must be within the range of a 64-bit float (about ±1.8e308)');
    expect(s.messages).toMatchObject({ read: 7, valid: 1, invalid: 6 });
  });

  it('are found in lists and batches on a line, and in JSON documents', async () => {
    const { index } = await planFrom(PLAN);
    const list = `[${track('"n":2')},${track('"n":3e999')}]`;
    const batch = `{"batch":[${track('"n":-7e777')}, ${track('"s":"ok","n":1')}]}`;
    const s = await auditText(index, `${list}\n${batch}\n`);
    expect(examples(s)).toEqual(['1 out-of-range properties.n 3e999', '2 out-of-range properties.n -7e777']);
    const doc = `[\n  ${track('"n":1')},\n  {"type": "track", "event": "A", "userId": "u",\n   "properties": {"list": [1,\n     2e500]}}\n]\n`;
    expect(examples(await auditText(index, doc, { chunk: 5 }))).toEqual(['3 out-of-range properties.list[] 2e500']);
    expect(findings(await auditText(index, doc))).toEqual(['out-of-range@3:properties.list[]']);
  });
});
