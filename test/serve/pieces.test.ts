import { describe, expect, it } from 'vitest';
import { Generations } from '../../src/serve/generations.js';
import { holdsLongDigitRun, requestLines } from '../../src/serve/message-lines.js';
import { compare, leaves, matches } from '../../src/serve/match.js';
import { MessageStore, type StoredMessage } from '../../src/serve/store.js';
import { order, post, send, serve } from './helpers.js';

describe('partial match', () => {
  const msg = { type: 'track', event: 'A', n: 0, nil: null, props: { list: [{ a: 1, b: 2 }, { a: 3 }], 'odd key': true, empty: {} } };
  it.each([
    [{}, true],
    [{ type: 'track' }, true],
    [{ n: 0 }, true],
    [{ n: false }, false],
    [{ n: '0' }, false],
    [{ nil: null }, true],
    [{ nil: {} }, false],
    [{ missing: null }, false],
    [{ props: { list: [{ a: 1 }] } }, true],
    [{ props: { list: [{}, { a: 3 }] } }, true],
    [{ props: { list: [{ a: 3 }] } }, false],
    [{ props: { list: [{}, {}, {}] } }, false],
    [{ props: { list: [] } }, true],
    [{ props: { list: {} } }, false],
    [{ props: { empty: {} } }, true],
    [{ props: { 'odd key': true } }, true],
    [{ props: { hasOwnProperty: {} } }, false],
    [JSON.parse('{"__proto__": {}}') as object, false],
  ])('%j → %s', (match, expected) => {
    expect(matches(match, msg)).toBe(expected);
  });

  it('counts the values a match holds and says where a message differs, with violation-style paths', () => {
    expect(leaves({ a: 1, b: { c: [1, 2], d: {} }, e: [] })).toBe(5);
    expect(compare({ event: 'A', props: { list: [{ a: 1 }, { a: 4 }], 'odd key': false, x: { y: 1 } } }, msg)).toEqual({
      matched: 2,
      of: 5,
      differences: [
        { path: 'props.list[1].a', expected: 4, actual: 3 },
        { path: 'props["odd key"]', expected: false, actual: true },
        { path: 'props.x', expected: { y: 1 }, missing: true },
      ],
    });
  });
});

describe('generations', () => {
  it('issues a key per generation, signed: a key not issued here (or for a generation yet to come) is nobody\'s', () => {
    const g = new Generations();
    const k1 = g.keyFor();
    expect(g.issued(k1)).toBe(1);
    const { generation, writeKey } = g.next();
    expect([generation, g.issued(writeKey), g.of(k1), g.of('my-key'), g.of(undefined)]).toEqual([2, 2, 1, 2, 2]);
    expect(g.issued(writeKey.replace(/.$/, (c) => (c === '0' ? '1' : '0')))).toBeUndefined();
    expect(g.issued('tp-9-' + writeKey.slice(-20))).toBeUndefined();
    expect(new Generations().issued(k1)).toBeUndefined();
  });
});

describe('the store', () => {
  // The store never reads a message's plan.
  const m = (seq: number, bytes = 10): StoredMessage => ({ seq, generation: 1, line: seq, receivedAt: '', type: 'track', name: 'A', valid: true, findings: [], json: 'x'.repeat(bytes), plan: undefined as unknown as StoredMessage['plan'] });
  it('keeps the most recent messages, by count and by bytes, growing as it fills', () => {
    const s = new MessageStore(5, 1000);
    for (let i = 1; i <= 12; i++) s.add(m(i));
    expect([...s.newestFirst()].map((x) => x.seq)).toEqual([12, 11, 10, 9, 8]);
    const b = new MessageStore(100, 100);
    for (let i = 1; i <= 200; i++) b.add(m(i, i % 7 === 0 ? 60 : 10));
    const kept = [...b.newestFirst()];
    expect(kept.reduce((n, x) => n + x.json.length, 0)).toBeLessThanOrEqual(100);
    expect(kept.map((x) => x.seq)).toEqual([200, 199, 198, 197, 196]);
    // Larger than the budget alone: the newest is kept all the same.
    b.add(m(201, 500));
    expect([...b.newestFirst()].map((x) => x.seq)).toEqual([201]);
  });

  it('keeps the bytes of ASCII messages off the heap, in blocks, and gives back exactly the JSON it was given', () => {
    // Each message's JSON is a span of its body's bytes and a tail, as message-lines.ts makes it.
    const made = (seq: number, size: number): { msg: StoredMessage; body: Buffer; span: { from: number; length: number; tail: string } } => {
      const own = `{"n":${seq},"pad":"${'p'.repeat(size)}"`;
      const body = Buffer.from(`{"batch":[${own}}]}`);
      const tail = seq % 3 === 0 ? `,"receivedAt":"t","messageId":"id-${seq}"}` : ',"receivedAt":"t"}';
      return { msg: { ...m(seq), json: own + tail, ...(seq % 5 === 0 ? { findings: [{ code: 'type-mismatch', severity: 'error', path: 'n', message: 'x' }], valid: false } : {}) } as StoredMessage, body, span: { from: 10, length: own.length, tail } };
    };
    const s = new MessageStore(1000, 64 * 1024 * 1024);
    const want = new Map<number, StoredMessage>();
    // 2,400 messages of 1–20 KB: more than a 4 MB block holds, and some stored as strings between them.
    for (let seq = 1; seq <= 2400; seq++) {
      const { msg, body, span } = made(seq, 1 + ((seq * 7919) % 20_000));
      s.add(msg, seq % 11 === 0 ? undefined : { body, span });
      want.set(seq, msg);
      body.fill(0); // the store copied what it keeps: the body may be reused
    }
    const kept = [...s.newestFirst()];
    expect(kept.map((x) => x.seq)).toEqual(Array.from({ length: 1000 }, (_, k) => 2400 - k));
    for (const x of kept) {
      const w = want.get(x.seq)!;
      expect(x.json).toBe(w.json);
      expect([x.valid, x.findings]).toEqual([w.valid, w.findings]);
    }
  });

  it('a message read back stays right after the store drops it and writes over its place', () => {
    const s = new MessageStore(10, 1024 * 1024);
    const add = (seq: number) => {
      const own = `{"n":${seq},"pad":"${String(seq).repeat(200_000)}"`;
      const tail = ',"receivedAt":"t"}';
      s.add({ ...m(seq), json: own + tail }, { body: Buffer.from(own), span: { from: 0, length: own.length, tail } });
      return own + tail;
    };
    const first = add(1);
    const view = [...s.newestFirst()][0]!;
    // Past 1 MB: the first message and its block go, and more blocks (kept for reuse) are written after it.
    for (let seq = 2; seq <= 100; seq++) add(seq);
    expect([...s.newestFirst()].some((x) => x.seq === 1)).toBe(false);
    expect(view.json).toBe(first);
    // Filters read the other fields; the JSON of a view is made once, when read.
    expect(JSON.parse(view.json).n).toBe(1);
  });

  it('bounds the bytes it holds in blocks as it bounds strings (the newest kept whatever its size)', () => {
    const s = new MessageStore(100_000, 1024 * 1024);
    const own = `{"pad":"${'q'.repeat(9_000)}"`;
    const body = Buffer.from(own);
    const tail = ',"receivedAt":"t"}';
    for (let seq = 1; seq <= 5000; seq++) s.add({ ...m(seq), json: own + tail }, { body, span: { from: 0, length: own.length, tail } });
    // 45 MB went through a store of 1 MB: the blocks behind what was dropped were let go (at most
    // the block being written, the one the oldest message is in, and two kept for reuse remain).
    expect(s.blockBytes).toBeGreaterThan(0);
    expect(s.blockBytes).toBeLessThanOrEqual(4 * 4 * 1024 * 1024);
    const kept = [...s.newestFirst()];
    expect(kept.length).toBe(Math.floor((1024 * 1024) / (own.length + tail.length)));
    expect(kept[0]!.seq).toBe(5000);
    expect(kept.every((x) => x.json === own + tail)).toBe(true);
  });

  it('a full store drops the oldest messages from the list, while the report counts every message (kept incrementally)', async () => {
    const s = await serve({ maxMessages: 3 });
    try {
      for (let i = 0; i < 10; i++) expect((await post(s.url, '/v1/track', order(`s${i}`, i % 2 ? { total: 'x' } : {}))).status).toBe(200);
      const list = JSON.parse((await send(s.url, '/trackplan/messages', { method: 'GET' })).text) as { message: { messageId: string } }[];
      expect(list.map((x) => x.message.messageId)).toEqual(['m-s7', 'm-s8', 'm-s9']);
      const report = s.intake.report('current', {});
      expect([report.totals.read, report.totals.invalid, report.groups[0]!.count]).toEqual([10, 5, 5]);
      expect(s.intake.status().messages).toEqual({ received: 10, generation: 10, stored: 3 });
    } finally {
      await s.close();
    }
  });
});

describe('closing', () => {
  it('a request whose body never ends is cut at the request timeout, not waited on for ever', async () => {
    const s = await serve({ requestTimeoutMs: 600 });
    const u = new URL(s.url);
    const { Socket } = await import('node:net');
    const socket = new Socket();
    await new Promise<void>((r) => socket.connect(Number(u.port), u.hostname, r));
    socket.on('error', () => undefined);
    const closed = new Promise((r) => socket.once('close', r));
    socket.write('POST /v1/track HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"type":');
    await new Promise((r) => setTimeout(r, 50));
    const t0 = Date.now();
    await s.close();
    await closed;
    expect(Date.now() - t0).toBeLessThan(1500);
  });

  it('a connection that never sent a request does not hold the close up', async () => {
    const s = await serve({ headersTimeoutMs: 10_000, requestTimeoutMs: 10_000 });
    const u = new URL(s.url);
    const { Socket } = await import('node:net');
    const socket = new Socket();
    await new Promise<void>((r) => socket.connect(Number(u.port), u.hostname, r));
    const t0 = Date.now();
    await s.close();
    expect(Date.now() - t0).toBeLessThan(500);
    socket.destroy();
  });
});

describe('capture lines', () => {
  it('keep every number beyond a float\'s range as written: a long exponent, a long integer part, inside a batch or a message', () => {
    const big = `1${'0'.repeat(250)}e60`; // 1e310: a two-digit exponent, a long integer part
    const cases = [`{"batch":[{"type":"track","event":"A","userId":"u","messageId":"x","properties":{"a":1e999,"b":-2E+400,"c":${big},"d":1e10,"e":"4e-4661"}}]}`, `{"type":"track","event":"A","userId":"u","messageId":"x","properties":{"c":${big}}}`];
    const [batch, single] = cases.map((text, i) => requestLines(JSON.parse(text), text, i === 0 ? 'batch' : 'track', 'T', undefined));
    expect(Array.isArray(batch) && batch[0]!.text).toBe(`{"type":"track","event":"A","userId":"u","messageId":"x","properties":{"a":1e999,"b":-2E+400,"c":${big},"d":10000000000,"e":"4e-4661"},"receivedAt":"T"}`);
    expect(Array.isArray(single) && single[0]!.text).toBe(`{"type":"track","event":"A","userId":"u","messageId":"x","properties":{"c":${big}},"receivedAt":"T"}`);
  });
});

describe('the scan for a hundred digits in a row', () => {
  const digits = (n: number) => Array.from({ length: n }, (_, i) => String((i * 7) % 10)).join('');
  const runs: [string, string][] = [];
  // Runs of 49 to 101 digits at every offset against the sampling step (50), at the text's
  // start and end, between letters, next to other runs and next to non-ASCII digits (not \d).
  for (const n of [0, 1, 49, 50, 51, 98, 99, 100, 101, 149, 150, 199, 200]) {
    for (let pad = 0; pad < 52; pad += 3) {
      const run = digits(n);
      runs.push([`${n} digits after ${pad} letters`, `${'x'.repeat(pad)}${run}`]);
      runs.push([`${n} digits after ${pad} letters, then text`, `${'"'.repeat(pad)}${run}"}]`]);
      runs.push([`${n} digits split by a dot`, `${'a'.repeat(pad)}${run.slice(0, n >> 1)}.${run.slice(n >> 1)}`]);
      runs.push([`${n} digits beside Arabic-Indic digits`, `${'٣'.repeat(pad)}${run}${'٣'.repeat(60)}`]);
      runs.push([`two runs of ${n} and 99 digits`, `${'b'.repeat(pad)}${run}e${digits(99)}`]);
    }
  }
  it(`answers as /\d{100}/ does on ${runs.length} texts built to fall between its samples`, () => {
    expect(runs.filter(([, text]) => holdsLongDigitRun(text) !== /\d{100}/.test(text)).map(([name]) => name)).toEqual([]);
    expect(runs.filter(([, text]) => holdsLongDigitRun(text)).length).toBeGreaterThan(runs.length / 4);
  });

  it('finds a long run in a batch of a hundred messages, and none where there is none', () => {
    const message = (i: number, n: number) => `{"type":"track","event":"E","messageId":"m-${i}","properties":{"n":${n}}}`;
    const plain = `{"batch":[${Array.from({ length: 100 }, (_, i) => message(i, i * 1234567)).join(',')}]}`;
    expect(holdsLongDigitRun(plain)).toBe(false);
    for (const at of [0, 37, 99]) {
      const text = `{"batch":[${Array.from({ length: 100 }, (_, i) => (i === at ? message(i, Number.NaN).replace('NaN', `1${digits(99)}`) : message(i, i))).join(',')}]}`;
      expect(holdsLongDigitRun(text)).toBe(true);
    }
  });
});
