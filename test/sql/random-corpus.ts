import { allMessages, type MessageDef, type Plan, resolveNamed, type Shape } from '../../src/model/plan.js';
import { effectiveFields } from '../../src/model/segment-spec.js';

/** A seeded generator (mulberry32): the same seed gives the same corpus on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Keys that are hard to quote or to order: quotes, backslashes, SQL comment and statement
// ends, unicode, index-like keys (which JavaScript enumerates first), prototype names.
export const HOSTILE_KEYS = ["x'); DROP TABLE t; --", 'a"b', "it's", 'back\\slash', '--', ';', 'ünï cödé', '😀', '0', '12', '007', '__proto__', 'constructor', '$ok', 'a.b', 'a[0]', '~/', 'tab\there', ''];
const ODD_VALUES: unknown[] = ['__INF__', '__NINF__', null, true, false, 0, -0, 1.5, -3, 12345678901234567890, 0.1, 'str', '', [], {}, [1, 1], ['a', 'a'], 'A'.repeat(120), '😀', { nested: { deep: [1, { x: null }] } }];
const STRINGS = ['USD', 'usd', 'EUR', 'abc', '', ' ', 'a b', 'O\'Brien "x"', 'ünï', 'x'.repeat(300), '2026-11-26T10:00:00Z', 'sku-1', 'tv', 'web', 'free', 'pro'];
const FORMAT_SAMPLES: Record<string, string[]> = {
  'date-time': ['2026-11-26T10:00:00.000Z', '2026-02-29T10:00:00Z', '2024-02-29T10:00:00Z', '2016-12-31T23:59:60Z', '2016-12-31T18:59:60-05:00', '2026-11-26 10:00:00Z', '2026-11-26T10:00:00+01', '2026-13-01T00:00:00Z', '2026-11-26t10:00:00z', 'yesterday'],
  date: ['2026-11-26', '2026-02-30', '2024-02-29', '2026-1-1', 'x'],
  time: ['10:00:00Z', '23:59:60Z', '10:00:00+01:00', '24:00:00Z', '10:00'],
  email: ['a@b.co', 'a.b+c@example.com', 'not an email', '@x.y', 'A@B.CO', 'a@b', 'k\u212a@x.co'],
  uri: ['https://x.example/a?b#c', 'mailto:a@b.c', 'not a uri', '/relative', 'HTTP://X'],
  uuid: ['123e4567-e89b-12d3-a456-426614174000', 'urn:uuid:123E4567-E89B-12D3-A456-426614174000', 'nope'],
  ipv4: ['10.0.0.1', '256.1.1.1', '1.2.3'],
  ipv6: ['::1', '2001:db8::1', 'fe80::1::2', '::ffff:10.0.0.1'],
  hostname: ['example.com', '-bad.com', 'a'.repeat(64) + '.com', 'ok-host'],
};

/**
 * A corpus of NDJSON lines for `plan`, mostly messages of its events (valid or broken in every
 * way a check can see: wrong types, nulls, numbers past a double's range, unplanned and hostile
 * keys, bad dates), with batches, lists, unplanned events, stale stamps and bad lines among them.
 */
export function randomCorpus(plan: Plan, seed: number, lines: number): string {
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const defs = allMessages(plan);
  const out: string[] = [];
  const oddLines = ['not json', '{"type":"track","event":', '[1,2,]', '{"a":NaN}', '', '   ', '\t', '{"type":"bogus","userId":"u"}', '42', 'null', '[]', '"text"', '{"event":""}', '{}', '{"type":"TRACK","event":"x","userId":"u"}', '[{"type":"alias","userId":"u","previousId":"p"}, 7]', '{"a":1} trailing', '{"a":1e999,"type":"track","event":"E"}'];

  const value = (shape: Shape, depth: number): unknown => {
    if (r() < 0.12 || depth > 5) return pick(ODD_VALUES);
    if (shape.nullable && r() < 0.1) return null;
    if (shape.const) return r() < 0.8 ? shape.const.value : pick(ODD_VALUES);
    if (shape.enum) return r() < 0.8 ? pick(shape.enum) : pick(STRINGS);
    const types = shape.types.length > 0 ? shape.types : [{ kind: 'primitive' as const, name: 'any' as const }];
    const t = pick(types);
    const s = t.kind === 'named' ? resolveNamed(plan, { ...shape, types: [t] }) : shape;
    const name = t.kind === 'named' ? (s.types[0]?.kind === 'primitive' ? s.types[0].name : 'any') : t.name;
    if (t.kind === 'named' && s !== shape) return value(s, depth + 1);
    switch (name) {
      case 'string':
        if (s.format) return pick(FORMAT_SAMPLES[s.format] ?? STRINGS);
        return pick(STRINGS);
      case 'number':
        return pick([0, 1, 2.5, -1, 99.99, 1e6, 1e308, '__INF__', s.minimum ?? 3, (s.maximum ?? 10) + 1]);
      case 'integer':
        return pick([0, 1, 2, -1, 1.0, 2.5, 1000, 10_000, '__NINF__', (s.maximum ?? 10) + 1, s.minimum ?? 5]);
      case 'boolean':
        return r() < 0.5;
      case 'null':
        return null;
      case 'array': {
        const n = Math.floor(r() * 4);
        const items = Array.from({ length: n }, () => (s.items ? value(s.items, depth + 1) : pick(ODD_VALUES)));
        if (s.uniqueItems && n > 0 && r() < 0.3) items.push(items[0]);
        return items;
      }
      case 'object':
        return object(s.properties ?? [], depth + 1);
      default:
        return pick(ODD_VALUES);
    }
  };
  const object = (fields: readonly { name: string; required: boolean; shape: Shape }[], depth: number): Record<string, unknown> => {
    const o: Record<string, unknown> = {};
    for (const f of fields) if (r() < (f.required ? 0.93 : 0.7)) o[f.name] = value(f.shape, depth);
    if (r() < 0.1) o[pick(HOSTILE_KEYS)] = pick(ODD_VALUES);
    if (r() < 0.05) o['extra_key'] = 'x';
    return o;
  };
  const envelope = (m: Record<string, unknown>): void => {
    const id = r();
    if (id < 0.85) m['userId'] = `user-${Math.floor(r() * 100)}`;
    else if (id < 0.9) m['anonymousId'] = pick(['anon', '', 7, '__INF__', null]);
    else if (id < 0.95) m['userId'] = pick(['', null, 0, {}]);
    if (r() < 0.7) m['timestamp'] = pick([...FORMAT_SAMPLES['date-time']!, 42, null]);
    if (r() < 0.15) m['context'] = { trackplan: pick([{ plan: plan.name ?? '', version: plan.version ?? '' }, { plan: plan.name ?? '', version: '0.0.1' }, { plan: 'other', version: '1' }, 'stamp', null, { plan: 1 }]) };
  };
  const message = (): Record<string, unknown> => {
    const k = r();
    const m: Record<string, unknown> = {};
    if (k < 0.75 || defs.length === 0) {
      const tracks = defs.filter((d) => d.kind === 'track');
      const def: MessageDef | undefined = r() < 0.9 ? pick(tracks) : undefined;
      m['type'] = r() < 0.95 ? 'track' : pick(['Track', undefined]);
      m['event'] = def ? def.name : pick(['Unplanned Thing', `Viewed Product ${Math.floor(r() * 9)}`, 'x"y']);
      if (def && r() < 0.95) m['properties'] = object(effectiveFields(def), 0);
    } else {
      const kind = pick(['identify', 'group', 'page', 'screen', 'alias'] as const);
      m['type'] = kind;
      const def = defs.find((d) => d.kind === kind && (kind === 'identify' || kind === 'group' || r() < 0.5)) ?? defs.find((d) => d.kind === kind);
      if (kind === 'page' || kind === 'screen') m['name'] = def?.name ?? pick(['Home', '']);
      if (kind === 'group' && r() < 0.9) m['groupId'] = pick(['g1', 7, '', null]);
      const payload = def ? object(effectiveFields(def), 0) : {};
      if (kind === 'identify' || kind === 'group') m['traits'] = payload;
      else if (kind !== 'alias') m['properties'] = payload;
    }
    envelope(m);
    return m;
  };
  for (let i = 0; i < lines; i++) {
    const k = r();
    if (k < 0.06) out.push(pick(oddLines));
    else if (k < 0.09) out.push(JSON.stringify({ batch: [message(), message(), pick([message(), 5])], sentAt: 'x' }));
    else if (k < 0.11) out.push(JSON.stringify([message(), message()]));
    else out.push(JSON.stringify(message()));
  }
  // Numbers past a double's range, as a message writes them (JSON.stringify cannot).
  return `${out.map((l) => l.replace(/"__INF__"/g, '1e999').replace(/"__NINF__"/g, '-1e999')).join('\n')}\n`;
}
