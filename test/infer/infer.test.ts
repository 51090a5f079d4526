import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadPlan } from '../../src/load/load-plan.js';
import { MAX_KEYS } from '../../src/infer/shape.js';
import { functionName } from '../../src/model/names.js';
import { MAX_NAMES, MAX_PLACES } from '../../src/infer/summary.js';
import { inferredMessages, writePlan } from '../../src/infer/write-plan.js';
import { auditText, planFrom } from '../audit/helpers.js';
import { DEFAULTS, inferText, inferYaml, sequence } from './helpers.js';

type Def = Record<string, unknown> & { properties?: Record<string, Def>; items?: Def };

/** Traffic with every kind of value `infer` tells apart, 200 messages of each event. */
function traffic(): unknown[] {
  const rnd = sequence(7);
  const out: unknown[] = [];
  for (let i = 0; i < 200; i++) {
    const ts = `2026-11-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00.000Z`;
    out.push({
      type: 'track',
      event: 'Order Completed',
      userId: `u${i}`,
      timestamp: ts,
      properties: {
        order_id: `o-${i}`,
        total: i % 4 === 0 ? 10 : 10.5 + i, // some whole, some not: number
        quantity: 1 + (i % 5), // every one whole: integer
        coupon: i % 10 === 0 ? null : `C${i}`, // nullable
        currency: ['USD', 'EUR', 'GBP'][i % 3], // an enum: 3 distinct of 200
        ref: i % 5 === 0 ? 42 + i : `r-${i}`, // mixed: string 80%, integer 20%
        ...(i % 2 === 0 ? { note: `n${i}` } : {}),
        placed_at: ts,
        day: ts.slice(0, 10),
        email: `user${i}@example.com`,
        id: `f47ac10b-58cc-4372-a567-${String(100000000000 + i)}`,
        ip: `10.0.0.${i % 250}`,
        link: `https://shop.example/o/${i}`,
        flags: { gift: i % 2 === 0, wrap: rnd() > 0.5 },
        products: [{ sku: `s${i}`, price: 1.5 }, { sku: `t${i}`, price: 2, tags: ['a'] }],
        codes: [1, 2, 3],
        empty: [],
      },
    });
    out.push({ type: 'page', name: 'Home', anonymousId: `a${i}`, properties: { path: '/', url: 'https://shop.example/', title: 'Shop', referrer: '', search: '', variant: ['a', 'b'][i % 2] } });
    if (i % 4 === 0) out.push({ type: 'identify', userId: `u${i}`, traits: { email: `user${i}@example.com`, plan: ['free', 'pro'][(i / 4) % 2] } });
    if (i % 8 === 0) out.push({ type: 'group', userId: `u${i}`, groupId: `g${i}`, traits: { employees: 10 + i } });
    if (i % 8 === 0) out.push({ type: 'screen', name: 'Settings', userId: `u${i}` });
    if (i % 50 === 0) out.push({ type: 'alias', userId: `u${i}`, previousId: `a${i}` });
  }
  return out;
}

describe('infer: the plan it writes', () => {
  it('passes check, and auditing the traffic against it finds no error', async () => {
    const messages = traffic();
    const yaml = await inferYaml(messages);
    const loaded = await loadPlan('plan.yaml', { text: yaml });
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const { index } = await planFrom(yaml);
    const s = await auditText(index, messages.map((m) => JSON.stringify(m)).join('\n'));
    const errors = Object.values(s.groups).filter((g) => g.severity === 'error');
    expect(errors).toEqual([]);
    expect(s.messages.read).toBe(messages.length);
  });

  it('types, unions with shares, required, nullable, enums, formats, nested objects and arrays', async () => {
    const yaml = await inferYaml(traffic());
    const plan = parse(yaml) as { events: Record<string, { properties: Record<string, Def> }>; pages: Record<string, { properties: Record<string, Def> }>; screens: Record<string, unknown>; identify: { traits: Record<string, Def> }; group: { traits: Record<string, Def> } };
    const p = plan.events['Order Completed']!.properties;
    expect(p['order_id']).toEqual({ type: 'string', required: true });
    expect(p['total']).toEqual({ type: 'number', required: true });
    expect(p['quantity']).toEqual({ type: 'integer', required: true });
    expect(p['coupon']).toEqual({ type: 'string', required: true, nullable: true });
    expect(p['currency']).toEqual({ type: 'string', required: true, enum: ['EUR', 'GBP', 'USD'] });
    expect(p['ref']).toEqual({ type: ['string', 'integer'], required: true });
    expect(p['note']).toEqual({ type: 'string' });
    expect(p['placed_at']).toMatchObject({ format: 'date-time' });
    expect(p['day']).toMatchObject({ format: 'date' });
    expect(p['email']).toMatchObject({ format: 'email' });
    expect(p['id']).toMatchObject({ format: 'uuid' });
    expect(p['ip']).toMatchObject({ format: 'ipv4' });
    expect(p['link']).toMatchObject({ format: 'uri' });
    expect(p['flags']).toEqual({ type: 'object', required: true, properties: { gift: { type: 'boolean', required: true }, wrap: { type: 'boolean', required: true } } });
    expect(p['products']).toEqual({ type: 'array', required: true, items: { type: 'object', properties: { price: { type: 'number', required: true }, sku: { type: 'string', required: true }, tags: { type: 'array', items: { type: 'string', enum: ['a'] } } } } });
    expect(p['codes']).toEqual({ type: 'array', required: true, items: { type: 'integer' } });
    expect(p['empty']).toEqual({ type: 'array', required: true });
    // analytics.js's own page properties are not planned; the page's own are.
    expect(Object.keys(plan.pages['Home']!.properties)).toEqual(['variant']);
    expect(plan.screens).toEqual({ Settings: {} });
    expect(plan.identify.traits['plan']).toEqual({ type: 'string', required: true, enum: ['free', 'pro'] });
    expect(plan.group.traits['employees']).toEqual({ type: 'integer', required: true });
    // The evidence: counts, shares of mixed types, nulls, last seen.
    expect(yaml).toContain('  # seen 200 times · last 2026-11-28T10:00:00.000Z\n  Order Completed:');
    expect(yaml).toContain('      # in 100% (200 of 200) · mixed: string 80%, integer 20%\n      ref:');
    expect(yaml).toContain('      # in 100% (200 of 200) · null 10%\n      coupon:');
    expect(yaml).toContain('      # in 50% (100 of 200)\n      note:');
  });

  it('--required-threshold lowers the bar', async () => {
    const yaml = await inferYaml(traffic(), { requiredThreshold: 0.5 });
    expect((parse(yaml) as { events: Record<string, { properties: Record<string, Def> }> }).events['Order Completed']!.properties['note']).toEqual({ type: 'string', required: true });
  });

  it('--no-enums writes no value of the input (privacy): names and counts only', async () => {
    // Every string value is marked; names (of events, keys) are the plan's and carry no mark.
    const messages = Array.from({ length: 300 }, (_, i) => ({
      type: 'track',
      event: 'Signed Up',
      userId: `SECRETuser${i % 7}`,
      timestamp: `2026-11-26T10:00:0${i % 10}.000Z`,
      properties: { plan: `SECRET${i % 3}`, email: `SECRET${i % 5}@example.com`, tags: [`SECRETtag${i % 2}`], nested: { kind: `SECRETkind${i % 4}` } },
    }));
    const withEnums = await inferYaml(messages);
    expect(withEnums).toContain('SECRET');
    const yaml = await inferYaml(messages, { enums: false });
    expect(yaml).not.toContain('SECRET');
    expect(yaml).not.toContain('2026-11-26');
    expect(yaml).toContain('plan:');
  });

  it('the enum rule: 10 values at least, fewer distinct than their square root, at most 50, not all numbers', async () => {
    const msgs = (values: unknown[]) => values.map((v, i) => ({ type: 'track', event: 'E', userId: `u${i}`, properties: { v } }));
    const def = async (values: unknown[]) => (parse(await inferYaml(msgs(values))) as { events: { E: { properties: { v: Def } } } }).events.E.properties.v;
    expect((await def(Array.from({ length: 9 }, () => 'a'))).enum).toBeUndefined(); // 9 values: too few
    expect((await def(Array.from({ length: 10 }, () => 'a'))).enum).toEqual(['a']);
    expect((await def(Array.from({ length: 16 }, (_, i) => ['a', 'b', 'c', 'd'][i % 4]))).enum).toBeUndefined(); // 4 distinct = sqrt(16)
    expect((await def(Array.from({ length: 17 }, (_, i) => ['a', 'b', 'c', 'd'][i % 4]))).enum).toEqual(['a', 'b', 'c', 'd']);
    expect((await def(Array.from({ length: 100 }, (_, i) => String(i % 3)))).enum).toBeUndefined(); // numbers written as text
    expect((await def(Array.from({ length: 10_000 }, (_, i) => `v${i % 51}`))).enum).toBeUndefined(); // 51 distinct
    expect((await def(Array.from({ length: 10_000 }, (_, i) => `v${i % 50}`))).enum).toHaveLength(50);
  });

  it('a format only when every non-null value has it', async () => {
    const msgs = ['2026-11-26T10:00:00Z', null, '2026-11-26 10:00:00'].map((v, i) => ({ type: 'track', event: 'E', userId: `u${i}`, properties: { at: v } }));
    const def = (parse(await inferYaml(msgs)) as { events: { E: { properties: { at: Def } } } }).events.E.properties.at;
    expect(def).toEqual({ type: 'string', required: true, nullable: true });
  });

  it('is deterministic: the same bytes for the same input, whatever the order of keys and messages', async () => {
    const a = traffic();
    const b = [...a].reverse().map((m) => Object.fromEntries(Object.entries(m as object).reverse()));
    const ya = await inferYaml(a);
    expect(await inferYaml(a)).toBe(ya);
    // Reversed, only `last seen` could differ, and it is the latest timestamp either way.
    expect(await inferYaml(b)).toBe(ya);
  });
});

describe('infer: bounded memory, names made of data', () => {
  it('event names made of data: at most MAX_NAMES planned, the rest counted in the header', async () => {
    const n = MAX_NAMES + 500;
    const lines = Array.from({ length: n }, (_, i) => JSON.stringify({ type: 'track', event: `Viewed Product ${i}`, userId: 'u' }));
    lines.push(JSON.stringify({ type: 'track', event: 'x'.repeat(300), userId: 'u' }));
    const s = await inferText([lines.join('\n')]);
    expect(s.seen.size).toBe(MAX_NAMES);
    expect(s.unnamed).toEqual({ track: { messages: 501, names: 501 } });
    expect(writePlan(s, DEFAULTS)).toContain('# Not planned: 501 track messages under 501 names made of data');
  });

  it('keys made of data: the object is planned as a map (any keys), and the audit passes it', async () => {
    const messages = Array.from({ length: 3 }, (_, j) => ({ type: 'track', event: 'Stock Counted', userId: 'u', properties: { stock: Object.fromEntries(Array.from({ length: MAX_KEYS + 10 }, (_, i) => [`sku_${j}_${i}`, i])) } }));
    const yaml = await inferYaml(messages);
    expect((parse(yaml) as { events: Record<string, { properties: Record<string, Def> }> }).events['Stock Counted']!.properties['stock']).toEqual({ type: 'object', required: true });
    const { index } = await planFrom(yaml);
    const s = await auditText(index, messages.map((m) => JSON.stringify(m)).join('\n'));
    expect(Object.values(s.groups)).toEqual([]);
  });

  it('properties made of data at the top: written strict: false and named in the header, and the audit has no error', async () => {
    const messages = Array.from({ length: 3 }, (_, j) => ({ type: 'track', event: 'Prices', userId: 'u', properties: Object.fromEntries(Array.from({ length: MAX_KEYS + 10 }, (_, i) => [`sku_${j}_${i}`, i])) }));
    const yaml = await inferYaml([...messages, { type: 'track', event: 'Plain', userId: 'u', properties: { a: 1 } }]);
    const events = (parse(yaml) as { events: Record<string, { strict?: boolean; properties?: Record<string, Def> }> }).events;
    expect(events['Prices']).toEqual({ strict: false });
    expect(events['Plain']!.strict).toBeUndefined();
    expect(yaml).toContain('# Properties not inferred for 1 of the messages planned below: keys made of data');
    const { index } = await planFrom(yaml);
    const s = await auditText(index, messages.map((m) => JSON.stringify(m)).join('\n'));
    expect(Object.values(s.groups).filter((g) => g.severity === 'error')).toEqual([]);
  });

  it('past the 250,000 keys an input may note, the properties of the later messages are not inferred: open, and counted', async () => {
    // 700 events of 400 keys each: 280,000 keys, the last of them past the budget.
    const many = Array.from({ length: 700 }, (_, e) => JSON.stringify({ type: 'track', event: `E${e}`, userId: 'u', properties: Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`k${i}`, i])) }));
    const s = await inferText([many.join('\n')]);
    const byName = new Map(inferredMessages(s, DEFAULTS).map((m) => [m.name, m]));
    expect([byName.get('E0')!.open, byName.get('E0')!.properties.size]).toEqual([false, 400]);
    expect([byName.get('E699')!.open, byName.get('E699')!.properties.size]).toEqual([true, 0]);
    const open = [...byName.values()].filter((m) => m.open).length;
    expect(open).toBe(700 - Math.floor(MAX_PLACES / 400));
    // The plan of two of them (writing 250,000 keys of YAML takes seconds): the header counts what it is given.
    const two = { ...s, seen: new Map([...s.seen].filter(([, m]) => m.name === 'E0' || m.name === 'E699')) };
    const yaml = writePlan(two, DEFAULTS);
    expect(yaml).toContain('# Properties not inferred for 1 of the messages planned below');
    expect(yaml).toMatch(/ {2}E699:\n {4}# properties not inferred: keys made of data[^\n]*\n {4}strict: false\n/);
  });

  it('names whose functions clash get a codegen.name that check takes (ASCII, as its schema asks), also in other scripts', async () => {
    const names = ['Order Completed', 'order_completed', 'é', 'É', 'Заказ', 'заказ', 'then'];
    const yaml = await inferYaml([...names.map((event) => ({ type: 'track', event, userId: 'u' })), { type: 'page', name: 'é', userId: 'u' }, { type: 'page', name: 'É', userId: 'u' }]);
    const loaded = await loadPlan('plan.yaml', { text: yaml });
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const fns = [...loaded.plan!.events, ...loaded.plan!.pages].map((e) => functionName({ kind: e.kind, name: e.name, ...(e.codegenName !== undefined ? { codegenName: e.codegenName } : {}) }));
    expect(new Set(fns).size).toBe(names.length + 2);
  });

  it('hostile names: quotes, <script>, ../, unicode, NUL, new lines, __proto__ are plan keys that check and audit take', async () => {
    const names = ['Order "Done"', "it's", '<script>alert(1)</script>', '../../etc/passwd', 'Ünïcödé 🎉', 'a\u0000b', 'line\nbreak', '__proto__', '# not a comment', '- item', 'null', 'true', '1.0'];
    const messages = names.map((event, i) => ({ type: 'track', event, userId: `u${i}`, properties: { [event]: i, __proto__x: 1 } }));
    messages.push({ type: 'track', event: 'Proto', userId: 'u', properties: JSON.parse('{"__proto__": {"polluted": true}}') as { __proto__x: number } });
    const yaml = await inferYaml(messages);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    const loaded = await loadPlan('plan.yaml', { text: yaml });
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(loaded.plan!.events.map((e) => e.name).sort()).toEqual([...names, 'Proto'].sort());
    const { index } = await planFrom(yaml);
    const s = await auditText(index, messages.map((m) => JSON.stringify(m)).join('\n'));
    expect(Object.values(s.groups).filter((g) => g.severity === 'error')).toEqual([]);
  });
});

describe('infer: bad input, counted as the audit counts it', () => {
  it('lines that are not JSON, messages that are not messages, a truncated gzip', async () => {
    const good = JSON.stringify({ type: 'track', event: 'E', userId: 'u' });
    const s = await inferText([`${good}\n{"type":\nnot json\n[1]\n{"type":"nope"}\n${good}\n`]);
    expect(s.messages.read).toBe(2);
    expect(s.badInput.counts).toEqual({ 'invalid-json': 2, 'malformed-message': 2 });
    expect(s.badInput.examples.map((e) => `${e.code}@${e.line}`)).toEqual(['invalid-json@2', 'invalid-json@3', 'malformed-message@4', 'malformed-message@5']);
    const { gzipSync } = await import('node:zlib');
    const gz = gzipSync(Array.from({ length: 2000 }, (_, i) => JSON.stringify({ type: 'track', event: 'E', userId: `u${i}`, properties: { i } })).join('\n'));
    const cut = await inferText([gz.subarray(0, gz.length - 20)]);
    expect(cut.badInput.counts['truncated-input']).toBe(1);
    expect(cut.messages.read).toBeGreaterThan(1000);
  });

  it('a pretty-printed JSON array and a Segment batch read as the audit reads them', async () => {
    const m = (i: number) => ({ type: 'track', event: 'E', userId: `u${i}`, properties: { i } });
    const s = await inferText([JSON.stringify([m(1), m(2)], null, 2), JSON.stringify({ batch: [m(3), m(4), m(5)] })]);
    expect(s.messages.read).toBe(5);
    expect(s.badInput.counts).toEqual({});
  });
});
