// Plan patterns on untrusted values (issue 10, item 3): no pattern may make the check of one
// value super-linear. Adversarial patterns × 1 MB values through the audit's own validators,
// the engine each pattern gets, and the same verdicts as JavaScript's RegExp.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compilePattern, type PatternEngine } from '../../src/audit/regex-safety.js';
import { auditText, findings, planFrom } from './helpers.js';

interface Adversarial {
  pattern: string;
  why: string;
  values: { head: string; unit: string; tail: string }[];
}

const ADVERSARIAL = JSON.parse(readFileSync(new URL('../fixtures/adversarial-patterns.json', import.meta.url), 'utf8')) as Adversarial[];
const SIZE = 1_000_000;

/** A value of about SIZE characters: head, the unit repeated, tail. None of them matches. */
function adversarialValue(v: Adversarial['values'][number]): string {
  return v.head + v.unit.repeat(Math.floor((SIZE - v.head.length - v.tail.length) / v.unit.length)) + v.tail;
}

const yamlPlan = (patterns: string[]) => `trackplan: 1\nevents:\n  A:\n    properties:\n${patterns.map((p, i) => `      p${i}: {type: string, pattern: ${JSON.stringify(p)}}\n`).join('')}`;

describe('patterns on 1 MB adversarial values, through the audit', () => {
  // A hang detector, not a speed target (that is `npm run bench`): V8 took 55–62 s on 400,000
  // characters for the first four patterns, and much longer on 1 MB.
  const HANG = 15_000;

  it.each(ADVERSARIAL.map((a, i) => [a.pattern, a.why, i] as const))('/%s/ (%s) finishes on every value', async (pattern, _why, i) => {
    const { index } = await planFrom(yamlPlan(ADVERSARIAL.map((a) => a.pattern)));
    for (const v of ADVERSARIAL[i]!.values) {
      const value = adversarialValue(v);
      const started = performance.now();
      const s = await auditText(index, `${JSON.stringify({ type: 'track', event: 'A', userId: 'u', properties: { [`p${i}`]: value } })}\n`, { chunk: 1 << 20 });
      expect(performance.now() - started, `/${pattern}/ on ${JSON.stringify(v)}`).toBeLessThan(HANG);
      expect(findings(s)).toEqual([`pattern-mismatch@1:properties.p${i}`]);
      expect(s.uncheckedPatterns).toEqual([]);
    }
  }, 120_000);

  it('answers with RE2 when a value is past what V8 can backtrack over', async () => {
    // A loop with choices keeps a backtrack entry per round; V8 throws past about 6.7 million.
    const { index } = await planFrom(yamlPlan(['^[a-z]+(_[a-z]+)*$']));
    const line = (v: string) => JSON.stringify({ type: 'track', event: 'A', userId: 'u', properties: { p0: v } });
    const s = await auditText(index, `${line(`${'a_'.repeat(4_000_000)}!`)}\n${line(`${'a_'.repeat(4_000_000)}a`)}\n`, { chunk: 1 << 22 });
    expect(findings(s)).toEqual(['pattern-mismatch@1:properties.p0']);
  }, 120_000);
});

describe('the engine each pattern gets in the audit', () => {
  const table: [string, PatternEngine][] = [
    // The plan's common patterns stay on V8: anchored and deterministic, or bounded.
    ['^[A-Z]{3}$', 'native'],
    ['^[a-z_]+$', 'native'],
    ['^\\+[1-9][0-9]{1,14}$', 'native'],
    ['^[0-9A-Z -]{3,10}$', 'native'],
    ['^[a-z]+(_[a-z]+)*$', 'native'],
    ['^\\d+\\.\\d+\\.\\d+$', 'native'],
    ['^(?:USD|EUR|GBP)$', 'native'],
    ['^https?://', 'native'],
    // Issue 10's four: rewritten to fixed-length patterns with the same verdicts.
    ['\\s+$', 'native'],
    ['[a-z]*b', 'native'],
    ['a+$', 'native'],
    ['[0-9]+$', 'native'],
    ['\\d+\\s*$', 'native'],
    ['@[a-z]+\\.', 'native'],
    // Leading look-aheads: one condition each, on V8 when each is proven.
    ['^(?=.*[A-Z])(?=.*\\d).{8,}$', 'native'],
    ['^(?!admin)([a-z]+_?)+$', 'linear'],
    // Not proven on V8: RE2.
    ['^(a+)+$', 'linear'],
    ['^(a|a)*$', 'linear'],
    ['^(\\w+\\s?)+$', 'linear'],
    ['^[a-z0-9]+[a-z0-9._-]*@[a-z]+\\.[a-z]+$', 'linear'],
    ['^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', 'linear'],
    ['x(a|aa)*y', 'linear'],
    ['\\w+\\s+\\w+$', 'linear'],
    ['(?<=a)b+c', 'linear'],
    ['^(a?){25}a{25}$', 'linear'],
    // Neither: not run, and named in the report.
    ['^(\\w+)-\\1$', 'unchecked'],
    ['^[a-z]+(?!_)$', 'unchecked'],
    ['(?=a)b', 'unchecked'],
  ];
  it.each(table)('/%s/ runs %s', (pattern, engine) => {
    expect(compilePattern(pattern).engine).toBe(engine);
  });
});

describe('the same verdicts as JavaScript', () => {
  // Every adversarial pattern and more, each against short strings drawn from its own
  // characters and the ones where JavaScript and RE2 differ (line terminators, Unicode spaces,
  // astral and lone surrogate code points).
  const extra = ['a{3,}b', '(a|b)+$', '^https?://[a-z]+', '(?:a+)+', '[a-z]+@', '\\b\\w+\\b', '^(?:a?|b?)x$', 'x*', '.*', '(?:x*)?y', 'a+?b', '(?<=\\s)x+', '(?<!^)a', '^\\s*$', '^.+$', '[\\S]x', '^[^\\S\\n]+$', '\\u{1F600}+', '^\\uD83D\\uDE00$', '^[\\u0041-\\u005A]$', '\\cJ', 'a\\0b', '(?<!a)b', '(?<=^|,)x', '^(?<word>[a-z]+)$', '[^]', '^[]', '\\bfoo\\b', 'a.c', '(?:^|_)x', '^(?=a)(?!ab)'];
  const patterns = [...ADVERSARIAL.map((a) => a.pattern), ...extra];
  const SPECIAL = ['\n', '\r', '\u2028', ' ', '\u00a0', '\ufeff', '\t', '😀', '\ud83d', 'é', '_', '-', '.', ',', '@', 'A', '1'];

  it.each(patterns)('/%s/', (pattern) => {
    const ours = compilePattern(pattern);
    if (ours.engine === 'unchecked') return;
    const js = new RegExp(pattern, 'u');
    const alphabet = [...new Set([...pattern.replace(/\\./g, ''), ...SPECIAL, 'a', 'b', 'x'])];
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    let checked = 0;
    for (let n = 0; n < 3000; n++) {
      const len = Math.floor(random() * 13);
      let s = '';
      for (let k = 0; k < len; k++) s += alphabet[Math.floor(random() * alphabet.length)];
      // Short strings: even exponential patterns answer at once on V8.
      expect(ours.test(s), `/${pattern}/ on ${JSON.stringify(s)}`).toBe(js.test(s));
      checked++;
    }
    expect(checked).toBe(3000);
  });

  it('on random patterns: the trimming, the split and the translation change no verdict', () => {
    let seed = 11;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const ATOMS = ['a', 'b', '.', '\\s', '\\d', '[ab]', '[^a]', '\\S', 'ab'];
    const QUANTIFIERS = ['', '', '*', '+', '?', '{1,2}', '{2,}', '*?'];
    const term = (depth: number): string => {
      const r = random();
      if (depth > 0 && r < 0.2) return `(?:${alternation(depth - 1)})${pick(QUANTIFIERS)}`;
      if (depth > 0 && r < 0.25) return `(?${pick(['=', '!', '<=', '<!'])}${alternation(depth - 1)})`;
      if (r < 0.32) return pick(['^', '$', '\\b']);
      return pick(ATOMS) + pick(QUANTIFIERS);
    };
    const sequence = (depth: number) => Array.from({ length: 1 + Math.floor(random() * 3) }, () => term(depth)).join('');
    const alternation = (depth: number) => (random() < 0.2 ? `${sequence(depth)}|${sequence(depth)}` : sequence(depth));
    const strings = Array.from({ length: 200 }, () => Array.from({ length: Math.floor(random() * 9) }, () => pick(['a', 'b', '1', ' ', '\n', 'é'])).join(''));
    let compared = 0;
    for (let n = 0; n < 400; n++) {
      const pattern = (random() < 0.4 ? '^' : '') + alternation(2);
      let js: RegExp;
      try {
        js = new RegExp(pattern, 'u');
      } catch {
        continue; // e.g. a quantified look-around
      }
      const ours = compilePattern(pattern);
      if (ours.engine === 'unchecked') continue;
      for (const s of strings) expect(ours.test(s), `/${pattern}/ on ${JSON.stringify(s)}`).toBe(js.test(s));
      compared++;
    }
    expect(compared).toBeGreaterThan(300);
  });
});
