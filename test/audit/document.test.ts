import { describe, expect, it } from 'vitest';
import type { AuditSummary } from '../../src/audit/summary.js';
import { auditText, findings, planFrom } from './helpers.js';

const PLAN = 'trackplan: 1\nevents:\n  A:\n    properties:\n      id: {type: string, required: true}\n';
const ok = (id: string) => ({ type: 'track', event: 'A', userId: 'u', properties: { id } });
const bad = { type: 'track', event: 'A', userId: 'u', properties: {} };
const line = (m: object) => JSON.stringify(m);
const CHUNKS = [1, 7, 4096, 1 << 20];

/** Findings, messages read and lines, the same for every chunk size (the reader keeps its place across chunks). */
async function read(text: string | Buffer): Promise<{ found: string[]; read: number; lines: number; blank: number; bad: string[] }> {
  const { index } = await planFrom(PLAN);
  const runs: AuditSummary[] = [];
  for (const chunk of CHUNKS) runs.push(await auditText(index, text, { chunk }));
  const shape = (s: AuditSummary) => ({ found: findings(s), read: s.messages.read, lines: s.inputs[0]!.lines, blank: s.inputs[0]!.blank, bad: s.badInput.examples.map((e) => `${e.line} ${e.message}`) });
  for (const s of runs.slice(1)) expect(shape(s)).toEqual(shape(runs[0]!));
  return shape(runs[0]!);
}

describe('JSON documents, read message by message (issue 10, item 8)', () => {
  it('number each message by the line it starts on: pretty arrays, one-line arrays, batch payloads', async () => {
    const pretty = JSON.stringify([ok('a'), bad, ok('b'), bad], null, 2);
    // `[` is line 1; a good message takes 8 lines, a bad one 6.
    expect(await read(pretty)).toMatchObject({ found: ['missing-required@10:properties.id', 'missing-required@24:properties.id'], read: 4, lines: 30 });
    const oneLine = `[${[ok('a'), bad, bad].map(line).join(',')}]`;
    expect(await read(`\n${oneLine}`)).toMatchObject({ found: ['missing-required@2:properties.id', 'missing-required@2:properties.id'], read: 3, lines: 2, blank: 1 });
    const batch = `{\n  "sentAt": "2026-01-01T00:00:00Z",\n  "context": {"batch": [1, 2]},\n  "batch": [\n    ${line(ok('a'))},\n    ${line(bad)}\n  ],\n  "writeKey": "k"\n}\n`;
    expect(await read(batch)).toMatchObject({ found: ['missing-required@6:properties.id'], read: 2, lines: 9 });
  });

  it('read documents one after another, as jq writes them, and one message spread over lines', async () => {
    const jq = `${JSON.stringify(ok('a'), null, 2)}\n\n${JSON.stringify(bad, null, 2)}\n${JSON.stringify([bad], null, 2)}\n`;
    expect(await read(jq)).toMatchObject({ found: ['missing-required@10:properties.id', 'missing-required@17:properties.id'], read: 3, blank: 1 });
    expect(await read(JSON.stringify(bad, null, 2))).toMatchObject({ found: ['missing-required@1:properties.id'], read: 1 });
  });

  it('report where a document breaks, and read on after the broken message', async () => {
    const text = [
      '[',
      `  ${line(ok('a'))},`,
      '  {"type": "track", "event": "A", "userId": tru},', // 3: not JSON
      `  ${line(bad)}`, // 4: a comma is missing before the next one
      `  ${line(bad)},,`, // 5
      `  {"type": "track", "event": "A", "userId": "u",`,
      '   "properties": {"id": "x" "y": 1}},', // 7: a comma is missing inside
      `  ${line(bad)},`, // 8, and a comma before `]`
      ']',
      'garbage', // 10: between documents
      `[${line(bad)}]`, // 11
    ].join('\n');
    const r = await read(text);
    // (Examples of a violation are its first three; the fourth is counted.)
    expect(r.found).toEqual(['invalid-json@3', 'missing-required@4:properties.id', 'invalid-json@5', 'invalid-json@5', 'missing-required@5:properties.id', 'invalid-json@7', 'missing-required@8:properties.id', 'invalid-json@9', 'invalid-json@10']);
    expect(r.bad).toEqual([
      // (V8 says no position for this one: the message's own column.)
      "3 Not JSON at column 3: Unexpected token '}', ...\"erId\": tru}\" is not valid JSON; this message was not audited.",
      '5 Not JSON at column 3: expected `,` or `]`, found `{`.',
      '5 Not JSON at column 61: expected a message, found `,`.',
      '7 Not JSON at column 29: Expected \',\' or \'}\' after property value; this message was not audited.',
      '9 Not JSON at column 1: expected a message, found `]`.',
      '10 Not JSON at column 1: expected a JSON document (`[` or `{`), found `g`; the rest of the line was skipped.',
    ]);
    expect(r.read).toBe(5);
    const { index } = await planFrom(PLAN);
    expect(Object.values((await auditText(index, text)).groups).map((g) => g.count)).toEqual([4]);
  });

  it('say so when a document is cut short, after reading every message before', async () => {
    const inside = `[\n  ${line(bad)},\n  {"type": "track", "ev`;
    expect(await read(inside)).toMatchObject({ found: ['missing-required@2:properties.id', 'invalid-json@3'], bad: ['3 Not JSON: the document ends inside this message; it was not audited.'] });
    const between = `[\n  ${line(bad)},\n`;
    expect((await read(between)).bad).toEqual(['3 Not JSON: the document ends before its closing `]`; the messages before were audited.']);
  });

  it('read NDJSON whose first line is broken as lines, deciding on the line after it', async () => {
    // A first line cut inside a string, then cut between keys with more lines after it: NDJSON.
    for (const first of ['{"type":"track","event":"A","userId":"u","properties":{"id":"x', '{"type":"track","event":"A","properties":{"id":"x"},', '[{"type":"track"}, {"type":']) {
      const r = await read(`${first}\n${line(ok('a'))}\n${line(bad)}\n`);
      expect([first, r.found, r.read, r.lines]).toEqual([first, ['invalid-json@1', 'missing-required@3:properties.id'], 2, 3]);
    }
  });

  it('skip a message over 16 MB without holding it, and read the others', async () => {
    const huge = { ...ok('a'), pad: 'x'.repeat(17 * 1024 * 1024) };
    const text = `[\n${line(bad)},\n${line(huge)},\n${line(bad)}\n]`;
    const { index } = await planFrom(PLAN);
    const s = await auditText(index, text, { chunk: 1 << 20 });
    expect(findings(s)).toEqual(['missing-required@2:properties.id', 'malformed-message@3', 'missing-required@4:properties.id']);
    expect(s.badInput.examples[0]!.message).toBe('A message of 17.0 MB is longer than any message should be; skipped.');
  });
});
