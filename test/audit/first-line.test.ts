// The first line with content decides how an input is read (NDJSON or a document). A stream
// decides it chunk by chunk with FirstLineProbe, which must agree with firstLineIsJson on the
// whole head however the bytes are cut, and look at each byte once.
import { describe, expect, it } from 'vitest';
import { FirstLineProbe, firstLineIsJson, MAX_LINE } from '../../src/audit/lines.js';

const HEADS = [
  '{"type":"track"}\n{"x":1}\n',
  '\n\n  \r\n{"type":"track"}\r\n',
  '\ufeff{"a":1}\n',
  '[\n  {"type":"track"}\n]\n',
  '{"type":\n',
  '   \n[1,2]\n',
  'not json\n{"a":1}\n',
  '{"a":"é ü"}\n',
  '{"a":1}', // no newline yet: undecided
  '\n\n',
];

function probe(head: Buffer, size: number): boolean | undefined {
  const p = new FirstLineProbe();
  for (let i = 0; i < head.length; i += size) {
    const v = p.feed(head.subarray(i, i + size));
    if (v !== undefined) return v;
  }
  return undefined;
}

describe('FirstLineProbe', () => {
  it.each(HEADS.map((h) => [JSON.stringify(h), h]))('agrees with firstLineIsJson on %s at every chunk size', (_, head) => {
    const bytes = Buffer.from(head);
    const whole = firstLineIsJson(bytes, bytes.length);
    for (let size = 1; size <= bytes.length + 1; size++) expect(probe(bytes, size), `chunks of ${size}`).toBe(whole);
  });

  it('gives up on a first line longer than MAX_LINE, and reads a long one whole', () => {
    const long = Buffer.from(`{"a":"${'x'.repeat(MAX_LINE / 2)}"}\n`);
    expect(probe(long, 65536)).toBe(true);
    expect(probe(Buffer.alloc(MAX_LINE + 65536, 'x'), 65536)).toBe(false);
  });
});
