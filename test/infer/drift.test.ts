import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planDrift } from '../../src/infer/drift.js';
import { loadPlan } from '../../src/load/load-plan.js';
import { unifiedDiff } from '../../src/report/unified-diff.js';
import { DEFAULTS, inferText, sequence } from './helpers.js';

const FIXTURE = join(import.meta.dirname, 'fixtures/drift-plan.yaml');
const TEXT = readFileSync(FIXTURE, 'utf8');

const order = (i: number, props: Record<string, unknown>) => ({ type: 'track', event: 'Order Completed', userId: `u${i}`, properties: { order_id: `o${i}`, total: 10, currency: 'USD', ...props } });

/** The drift of the fixture plan against messages, and the plan that results, loaded again. */
async function drift(messages: unknown[], options: Partial<typeof DEFAULTS> = {}) {
  const loaded = await loadPlan(FIXTURE);
  const summary = await inferText([messages.map((m) => JSON.stringify(m)).join('\n')]);
  const result = planDrift(TEXT, loaded.plan!, summary, { ...DEFAULTS, ...options });
  const again = await loadPlan(FIXTURE, { text: result.text });
  return { ...result, again };
}

/** Lines added and removed by an edit. */
function changedLines(before: string, after: string): { added: string[]; removed: string[] } {
  const diff = unifiedDiff(before, after, { from: 'a', to: 'b' }).split('\n').slice(2);
  return { added: diff.filter((l) => l.startsWith('+')).map((l) => l.slice(1)), removed: diff.filter((l) => l.startsWith('-')).map((l) => l.slice(1)) };
}

describe('infer --plan: drift as an edit of the plan file', () => {
  it('nothing to add: the same text, no change', async () => {
    const r = await drift([order(1, {}), order(2, { coupon: 'X', sku: 'a', shipping: { method: 'post' } })]);
    expect(r.changes).toEqual([]);
    expect(r.text).toBe(TEXT);
  });

  it('a new event: added at the end of `events`, before the comment that closes them, with its evidence', async () => {
    const r = await drift([order(1, {}), { type: 'track', event: 'Cart Viewed', userId: 'u', properties: { cart_id: 'c1' } }]);
    expect(r.changes).toEqual([{ kind: 'message-added', path: ['events', 'Cart Viewed'], message: 'event "Cart Viewed" added (seen 1 time)' }]);
    expect(r.text).toContain('  Signed Out:\n  # seen 1 time\n  Cart Viewed:\n    properties:\n      # in 100% (1 of 1)\n      cart_id:\n        type: string\n        required: true\n\n# The end of the events.\n');
    expect(r.again.plan!.events.map((e) => e.name)).toEqual(['Order Completed', 'Signed Out', 'Cart Viewed']);
    expect(changedLines(TEXT, r.text).removed).toEqual([]);
  });

  it('a new property: added to its event, optional, at the indentation of the others', async () => {
    const r = await drift([order(1, { gift: true }), order(2, {})]);
    expect(r.changes).toEqual([{ kind: 'property-added', path: ['events', 'Order Completed', 'properties', 'gift'], message: 'property "gift" added (boolean, in 1 of 2)' }]);
    expect(changedLines(TEXT, r.text)).toEqual({ added: ['      # in 50% (1 of 2)', '      gift:', '        type: boolean'], removed: [] });
    expect(r.again.plan!.events[0]!.fields.find((f) => f.name === 'gift')).toMatchObject({ required: false });
  });

  it('a widened type: integer to number in a shorthand, string to a union in a block, a nested key added', async () => {
    const r = await drift([order(1, { total: 10.5, coupon: 7, shipping: { method: 'post', days: 2 } }), order(2, { coupon: 'X' })]);
    expect(r.changes.map((c) => `${c.kind} ${c.path.join('.')}`)).toEqual([
      'type-widened events.Order Completed.properties.coupon',
      'property-added events.Order Completed.properties.shipping.properties.days',
      'type-widened events.Order Completed.properties.total',
    ]);
    const { added, removed } = changedLines(TEXT, r.text);
    expect(removed).toEqual(['      total: integer      # shorthand', '        type: string']);
    expect(added).toEqual(['      total: number      # shorthand', '        type: [string, integer]', '          # in 100% (1 of 1)', '          days:', '            type: integer']);
    // Comments elsewhere are kept, byte for byte.
    expect(r.text).toContain('    description: An order was placed.  # keep this comment\n');
    expect(r.text).toContain('        # a comment inside the definition\n');
    expect(r.again.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('null and enum values: nullable added and values appended to the shared definition; never narrowed', async () => {
    const r = await drift([order(1, { currency: 'GBP', coupon: null }), order(2, {})]);
    expect(r.changes.map((c) => `${c.kind} ${c.path.join('.')}`)).toEqual(['nullable-added events.Order Completed.properties.coupon', 'enum-widened properties.currency']);
    const { added, removed } = changedLines(TEXT, r.text);
    expect(removed).toEqual(['    enum: [USD, EUR]']);
    expect(added).toEqual(['    enum: [USD, EUR, GBP]', '        nullable: true']);
    // Nothing narrowed: `required`, the other properties, the events never seen are all there.
    expect(r.again.plan!.events.map((e) => e.name)).toEqual(['Order Completed', 'Signed Out']);
    expect(r.again.plan!.events[0]!.fields.filter((f) => f.required).map((f) => f.name)).toEqual(['order_id', 'currency']);
  });

  it('--no-enums: values outside an enum are said, never written', async () => {
    const r = await drift([order(1, { currency: 'SECRET' })], { enums: false });
    expect(r.text).toBe(TEXT);
    expect(r.changes).toEqual([{ kind: 'not-edited', path: ['properties', 'currency'], message: '1 value outside the enum seen (--no-enums: not written)' }]);
  });

  it('a definition in an imported file is not edited: the change is listed for that file', async () => {
    const r = await drift([order(1, { sku: 42 })]);
    expect(r.text).toBe(TEXT);
    expect(r.changes).toEqual([{ kind: 'not-edited', path: ['properties', 'sku'], message: 'type widened from string to string or integer: defined in drift-common.yaml (imported), change it there' }]);
  });

  it('sections the plan lacks (pages, identify) are added once, with every entry', async () => {
    const r = await drift([order(1, {}), { type: 'page', name: 'Home', userId: 'u', properties: { path: '/', variant: 'a' } }, { type: 'page', name: 'Cart', userId: 'u' }, { type: 'identify', userId: 'u', traits: { email: 'a@b.co' } }]);
    expect(r.changes.map((c) => c.path.join('.'))).toEqual(['identify', 'pages.Cart', 'pages.Home']);
    expect(r.again.plan!.pages.map((p) => p.name)).toEqual(['Cart', 'Home']);
    expect(r.again.plan!.identify!.fields.map((f) => f.name)).toEqual(['email']);
    expect(r.again.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('a definition reached through an alias or a merge key (<<) is not edited: an edit there would change the anchor\'s other users, or override what << brings', async () => {
    const text = [
      'trackplan: 1',
      'name: shop',
      'events:',
      '  Order Completed: &oc',
      '    properties: &props',
      '      total: {type: number, required: true}',
      '  Order Refunded: *oc',
      '  Order Shipped:',
      '    properties: *props',
      '  Order Returned:',
      '    <<: *oc',
      '    description: back',
      '',
    ].join('\n');
    const loaded = await loadPlan('plan.yaml', { text });
    expect(loaded.plan!.events.map((e) => e.fields.map((f) => f.name).join())).toEqual(['total', 'total', 'total', 'total']);
    const event = (name: string, properties: Record<string, unknown>) => ({ type: 'track', event: name, userId: 'u', properties });
    const summary = await inferText([[event('Order Refunded', { total: 'x' }), event('Order Shipped', { total: 1, note: 'n' }), event('Order Returned', { total: 1, reason: 'r' })].map((m) => JSON.stringify(m)).join('\n')]);
    const r = planDrift(text, loaded.plan!, summary, DEFAULTS);
    expect(r.text).toBe(text);
    expect(r.changes.map((c) => `${c.kind} ${c.path.join('.')}`)).toEqual([
      'not-edited events.Order Refunded.properties.total',
      'not-edited events.Order Returned.properties.reason',
      'not-edited events.Order Shipped.properties.note',
    ]);
    expect(r.changes[0]!.message).toMatch(/alias or a merge key/);
  });

  it('flow maps gain keys and stay valid YAML: `{}` (as infer writes it) becomes a block, others gain keys on their own lines\' terms', async () => {
    const cases: [string, string][] = [
      ['empty, as infer writes a message without properties', 'trackplan: 1\nname: shop\nevents:\n  Order Completed: {}\n'],
      ['empty, with a comment after it', 'trackplan: 1\nname: shop\nevents:\n  Order Completed: {}  # kept\n  Other: {}\n'],
      ['on one line', 'trackplan: 1\nname: shop\nevents:\n  Order Completed:\n    properties: {total: number, sku: string}  # kept\n'],
      ['over lines, with comments inside', 'trackplan: 1\nname: shop\nevents:\n  Order Completed:\n    properties: {\n      total: {type: number, required: true},  # kept\n      # kept too\n      sku: string\n    }\n'],
      ['a whole flow document', 'trackplan: 1\nname: shop\nevents: {Order Completed: {properties: {total: number, sku: string}}}\n'],
      ['a flow map inside a flow map, empty', 'trackplan: 1\nname: shop\nevents: {Order Completed: {}}\n'],
      ['CRLF', 'trackplan: 1\r\nname: shop\r\nevents:\r\n  Order Completed: {}\r\n'],
    ];
    const summary = await inferText([JSON.stringify({ type: 'track', event: 'Order Completed', userId: 'u', properties: { total: 1, sku: 's', 'it\'s "new": <b>': { deep: [1] } } })]);
    for (const [what, text] of cases) {
      const loaded = await loadPlan('plan.yaml', { text });
      expect(loaded.plan, what).toBeDefined();
      const r = planDrift(text, loaded.plan!, summary, DEFAULTS);
      const again = await loadPlan('plan.yaml', { text: r.text });
      expect(again.diagnostics.filter((d) => d.severity === 'error'), `${what}:\n${r.text}`).toEqual([]);
      expect(again.plan!.events.find((e) => e.name === 'Order Completed')!.fields.map((f) => f.name).sort(), what).toEqual(['it\'s "new": <b>', 'sku', 'total']);
      for (const kept of text.match(/# kept( too)?/g) ?? []) expect(r.text, what).toContain(kept);
      if (text.includes('\r\n')) expect(r.text.replace(/\r\n/g, ''), what).not.toContain('\n');
    }
  });

  it('a message without a value (`Signed Out:`) gets its properties under it', async () => {
    const r = await drift([{ type: 'track', event: 'Signed Out', userId: 'u', properties: { reason: 'idle' } }]);
    expect(r.text).toContain('  Signed Out:\n    properties:\n      # in 100% (1 of 1)\n      reason:\n        type: string\n\n# The end');
  });
});

describe('infer --plan: definitions written in block style', () => {
  it('a type and an enum written as block lists are replaced by flow lists, the lines after them kept', async () => {
    const text = ['trackplan: 1', 'events:', '  E:', '    properties:', '      kind:', '        type:', '          - string', '          - "null"', '        enum:', '          - a', '          - b', '        description: Kind.', '      m:', '        type:', '          - string', '      n: integer', ''].join('\n');
    const loaded = await loadPlan('block.yaml', { text });
    const summary = await inferText([JSON.stringify({ type: 'track', event: 'E', userId: 'u', properties: { kind: 'c', m: 5, n: 1.5 } })]);
    const r = planDrift(text, loaded.plan!, summary, DEFAULTS);
    expect(r.text).toBe(['trackplan: 1', 'events:', '  E:', '    properties:', '      kind:', '        type:', '          - string', '          - "null"', '        enum:', '          [a, b, c]', '        description: Kind.', '      m:', '        type:', '          [string, integer]', '      n: number', ''].join('\n'));
    expect((await loadPlan('block.yaml', { text: r.text })).plan).toBeDefined();
    // Numbers beside an enum of strings: said, not guessed at.
    const numbers = await inferText([JSON.stringify({ type: 'track', event: 'E', userId: 'u', properties: { kind: 7 } })]);
    expect(planDrift(text, loaded.plan!, numbers, DEFAULTS).changes).toContainEqual({ kind: 'not-edited', path: ['events', 'E', 'properties', 'kind'], message: 'integer values seen beside the enum, which lists values one by one: check them against it by hand' });
  });
});

describe('infer --plan: hostile names', () => {
  it('new events and properties named with quotes, <script>, ../, unicode, YAML syntax or at length load back as written', async () => {
    const names = ['Order "Done"', "it's", '<script>alert(1)</script>', '../../etc/passwd', 'Ünïcödé 🎉', 'a: b # c', '- item', '{x}', 'y'.repeat(250), 'line\nbreak'];
    const messages = names.map((event, i) => ({ type: 'track', event, userId: `u${i}`, properties: { [event]: i } }));
    messages.push(order(1, Object.fromEntries(names.map((n) => [n, 'v'])) as Record<string, unknown>) as never);
    const r = await drift(messages);
    expect(r.again.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const events = r.again.plan!.events;
    expect(events.map((e) => e.name)).toEqual(['Order Completed', 'Signed Out', ...[...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))]);
    for (const n of names) expect(events.find((e) => e.name === n)!.fields.map((f) => f.name)).toEqual([n]);
    expect(events[0]!.fields.map((f) => f.name)).toEqual(expect.arrayContaining(names));
  });
});

describe('unifiedDiff', () => {
  it('a diff applied to the old text gives the new one, with repeated and unique lines, edits anywhere (seeded)', () => {
    const rnd = sequence(11);
    const apply = (a: string[], diff: string): string[] => {
      const out: string[] = [];
      let at = 0;
      for (const l of diff.split('\n').slice(2)) {
        const h = /^@@ -(\d+),(\d+) \+\d+,\d+ @@$/.exec(l);
        if (h) {
          const start = Number(h[2]) === 0 ? Number(h[1]) : Number(h[1]) - 1;
          while (at < start) out.push(a[at++]!);
        } else if (l.startsWith(' ')) {
          expect(a[at]).toBe(l.slice(1));
          out.push(a[at++]!);
        } else if (l.startsWith('-')) {
          expect(a[at]).toBe(l.slice(1));
          at++;
        } else if (l.startsWith('+')) out.push(l.slice(1));
      }
      while (at < a.length) out.push(a[at++]!);
      return out;
    };
    for (let round = 0; round < 200; round++) {
      const pool = ['    properties:', '      type: string', '  # seen', `unique ${round}`];
      const a = Array.from({ length: Math.floor(rnd() * 60) }, (_, i) => (rnd() < 0.5 ? `line ${i}` : pool[Math.floor(rnd() * pool.length)]!));
      const b: string[] = [];
      for (const l of a) {
        const r = rnd();
        if (r < 0.1) continue; // removed
        if (r < 0.2) b.push(pool[Math.floor(rnd() * pool.length)]!); // inserted before
        b.push(r < 0.25 ? `${l} changed` : l);
      }
      if (rnd() < 0.3) b.push('added at the end');
      const diff = unifiedDiff(a.map((l) => `${l}\n`).join(''), b.map((l) => `${l}\n`).join(''), { from: 'a', to: 'b' });
      expect(diff === '' ? a : apply(a, diff), `round ${round}`).toEqual(b);
    }
  });

  it('hunks with three lines of context, as diff -u writes them', () => {
    const a = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
    const b = a.replace('line 5\n', 'line five\n').replace('line 18\n', 'line 18\nextra\n');
    expect(unifiedDiff(a, b, { from: 'a/x', to: 'b/x' })).toBe(['--- a/x', '+++ b/x', '@@ -2,7 +2,7 @@', ' line 2', ' line 3', ' line 4', '-line 5', '+line five', ' line 6', ' line 7', ' line 8', '@@ -16,5 +16,6 @@', ' line 16', ' line 17', ' line 18', '+extra', ' line 19', ' line 20', ''].join('\n'));
    expect(unifiedDiff(a, a, { from: 'a', to: 'b' })).toBe('');
  });
});
