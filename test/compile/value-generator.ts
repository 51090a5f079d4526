import type { Plan, Shape } from '../../src/model/plan.js';

/** A small seeded PRNG (mulberry32), so the corpus is the same on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Strings that satisfy, or nearly satisfy, each format: both sides of every check. */
export const FORMAT_SAMPLES: Record<string, { good: string[]; bad: string[] }> = {
  'date-time': {
    good: ['2026-11-26T10:00:00Z', '2026-11-26t10:00:00.123+01:00', '2024-02-29T23:59:60Z', '2015-06-30T23:59:60Z', '2026-11-26T10:00:00z', '2026-11-26T10:00:00-00:00', '2026-11-26T10:00:00+05:30', '2026-11-26T00:59:60+01:00', '2016-12-31T15:59:60-08:00'],
    bad: ['2026-11-26', '2026-02-30T10:00:00Z', '2026-11-26T10:00:00', '2026-11-26T24:00:00Z', 'yesterday', '2026-11-26T10:00:60Z', '2023-02-29T00:00:00Z', '2026-11-26T10:00:00.Z', '2026-11-26T10:00:00+05:3', '2026-11-26T10:00:00+05:30Z', '2026-11-26T1:00:00Z', '2026-11-26X10:00:00Z', '2026-13-01T00:00:00Z', '2026-11-26T10:00:00+24:00', '2026-11-26T10:00:00 Z', '２０２６-11-26T10:00:00Z', '2026-11-26 10:00:00-05:30', '2026-11-26\t10:00:00z', '2026-11-26T10:00:00+0530', '1985-04-12T23:20:50+01', '2016-12-31T24:59:60+01:00', '2026-11-26T10:00:00Z\n'],
  },
  date: { good: ['2026-11-26', '2024-02-29', '2000-02-29'], bad: ['2026-11-31', '1900-02-29', '26-11-26', '2026-1-1', '2026-11-26T00:00:00Z'] },
  time: { good: ['10:00:00Z', '23:59:60Z', '10:00:00.5+05:00', '00:59:60+01:00', '10:00:00z'], bad: ['10:00:00', '25:00:00Z', '10:60:00Z', '10:00:00+24:00', '12:59:60Z', '10:00:00+0530', '10:00:00+05', '24:59:60+01:00'] },
  email: { good: ['a@b.co', 'first.last+tag@example.com', "o'neil@x-y.example", 'x@localhost.localdomain'], bad: ['a@b', 'a.@b.co', '@b.co', 'a b@c.co', 'a@-b.co', 'a@b..co'] },
  uri: { good: ['https://example.com/a?b=c#d', 'mailto:a@b.co', 'urn:isbn:0451450523', 'http://[::1]:8080/', 'ftp://user:pw@host/path', 'https://x.test/%20'], bad: ['/relative/path', 'example.com', 'http://exa mple.com', 'https://x.test/%zz', '://nothing', ''] },
  uuid: { good: ['123e4567-e89b-12d3-a456-426614174000', 'urn:uuid:123E4567-E89B-12D3-A456-426614174000'], bad: ['123e4567e89b12d3a456426614174000', '123e4567-e89b-12d3-a456-42661417400', 'not-a-uuid'] },
  ipv4: { good: ['192.168.0.1', '0.0.0.0', '255.255.255.255'], bad: ['256.0.0.1', '1.2.3', '01.2.3.4', '1.2.3.4.5'] },
  ipv6: { good: ['::1', '::', '2001:db8::8a2e:370:7334', 'fe80::1:2:3:4', '::ffff:192.168.1.1', '1:2:3:4:5:6:7:8', '1::', '1:2:3:4:5:6:1.2.3.4'], bad: [':::', '1:2:3:4:5:6:7:8:9', '2001:db8::g', '1::2::3', '12345::'] },
  hostname: { good: ['example.com', 'a', 'x-y.z', 'a1.b2.c3', 'xn--bcher-kva.example', `${'a'.repeat(63)}.com`, `${'a.'.repeat(126)}a`], bad: ['-a.com', 'a..b', 'a_b.com', `${'a'.repeat(64)}.com`, 'exa mple', 'localhost.', '.', `${'a.'.repeat(126)}ab`, 'bücher.example'] },
};

const STRINGS = ['', 'a', 'USD', 'usd', 'hello world', 'x'.repeat(12), '🎉🎉', 'fixed', 'web', 'ios', 'new', 'sale', '12345', 'A1 2B'];
const NUMBERS = [0, 1, -1, 0.5, 3, 4, -4, 100, 1e9, -90.5, 180, 9007199254740991];

/** Makes values for a shape: mostly valid ones, with a chosen rate of deliberate mistakes. */
export class ValueGenerator {
  constructor(
    private readonly plan: Plan,
    private readonly random: () => number,
    private readonly mistakeRate: number,
  ) {}

  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.random() * xs.length)]!;
  }

  private chance(p: number): boolean {
    return this.random() < p;
  }

  /** Any JSON value, to put where it does not belong. */
  junk(depth = 0): unknown {
    const kinds = depth > 2 ? ['s', 'n', 'b', 'null'] : ['s', 'n', 'b', 'null', 'a', 'o'];
    switch (this.pick(kinds)) {
      case 's': return this.pick([...STRINGS, ...Object.values(FORMAT_SAMPLES).flatMap((f) => f.bad)]);
      case 'n': return this.pick(NUMBERS);
      case 'b': return this.chance(0.5);
      case 'a': return [this.junk(depth + 1)];
      case 'o': return { x: this.junk(depth + 1) };
      default: return null;
    }
  }

  value(shape: Shape, depth = 0): unknown {
    if (this.chance(this.mistakeRate)) return this.junk();
    if (shape.const) return shape.const.value;
    if (shape.enum) return this.pick(shape.nullable ? [...shape.enum, null] : shape.enum);
    if (shape.nullable && this.chance(0.15)) return null;
    const t = shape.types.length > 0 ? this.pick(shape.types) : { kind: 'primitive' as const, name: 'any' as const };
    if (t.kind === 'named') {
      const named = this.plan.types.get(t.name)!;
      return depth > 4 ? this.junk(3) : this.value(named.shape, depth + 1);
    }
    switch (t.name) {
      case 'string': return this.string(shape);
      case 'number': return this.number(shape, false);
      case 'integer': return this.number(shape, true);
      case 'boolean': return this.chance(0.5);
      case 'null': return null;
      case 'array': return this.array(shape, depth);
      case 'object': return this.object(shape, depth);
      default: return this.junk();
    }
  }

  private string(shape: Shape): string {
    if (shape.format) {
      const s = FORMAT_SAMPLES[shape.format]!;
      return this.chance(0.8) ? this.pick(s.good) : this.pick(s.bad);
    }
    const candidates = [...STRINGS, ...(shape.examples ?? []).filter((e): e is string => typeof e === 'string')];
    if (shape.pattern) {
      const re = new RegExp(shape.pattern, 'u');
      const fits = candidates.filter((c) => re.test(c));
      if (fits.length > 0 && this.chance(0.85)) return this.pick(fits);
    }
    const fits = candidates.filter((c) => (shape.minLength === undefined || [...c].length >= shape.minLength) && (shape.maxLength === undefined || [...c].length <= shape.maxLength));
    return this.pick(fits.length > 0 && this.chance(0.9) ? fits : candidates);
  }

  private number(shape: Shape, integer: boolean): number {
    const lo = shape.minimum ?? (shape.exclusiveMinimum !== undefined ? shape.exclusiveMinimum + 1 : -10);
    const hi = shape.maximum ?? (shape.exclusiveMaximum !== undefined ? shape.exclusiveMaximum - 1 : 1000);
    if (this.chance(0.2)) return this.pick(NUMBERS);
    const n = lo + this.random() * Math.max(0, Math.min(hi, lo + 1e6) - lo);
    return integer ? Math.round(n) : Math.round(n * 100) / 100;
  }

  private array(shape: Shape, depth: number): unknown[] {
    const min = shape.minItems ?? 0;
    const max = Math.min(shape.maxItems ?? 3, min + 3);
    const n = min + Math.floor(this.random() * (max - min + 1));
    const out: unknown[] = [];
    for (let i = 0; i < n; i++) out.push(shape.items ? this.value(shape.items, depth + 1) : this.junk(depth + 1));
    if (shape.uniqueItems && this.chance(0.2) && out.length > 0) out.push(out[0]);
    return out;
  }

  object(shape: Shape, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const f of shape.properties ?? []) {
      const present = f.required ? !this.chance(this.mistakeRate) : this.chance(0.6);
      if (present) Object.defineProperty(out, f.name, { value: this.value(f.shape, depth + 1), enumerable: true, writable: true, configurable: true });
    }
    if (this.chance(this.mistakeRate)) out['unplanned_' + Math.floor(this.random() * 3)] = this.junk(2);
    if (typeof shape.additionalProperties === 'object' && this.chance(0.5)) out['extra_key'] = this.value(shape.additionalProperties, depth + 1);
    return out;
  }
}
