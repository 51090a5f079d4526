import { describe, expect, it } from 'vitest';
import { batchMemberSpans, nesting } from '../../src/serve/member-spans.js';
import { MAX_NESTING, requestLines, type Line } from '../../src/serve/message-lines.js';
import { rng as random } from '../compile/value-generator.js';

const TRICKY = ['"', '\\', '\\"', '{', '}', '[', ']', ',', ':', '\\\\', 'é', '\u2028', '😀', ' ', 'batch'];

/** JSON text of a random value, with random (valid) whitespace and string escapes. */
function value(r: () => number, depth: number): string {
  const sp = () => [' ', '', '\t', '  '][Math.floor(r() * 4)]!;
  const str = () => JSON.stringify(Array.from({ length: Math.floor(r() * 4) }, () => TRICKY[Math.floor(r() * TRICKY.length)]).join('')).replace(/a/g, () => (r() < 0.3 ? '\\u0061' : 'a'));
  const k = depth > 3 ? Math.floor(r() * 3) : Math.floor(r() * 6);
  switch (k) {
    case 0: return str();
    case 1: return String(Math.round((r() - 0.5) * 1e6) / 100);
    case 2: return ['true', 'false', 'null', '-0', '1e3', '2.50'][Math.floor(r() * 6)]!;
    case 3: return `[${sp()}${Array.from({ length: Math.floor(r() * 4) }, () => value(r, depth + 1)).join(`${sp()},${sp()}`)}${sp()}]`;
    default: return `{${sp()}${Array.from({ length: Math.floor(r() * 4) }, () => `${str()}${sp()}:${sp()}${value(r, depth + 1)}`).join(`,${sp()}`)}${sp()}}`;
  }
}

describe('batch member spans', () => {
  it('find every member of 500 random batch bodies, each text reading back as JSON.parse read the member', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const r = random(seed);
      const members = Array.from({ length: Math.floor(r() * 5) }, () => (r() < 0.7 ? `{"type":"track","event":${value(r, 3)},"properties":${value(r, 1)}}` : value(r, 0)));
      const before = r() < 0.5 ? `"sentAt":"2026-12-02T00:00:00Z",${r() < 0.3 ? '"batch":[1,2],' : ''}` : '';
      const after = r() < 0.5 ? `,"context":{"batch":[{"x":"]"}]},"writeKey":"k\\"ey"` : '';
      const body = ` {${before}"batch" : [ ${members.join(' , ')} ]${after}} `;
      const parsed = (JSON.parse(body) as { batch: unknown[] }).batch;
      const spans = batchMemberSpans(body);
      expect(spans, `seed ${seed}`).toBeDefined();
      expect(spans!.length, `seed ${seed}`).toBe(parsed.length * 3);
      for (let i = 0; i < parsed.length; i++) {
        const text = body.slice(spans![3 * i], spans![3 * i + 1]);
        expect(JSON.parse(text), `seed ${seed}, member ${i}: ${text}`).toEqual(parsed[i]);
        expect(text).toBe(text.trim());
      }
    }
  });

  it('give up where the body is not plain: a key written with escapes, no batch list, not an object', () => {
    expect(batchMemberSpans('{"b\\u0061tch":[{"a":1}]}')).toBeUndefined();
    expect(batchMemberSpans('{"batch":{"a":1}}')).toBeUndefined();
    expect(batchMemberSpans('{"batch":[{"a":1}],"batch":"later"}')).toBeUndefined();
    expect(batchMemberSpans('[{"batch":[]}]')).toBeUndefined();
    expect(batchMemberSpans('{}')).toBeUndefined();
    expect(batchMemberSpans('{"batch":[]}')).toEqual([]);
  });

  it('end on text that is not JSON without looping (it is never given any: JSON.parse goes first, and it does not validate)', () => {
    for (const bad of ['{"batch":[1 2]}', '{"batch":[', '{"batch"', '{"batch":[{"a":"]}', '{"x":1 "batch":[]}', '{"batch":[]]', '{"batch":[1],']) expect(batchMemberSpans(bad), bad).toBeUndefined();
    expect(batchMemberSpans('{"batch":[{"a":[1]]]}')).toEqual([10, 19, 2]); // brackets are not matched by kind
  });

  it('take the last batch list when the key is given twice, as JSON.parse does', () => {
    const body = '{"batch":[{"a":1}],"batch":[{"b":2},{"c":3}]}';
    const spans = batchMemberSpans(body)!;
    expect([body.slice(spans[0], spans[1]), body.slice(spans[3], spans[4])]).toEqual(['{"b":2}', '{"c":3}']);
  });

  it('say how deep each member nests', () => {
    expect(batchMemberSpans('{"batch":[1,{},{"a":[[{"s":"[[[["}]]}]}')!.filter((_, i) => i % 3 === 2)).toEqual([0, 1, 4]);
    expect(nesting(' [[[]]] ')).toBe(3);
    expect(nesting('"x"')).toBe(0);
  });
});

describe('capture lines as sent', () => {
  const lines = (body: string, route: 'batch' | 'track' = 'batch') => requestLines(JSON.parse(body), body, route, 'T', undefined) as Line[];

  it('keep a member as the client wrote it (spaces, escapes, key order, numbers) and add the server\'s keys at its end', () => {
    const body = '{"batch": [ {"type" : "track", "event":"A\\u0042", "userId":"u", "messageId":"m", "properties": {"n": 1.50, "s": "\\/"}} ]}';
    const [l] = lines(body);
    expect(l!.text).toBe('{"type" : "track", "event":"A\\u0042", "userId":"u", "messageId":"m", "properties": {"n": 1.50, "s": "\\/"},"receivedAt":"T"}');
    expect(JSON.parse(l!.text)).toEqual(l!.value);
  });

  it('write a member again when its text spans lines (a pretty-printed body), so a capture line stays one line', () => {
    const body = JSON.stringify({ batch: [{ type: 'track', event: 'A', userId: 'u', messageId: 'm' }] }, null, 2);
    const [l] = lines(body);
    expect(l!.text).toBe('{"type":"track","event":"A","userId":"u","messageId":"m","receivedAt":"T"}');
    const [single] = lines(`\n ${JSON.stringify({ type: 'track', event: 'A', userId: 'u', messageId: 'm' }, null, 1)} \n`, 'track');
    expect(single!.text).toBe('{"type":"track","event":"A","userId":"u","messageId":"m","receivedAt":"T"}');
  });

  it('keep a single message as sent, without the spaces around it', () => {
    const [l] = lines('  {"type":"track", "event":"A","userId":"u","messageId":"m"}\t', 'track');
    expect(l!.text).toBe('{"type":"track", "event":"A","userId":"u","messageId":"m","receivedAt":"T"}');
  });

  it('write an empty member as {"receivedAt": …}', () => {
    const [l] = lines('{"batch":[{ }]}');
    expect(JSON.parse(l!.text)).toEqual({ receivedAt: 'T', messageId: expect.stringMatching(/^trackplan-/) });
  });

  it(`refuse a message that nests more than ${MAX_NESTING} deep, and take one that nests exactly that`, () => {
    const deep = (n: number) => `{"batch":[{"type":"track","event":"A","userId":"u","properties":{"x":${'['.repeat(n - 2)}${']'.repeat(n - 2)}}}]}`;
    expect(lines(deep(MAX_NESTING))).toHaveLength(1);
    expect(requestLines(JSON.parse(deep(MAX_NESTING + 1)), deep(MAX_NESTING + 1), 'batch', 'T', undefined)).toMatchObject({ code: 'too-deep' });
    const single = `{"type":"track","event":"A","userId":"u","properties":{"x":${'['.repeat(MAX_NESTING)}${']'.repeat(MAX_NESTING)}}}`;
    expect(requestLines(JSON.parse(single), single, 'track', 'T', undefined)).toMatchObject({ code: 'too-deep' });
  });
});

describe('a line\'s size in bytes', () => {
  it('is known without counting for the client\'s own text of an ASCII body, and equals its UTF-8 length', () => {
    const ascii = '{"batch":[{"type":"track","event":"A","userId":"u"},{"type":"track","event":"B\\u00e9","userId":"u","messageId":"m"}]}';
    const lines = requestLines(JSON.parse(ascii), ascii, 'batch', 'T', undefined, true) as Line[];
    for (const l of lines) expect(l.bytes).toBe(Buffer.byteLength(l.text));
    // Not for a body with other characters, nor for a member written again (a pretty-printed one).
    const other = '{"batch":[{"type":"track","event":"é","userId":"u"}]}';
    expect((requestLines(JSON.parse(other), other, 'batch', 'T', undefined, false) as Line[])[0]!.bytes).toBeUndefined();
    const pretty = JSON.stringify({ batch: [{ type: 'track', event: 'B\u00e9', userId: 'u' }] }).replace('{"type"', '{\n"type"').replace(/é/, '\\u00e9');
    const [p] = requestLines(JSON.parse(pretty), pretty, 'batch', 'T', undefined, true) as Line[];
    expect(p!.bytes).toBeUndefined();
    expect(p!.text).toContain('é');
  });
});
