// Which plan patterns V8 may run (src/compile/pattern), and what generated clients do with the
// others: they carry no RE2, so a pattern not proven linear is left to the audit.
import { describe, expect, it } from 'vitest';
import { GenerateError, generateClient } from '../../src/codegen/generate.js';
import { choosePatternEngine } from '../../src/compile/pattern/engine.js';
import { rewriteForTest } from '../../src/compile/pattern/rewrite.js';
import { FragmentError } from '../../src/compile/validator/fragments.js';
import { loadValidators, validatorModule } from '../../src/compile/validator/module.js';
import { loadPlan } from '../../src/load/load-plan.js';

describe('the source V8 runs for a pattern (undefined: not proven linear)', () => {
  const table: [string, string | undefined][] = [
    // Anchored and bounded, or anchored and deterministic: as written.
    ['^[A-Z]{3}$', '^[A-Z]{3}$'],
    ['^[a-z_]+$', '^[a-z_]+$'],
    ['^\\+[1-9][0-9]{1,14}$', '^\\+[1-9][0-9]{1,14}$'],
    ['^[0-9A-Z -]{3,10}$', '^[0-9A-Z -]{3,10}$'],
    ['^[A-Z]{2}$', '^[A-Z]{2}$'],
    ['^[a-z]+(_[a-z]+)*$', '^[a-z]+(_[a-z]+)*$'],
    ['^\\d+(?:\\.\\d+)*$', '^\\d+(?:\\.\\d+)*$'],
    ['^(?:web|ios|android)$', '^(?:web|ios|android)$'],
    ['^(?:USD|USN)$', '^(?:USD|USN)$'],
    ['^\\S+\\s+\\S+$', '^\\S+\\s+\\S+$'],
    ['^.*\\d', '^.*\\d'],
    ['^.*a{11}$', '^.*a{11}$'],
    ['^(?=.*[A-Z])(?=.*\\d).{8,}$', '^(?=.*[A-Z])(?=.*\\d).{8,}$'],
    // Unanchored: trimmed at the open ends (the same verdicts), then bounded or separated.
    ['\\s+$', '\\s$'],
    ['[a-z]*b', 'b'],
    ['a+$', 'a$'],
    ['[0-9]+$', '[0-9]$'],
    ['(a|b)+$', '(a|b)$'],
    ['.*x', 'x'],
    ['[^,]*,', ','],
    ['(?:a+)+', '(?:a)'],
    ['\\d+\\s*$', '\\d\\s*$'],
    ['@[a-z]+\\.', '@[a-z]+\\.'],
    ['^https?://[a-z]+', '^https?://[a-z]'],
    ['a{3,}b', 'a{3}b'],
    ['a{11}b', 'a{11}b'],
    // Not proven.
    ['a{12}b', undefined],
    ['\\d{4}-\\d{2}-\\d{2}', undefined],
    ['^(a+)+$', undefined],
    ['^(a|a)*$', undefined],
    ['^(a?)*$', undefined],
    ['^(?:a?|b?)x$', '^(?:a?|b?)x$'],
    ['^(?:(?:a?|b?)x)*$', undefined],
    ['^(\\w+\\s?)+$', undefined],
    ['^(?!admin)([a-z]+_?)+$', undefined],
    ['^[a-z0-9]+[a-z0-9._-]*@[a-z]+\\.[a-z]+$', undefined],
    ['^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', undefined],
    ['^\\p{L}+\\p{L}*$', undefined],
    ['^[^\\p{L}]+a+$', undefined],
    ['x(a|aa)*y', undefined],
    ['(a|aa)+$', undefined],
    ['a.*b', undefined],
    ['(?<=a)b', undefined],
    ['^(\\w)\\1$', undefined],
  ];
  it.each(table)('/%s/ → %s', (pattern, v8) => {
    expect(choosePatternEngine(pattern).v8).toBe(v8);
  });

  it('splits leading look-aheads into conditions, each with its own engine', () => {
    expect(choosePatternEngine('^(?!admin)([a-z]+_?)+$').parts).toEqual([
      { source: '^(?:admin)', negate: true, v8: '^(?:admin)' },
      { source: '^([a-z]+_?)+$', negate: false, v8: undefined },
    ]);
  });

  it('keeps back-references whole: trimming or splitting could change what they refer to', () => {
    expect(rewriteForTest('(a)+\\1')).toBe('(a)+\\1');
    expect(choosePatternEngine('^(?=(a))\\1').parts).toHaveLength(1);
  });
});

const PLAN = [
  'trackplan: 1',
  'events:',
  '  A:',
  '    properties:',
  '      end: {type: string, pattern: "\\\\s+$"}',
  '      nested: {type: string, pattern: "^(a+)+$"}',
  '      raw: {schema: {type: string, pattern: "a+$"}}',
  '      rawNested: {schema: {type: string, pattern: "^(a+)+$"}}',
  '',
].join('\n');

describe('generated clients run only proven patterns', () => {
  it('checks a proven (or rewritten) pattern, leaves the others to the audit, and finishes on 1 MB values', async () => {
    const { plan, diagnostics } = await loadPlan('p.yaml', { text: PLAN });
    expect(diagnostics).toEqual([]);
    const typed = validatorModule(plan!, { typed: true });
    expect(typed.code).toContain('new RegExp("\\\\s$", "u")');
    expect(typed.code).not.toContain('(a+)+');
    expect(typed.code).toContain('Pattern not checked here');
    expect(typed.fragments).toContain('const fragV8 = new Map([["a+$","a$"]]);');

    // The same module without types: what a client runs, in this process.
    const validate = [...(await loadValidators(validatorModule(plan!, { typed: false }))).values()][0]!;
    const long = `${'a'.repeat(1_000_000)}!`;
    const started = performance.now();
    const found = validate({ end: `${' '.repeat(1_000_000)}x`, nested: long, raw: long, rawNested: long }).map((v) => `${v.rule}:${v.path}`);
    expect(performance.now() - started).toBeLessThan(15_000); // a hang detector: V8 took minutes
    expect(found.sort()).toEqual(['pattern-mismatch:properties.end', 'schema-mismatch:properties.raw']);
    expect(validate({ end: 'x ', nested: long, raw: 'a', rawNested: long })).toEqual([]);
  });

  it('stops generation on a patternProperties key it cannot run safely, naming it', async () => {
    const { plan } = await loadPlan('p.yaml', { text: 'trackplan: 1\nevents:\n  A:\n    properties:\n      m: {schema: {type: object, patternProperties: {"^(a+)+$": {type: string}}}}\n' });
    expect(() => validatorModule(plan!, { typed: true })).toThrow(FragmentError);
    expect(() => validatorModule(plan!, { typed: true })).toThrow('patternProperties key "^(a+)+$" could take V8 more than linear time');
    // `generate` reports it as bad input (exit 2, one line); the audit runs it on RE2.
    await expect(generateClient(plan!, { client: 'generic', validate: 'dev', templates: {}, planFile: 'p.yaml', command: 'c' })).rejects.toThrow(GenerateError);
    expect(() => validatorModule(plan!, { typed: false, regexFactory: true })).not.toThrow();
  });
});
