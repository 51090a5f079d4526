import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { locateGroups } from '../../src/audit/plan-index.js';
import { auditText, findings, planFrom } from './helpers.js';

const PLAN = `
trackplan: 1
name: shop
version: "1.0.0"
types:
  Item:
    type: object
    properties:
      sku: {type: string, required: true}
      price: {type: number, minimum: 0}
events:
  Order Completed:
    properties:
      order_id: {type: string, required: true, minLength: 2, maxLength: 10}
      currency: {type: string, pattern: "^[A-Z]{3}$"}
      channel: {type: string, enum: [web, ios]}
      kind: {type: string, const: order}
      at: {type: string, format: date-time}
      coupon: {type: string, nullable: false}
      items: {type: array, items: Item, maxItems: 2}
      tags: {type: array, items: string, uniqueItems: true}
  Old Event:
    deprecated: Use Order Completed.
  Never Sent: {}
identify:
  traits:
    email: {type: string, format: email}
`;

const line = (m: object) => JSON.stringify(m);
const base = { type: 'track', event: 'Order Completed', userId: 'u1' };

describe('audit: every violation code, at its line and path', () => {
  it('finds exactly what was injected', async () => {
    const { index } = await planFrom(PLAN);
    const text = [
      line({ ...base, properties: { order_id: 'o1', currency: 'EUR', channel: 'web', items: [{ sku: 'a', price: 1 }] } }), // 1 valid
      line({ ...base, properties: { currency: 'eur' } }), // 2 missing-required, pattern-mismatch
      line({ ...base, properties: { order_id: 5 } }), // 3 type-mismatch
      line({ ...base, properties: { order_id: 'o3', channel: 'tv', kind: 'refund' } }), // 4 not-in-enum, const-mismatch
      line({ ...base, properties: { order_id: 'o4', at: 'yesterday', coupon: null } }), // 5 format-mismatch, null-not-allowed
      line({ ...base, properties: { order_id: 'o5', items: [{ sku: 'a', price: -1 }, { price: 2 }, { sku: 'c' }] } }), // 6 out-of-range, missing-required (nested), length-out-of-range
      line({ ...base, properties: { order_id: 'x', extra: 1, tags: ['a', 'a'] } }), // 7 length-out-of-range, unplanned-property, not-unique
      line({ type: 'track', event: 'Order Complete', userId: 'u1', properties: {} }), // 8 unplanned-event
      line({ type: 'track', event: 'Old Event', userId: 'u1' }), // 9 deprecated-event
      line({ type: 'identify', userId: 'u1', traits: { email: 'nope' } }), // 10 format-mismatch
      line({ ...base, anonymousId: null, userId: null, properties: { order_id: 'o10' }, timestamp: 'now' }), // 11 missing-required userId, format-mismatch timestamp
    ].join('\n');
    const s = await auditText(index, text);
    expect(findings(s)).toEqual([
      'missing-required@2:properties.order_id',
      'pattern-mismatch@2:properties.currency',
      'type-mismatch@3:properties.order_id',
      'const-mismatch@4:properties.kind',
      'not-in-enum@4:properties.channel',
      'format-mismatch@5:properties.at',
      'null-not-allowed@5:properties.coupon',
      'length-out-of-range@6:properties.items',
      'missing-required@6:properties.items[].sku',
      'out-of-range@6:properties.items[].price',
      'length-out-of-range@7:properties.order_id',
      'not-unique@7:properties.tags[]',
      'unplanned-property@7:properties.extra',
      'unplanned-event@8:event',
      'deprecated-event@9:event',
      'format-mismatch@10:traits.email',
      'format-mismatch@11:timestamp',
      'missing-required@11:userId',
    ]);
    expect(s.messages).toMatchObject({ read: 11, valid: 2, invalid: 9 });
  });

  it('locates each violation group in the plan', async () => {
    const { index, plan, locate } = await planFrom(PLAN);
    const s = await auditText(index, line({ ...base, properties: { order_id: 'o1', items: [{ price: -1 }] } }));
    locateGroups(s, plan, locate);
    const g = Object.values(s.groups).find((x) => x.path === 'properties.items[].price')!;
    // `price` of the Item type, on the line of its key.
    expect(g.plan).toMatchObject({ file: 'plan.yaml', range: { start: { line: 10, col: 7 } } });
  });
});

describe('audit: bad input is counted and reported with its line, and the audit goes on', () => {
  it('handles non-JSON, non-objects, missing names, unknown types, blank lines, BOM and CRLF', async () => {
    const { index } = await planFrom(PLAN);
    const ok = line({ ...base, properties: { order_id: 'o1' } });
    const text = `\ufeff${ok}\r\n\r\nnot json at all\r\n42\r\n${line({ type: 'track', userId: 'u' })}\r\n${line({ type: 'shout', userId: 'u' })}\r\n${line({ userId: 'u' })}\r\n   \r\n${ok}\r\n`;
    const s = await auditText(index, text);
    expect(findings(s)).toEqual(['invalid-json@3', 'malformed-message@4', 'malformed-message@5', 'malformed-message@6', 'malformed-message@7']);
    expect(s.messages.read).toBe(2);
    expect(s.inputs[0]).toMatchObject({ lines: 9, blank: 2 });
  });

  it('reads Segment batch payloads, per line and as a pretty-printed file, and JSON arrays', async () => {
    const { index } = await planFrom(PLAN);
    const m = { ...base, properties: { order_id: 'o1' } };
    const bad = { ...base, properties: {} };
    expect((await auditText(index, `${line({ batch: [m, bad] })}\n${line([m, m])}\n`)).messages).toMatchObject({ read: 4, invalid: 1 });
    const pretty = JSON.stringify({ batch: [m, bad, m] }, null, 2);
    const s = await auditText(index, pretty, { name: 'batch.json' });
    expect(s.messages.read).toBe(3);
    // The invalid message is the second element; its line is where that element starts.
    const lines = pretty.split('\n');
    const second = lines.indexOf('    {', lines.indexOf('    {') + 1) + 1;
    expect(findings(s)).toEqual([`missing-required@${second}:properties.order_id`]);
    const arr = JSON.stringify([m, bad], null, 1);
    expect((await auditText(index, arr)).messages).toMatchObject({ read: 2, invalid: 1 });
  });

  it('reads gzip by its magic bytes, and reports a truncated gzip after auditing what came before', async () => {
    const { index } = await planFrom(PLAN);
    const ok = line({ ...base, properties: { order_id: 'o1' } });
    const text = Array.from({ length: 2000 }, () => ok).join('\n') + '\n';
    const s = await auditText(index, text, { gzip: true, name: 'plain-name.txt', chunk: 4096 });
    expect(s.messages.read).toBe(2000);
    const gz = gzipSync(Buffer.from(text));
    const cut = await auditText(index, gz.subarray(0, Math.floor(gz.length * 0.6)), { chunk: 1024 });
    expect(cut.messages.read).toBeGreaterThan(100);
    expect(cut.messages.read).toBeLessThan(2000);
    expect(cut.badInput.counts['truncated-input']).toBe(1);
  });

  it('skips a line of several MB without holding it, and carries on', async () => {
    const { index } = await planFrom(PLAN);
    const ok = line({ ...base, properties: { order_id: 'o1' } });
    const huge = `{"type":"track","event":"Order Completed","userId":"u","properties":{"order_id":"${'x'.repeat(17 * 1024 * 1024)}"}}`;
    const s = await auditText(index, `${ok}\n${huge}\n${ok}\n`, { chunk: 1 << 20 });
    expect(findings(s)).toEqual(['malformed-message@2']);
    expect(s.messages.read).toBe(2);
  });

  it('keeps findings in input order although lines are parsed a few at a time before they are checked', async () => {
    const { index } = await planFrom(PLAN);
    const ok = line({ ...base, properties: { order_id: 'o1' } });
    const short = line({ ...base, properties: { order_id: 'x' } });
    const huge = `{"type":"track","event":"Order Completed","userId":"u","properties":{"order_id":"${'x'.repeat(17 * 1024 * 1024)}"}}`;
    // Bad input of every kind among violations, around a line too long to hold, over more lines than are held at once.
    const lines = [ok, 'not json', short, '[1', '42', ok, short, huge, short, '{"type":"shout","userId":"u"}', ...Array.from({ length: 20 }, (_, i) => (i % 7 === 3 ? 'nope' : short)), '{'];
    const s = await auditText(index, `${lines.join('\n')}`, { chunk: 1 << 20 });
    const bad = s.badInput.examples.map((e) => `${e.code}@${e.line}`);
    expect(bad).toEqual(['invalid-json@2', 'invalid-json@4', 'malformed-message@5', 'malformed-message@8', 'malformed-message@10', 'invalid-json@14', 'invalid-json@21', 'invalid-json@28', 'invalid-json@31']);
    const tooShort = Object.values(s.groups).find((g) => g.code === 'length-out-of-range')!;
    expect(tooShort.count).toBe(20);
    expect(tooShort.examples.map((e) => e.line)).toEqual([3, 7, 9]);
  });

  it('reads an empty input as nothing, without error', async () => {
    const { index } = await planFrom(PLAN);
    const s = await auditText(index, '');
    expect(s.messages.read).toBe(0);
    expect(findings(s)).toEqual([]);
  });
});

describe('audit: strictness and patterns', () => {
  it('reports unplanned properties of a lenient plan as warnings', async () => {
    const { index } = await planFrom('trackplan: 1\nstrict: false\nevents:\n  A:\n    properties:\n      x: string\n');
    const s = await auditText(index, line({ type: 'track', event: 'A', userId: 'u', properties: { x: 'a', y: 1 } }));
    const g = Object.values(s.groups)[0]!;
    expect([g.code, g.severity, g.path]).toEqual(['unplanned-property', 'warn', 'properties.y']);
    expect(s.messages.valid).toBe(1);
  });

  it('does not hang on a catastrophically backtracking pattern', async () => {
    const { index } = await planFrom('trackplan: 1\nevents:\n  A:\n    properties:\n      s: {type: string, pattern: "^(a+)+$"}\n');
    const evil = `${'a'.repeat(50_000)}!`;
    const started = Date.now();
    const s = await auditText(index, `${line({ type: 'track', event: 'A', userId: 'u', properties: { s: evil } })}\n`);
    expect(Date.now() - started).toBeLessThan(5000); // native V8 would take longer than the universe
    expect(findings(s)).toEqual(['pattern-mismatch@1:properties.s']);
  });
});

describe('audit: findings of review', () => {
  it('a broken first line does not swallow the file', async () => {
    const { index } = await planFrom(PLAN);
    const s = await auditText(index, `{"type":"track","event":"Order Compl\n${line({ ...base, properties: { order_id: 'o1' } })}\n${line({ ...base, event: 'Nope' })}\n`);
    expect(findings(s)).toEqual(['invalid-json@1', 'unplanned-event@3:event']);
    expect(s.messages.read).toBe(2);
  });

  it('reports a deeply nested value instead of failing', async () => {
    const { index } = await planFrom(PLAN);
    const deep = `{"type":"track","event":"Order Completed","userId":"u","properties":{"order_id":"o1","deep":${'['.repeat(20000)}${']'.repeat(20000)}}}`;
    const s = await auditText(index, `${deep}\n${line({ ...base, properties: { order_id: 'o2' } })}\n`, { chunk: 1 << 16 });
    expect(findings(s)).toEqual(['unplanned-property@1:properties.deep']);
    expect(Object.values(s.groups)[0]!.examples[0]!.value).toContain('nested too deeply');
  });

  it('reads a one-line JSON array larger than a message line', async () => {
    const { index } = await planFrom(PLAN);
    const many = JSON.stringify(Array.from({ length: 60_000 }, (_, i) => ({ ...base, properties: { order_id: `o${i}`, currency: 'EUR'.repeat(100).slice(0, 3) }, note: 'x'.repeat(300) })));
    expect(many.length).toBeGreaterThan(16 * 1024 * 1024);
    const s = await auditText(index, many, { chunk: 1 << 20 });
    expect(s.messages.read).toBe(60_000);
  });

  it('numbers the elements of a batch document whose `batch` comes after other keys', async () => {
    const { index } = await planFrom(PLAN);
    const doc = `{\n  "context": {"a": 1, "b": [1, 2]},\n  "sentAt": "2026-01-01T00:00:00Z",\n  "batch": [\n    ${line({ ...base, properties: { order_id: 'o1' } })},\n    ${line({ ...base, properties: {} })}\n  ]\n}\n`;
    expect(findings(await auditText(index, doc))).toEqual(['missing-required@6:properties.order_id']);
  });

  it('passes page and screen calls when the plan plans none', async () => {
    const { index } = await planFrom(PLAN);
    const s = await auditText(index, `${line({ type: 'page', userId: 'u', name: 'Home' })}\n${line({ type: 'screen', userId: 'u' })}\n`);
    expect(findings(s)).toEqual([]);
  });

  it('checks risky patterns in linear time with JavaScript meaning, and names those it cannot', async () => {
    const { index } = await planFrom('trackplan: 1\nevents:\n  A:\n    properties:\n      email: {type: string, pattern: "^[a-z0-9]+[a-z0-9._-]*@[a-z]+\\\\.[a-z]+$"}\n      words: {type: string, pattern: "^(\\\\w+\\\\s?)+$"}\n      handle: {type: string, pattern: "^(?!admin)([a-z]+_?)+$"}\n      pair: {type: string, pattern: "^(\\\\w+)-\\\\1$"}\n');
    const started = Date.now();
    const s = await auditText(index, [
      line({ type: 'track', event: 'A', userId: 'u', properties: { email: `${'a'.repeat(200_000)}!`, words: 'ab\u00a0cd', handle: `${'a'.repeat(40)}!`, pair: 'ab-cd' } }),
      line({ type: 'track', event: 'A', userId: 'u', properties: { email: 'a.b@c.de', words: 'ab cd', handle: 'a_b' } }),
      line({ type: 'track', event: 'A', userId: 'u', properties: { handle: 'admin_b' } }),
    ].join('\n'));
    expect(Date.now() - started).toBeLessThan(5000);
    // `\s` matches a no-break space in JavaScript, as in the generated clients and ajv. A
    // leading look-ahead is checked on its own (RE2 has none); a back-reference cannot be.
    expect(findings(s)).toEqual(['pattern-mismatch@1:properties.email', 'pattern-mismatch@1:properties.handle', 'pattern-mismatch@3:properties.handle']);
    expect(s.uncheckedPatterns).toEqual(['^(\\w+)-\\1$']);
  });
});

describe('audit: bytes after the end of a gzip file', () => {
  it('audits everything that was decompressed before them', async () => {
    const { index } = await planFrom(PLAN);
    const ok = line({ ...base, properties: { order_id: 'o1' } });
    const gz = Buffer.concat([gzipSync(Buffer.from(`${ok}\n${ok}\n${ok}\n`)), Buffer.from('garbage\n')]);
    const s = await auditText(index, gz, { chunk: 5 });
    expect(s.messages.read).toBe(3);
    expect(s.badInput.counts).toEqual({ 'trailing-data': 1 });
  });
});

describe('audit: the envelope timestamp', () => {
  it('is checked as a date-time whether or not the plan has date-time properties (which share its check)', async () => {
    const withDates = await planFrom('trackplan: 1\nevents:\n  A:\n    properties:\n      at: {type: string, format: date-time}\n');
    const without = await planFrom('trackplan: 1\nevents:\n  A: {}\n');
    // A raw schema fragment's date-time check is ajv's, inside its own closure: not one to share.
    const fragment = await planFrom('trackplan: 1\nevents:\n  A:\n    properties:\n      at:\n        schema: {type: string, format: date-time}\n');
    expect(withDates.index.spec.code).not.toContain('__digitAt');
    expect(without.index.spec.code).toContain('function __isDateTime(');
    expect(fragment.index.spec.code).toContain('function __isDateTime(');
    // RFC 3339: `T` (not a space) between date and time, offsets with minutes, hours below 24.
    const lines = (stamps: unknown[]) => stamps.map((timestamp) => line({ type: 'track', event: 'A', userId: 'u', timestamp })).join('\n');
    for (const { index } of [withDates, without, fragment]) {
      expect(findings(await auditText(index, lines(['2026-11-26T10:00:00.000Z', '2026-02-30T10:00:00Z', '2026-11-26 10:00:00+01:00', 'yesterday', 42])))).toEqual(['format-mismatch@2:timestamp', 'format-mismatch@3:timestamp', 'format-mismatch@4:timestamp', 'type-mismatch@5:timestamp']);
      expect(findings(await auditText(index, lines(['2026-11-26t10:00:00+01:00', '2026-11-26T10:00:00+01', '2016-12-31T24:59:60+01:00'])))).toEqual(['format-mismatch@2:timestamp', 'format-mismatch@3:timestamp']);
    }
  });
});

describe('audit: the stamp of generated clients (context.trackplan)', () => {
  const stamped = (trackplan: unknown) => line({ ...base, properties: { order_id: 'o1' }, context: { ip: '10.0.0.1', trackplan } });

  it('warns of messages from clients generated from another version or another plan, and of broken stamps', async () => {
    const { plan, index, locate } = await planFrom(PLAN);
    const s = await auditText(index, [
      stamped({ plan: 'shop', version: '1.0.0' }), // this plan: nothing to say
      stamped({ plan: 'shop', version: '0.9.0' }),
      stamped({ plan: 'shop', version: '0.9.0' }),
      stamped({ plan: 'admin', version: '1.0.0' }),
      stamped('shop@1.0.0'),
      stamped({ plan: 'shop' }),
      line({ ...base, properties: { order_id: 'o1' }, context: null }), // no context at all: no stamp to check
      line({ ...base, properties: { order_id: 'o1' } }),
    ].join('\n'));
    expect(findings(s)).toEqual([
      'plan-mismatch@2:context.trackplan.version',
      'plan-mismatch@3:context.trackplan.version',
      'plan-mismatch@4:context.trackplan.plan',
      'plan-mismatch@5:context.trackplan',
      'plan-mismatch@6:context.trackplan',
    ]);
    // Warnings: every message is still valid, and the rate does not count them.
    expect(s.messages).toMatchObject({ read: 8, valid: 8, invalid: 0 });
    const groups = Object.values(s.groups);
    expect(groups.every((g) => g.severity === 'warn')).toBe(true);
    const version = groups.find((g) => g.path === 'context.trackplan.version')!;
    expect(version.count).toBe(2);
    expect(version.message).toBe('was sent by a client generated from another version of the plan (this plan is 1.0.0); regenerate that client');
    expect(version.examples.map((e) => e.value)).toEqual(['"0.9.0"', '"0.9.0"']);
    expect(groups.find((g) => g.path === 'context.trackplan.plan')!.message).toBe('was sent by a client generated from another plan (this plan is "shop")');
    // In the plan, the place to look is its own version (or name), not the event.
    locateGroups(s, plan, locate);
    expect(version.plan?.range?.start).toEqual({ line: 4, col: 1 });
    expect(groups.find((g) => g.path === 'context.trackplan.plan')!.plan?.range?.start).toEqual({ line: 3, col: 1 });
  });

  it('compares with what a generated client of a plan without name or version stamps: empty strings', async () => {
    const { index } = await planFrom('trackplan: 1\nevents:\n  A: {}\n');
    const ok = line({ type: 'track', event: 'A', userId: 'u', context: { trackplan: { plan: '', version: '' } } });
    const other = line({ type: 'track', event: 'A', userId: 'u', context: { trackplan: { plan: '', version: '2.0.0' } } });
    const s = await auditText(index, `${ok}\n${other}\n`);
    expect(findings(s)).toEqual(['plan-mismatch@2:context.trackplan.version']);
    expect(Object.values(s.groups)[0]!.message).toContain('(this plan has no version)');
  });
});
