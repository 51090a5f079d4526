import { describe, expect, it } from 'vitest';
import { auditText, findings, planFrom } from './helpers.js';

// The enum value is U+FFFD itself, which is what `a\xffb` decodes to when bytes are decoded
// leniently: the two must not be taken for each other.
const PLAN = 'trackplan: 1\nevents:\n  A:\n    properties:\n      e: {type: string, enum: ["a\\uFFFDb", "x"]}\n';
const msg = (e: Buffer | string) => Buffer.concat([Buffer.from('{"type":"track","event":"A","userId":"u","properties":{"e":"'), Buffer.from(e), Buffer.from('"}}')]);
const lines = (...ls: Buffer[]) => Buffer.concat(ls.flatMap((l) => [l, Buffer.from('\n')]));
// Where the value starts in `msg`: the bad byte's column is reported in bytes.
const AT = msg('').length - 3 + 1;

describe('bytes that are not UTF-8 (issue 10, item 6)', () => {
  const input = lines(
    msg('x'), // 1 valid
    msg(Buffer.from([0x61, 0xff, 0x62])), // 2 a\xffb
    msg('a\ufffdb'), // 3 U+FFFD as UTF-8 (EF BF BD): valid, and in the enum
    msg(Buffer.from([0xc0, 0xaf])), // 4 an overlong `/`
    msg(Buffer.from([0x61, 0x80])), // 5 a continuation byte alone
    msg(Buffer.from([0xed, 0xa0, 0x80])), // 6 a UTF-16 surrogate
    msg(Buffer.from([0xe2, 0x82])), // 7 a sequence cut short
    msg('é€😀'), // 8 valid, two to four bytes a character
  );

  it('are bad input of their own code, at their line and byte, never a message (nor one matching "a\\ufffdb")', async () => {
    const { index } = await planFrom(PLAN);
    const s = await auditText(index, input, { chunk: 1 << 20 });
    expect(findings(s)).toEqual(['invalid-utf8@2', 'invalid-utf8@4', 'invalid-utf8@5', 'invalid-utf8@6', 'invalid-utf8@7', 'not-in-enum@8:properties.e']);
    expect(s.messages).toMatchObject({ read: 3, valid: 2, invalid: 1 });
    expect(s.badInput.counts).toEqual({ 'invalid-utf8': 5 });
    expect(s.badInput.examples.map((e) => e.message.split(';')[0])).toEqual([
      `Not UTF-8: byte 0xff at byte ${AT + 1} of the line is not UTF-8 text`,
      `Not UTF-8: byte 0xc0 at byte ${AT} of the line is not UTF-8 text`,
      `Not UTF-8: byte 0x80 at byte ${AT + 1} of the line is not UTF-8 text`,
      `Not UTF-8: byte 0xed at byte ${AT} of the line is not UTF-8 text`,
      `Not UTF-8: byte 0xe2 at byte ${AT} of the line is not UTF-8 text`,
    ]);
    expect(s.badInput.examples[0]!.message).toContain('the line was not audited');
  });

  it('are found the same whatever the chunks, a character cut between two of them being no error', async () => {
    const { index } = await planFrom(PLAN);
    const whole = findings(await auditText(index, input, { chunk: 1 << 20 }));
    for (const chunk of [1, 2, 3, 5, 64]) expect([chunk, findings(await auditText(index, input, { chunk }))]).toEqual([chunk, whole]);
    // Lines that straddle chunks, in CRLF, after a BOM.
    const crlf = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), msg('x'), Buffer.from('\r\n'), msg(Buffer.from([0xff])), Buffer.from('\r\n'), msg('é'), Buffer.from('\r\n')]);
    for (const chunk of [1, 4, 1 << 20]) expect(findings(await auditText(index, crlf, { chunk }))).toEqual(['invalid-utf8@2', 'not-in-enum@3:properties.e']);
  });

  it('in a JSON document, are reported at their own line, and the message holding them is not audited', async () => {
    const { index } = await planFrom(PLAN);
    const doc = Buffer.concat([
      Buffer.from('[\n  {"type": "track", "event": "A", "userId": "u",\n   "properties": {"e": "x"}},\n  {"type": "track", "event": "A", "userId": "u",\n   "properties": {"e": "a'),
      Buffer.from([0xff]),
      Buffer.from('b"}},\n  {"type": "track", "event": "A", "userId": "u", "properties": {"e": "y"}}\n]\n'),
    ]);
    for (const chunk of [3, 1 << 20]) {
      const s = await auditText(index, doc, { chunk });
      expect(findings(s)).toEqual(['invalid-utf8@5', 'not-in-enum@6:properties.e']);
      expect(s.badInput.examples[0]!.message).toMatch(/^Not UTF-8: byte 0xff at byte 26 of the line is not UTF-8 text; the message was not audited\./);
      expect(s.messages.read).toBe(2);
    }
  });
});
