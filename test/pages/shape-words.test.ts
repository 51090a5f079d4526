import { describe, expect, it } from 'vitest';
import type { Shape } from '../../src/model/plan.js';
import { allowedWords, patternSample, patternWords, typeText } from '../../src/pages/shape-words.js';

const origin = { file: 'p.yaml', path: [] };
const shape = (s: Partial<Shape>): Shape => ({ types: [{ kind: 'primitive', name: 'string' }], nullable: false, origin, ...s });

describe('shapes in words', () => {
  it.each([
    ['^[A-Z]{3}$', 'three capital letters', 'AAA'],
    ['^\\+[1-9][0-9]{1,14}$', '"+", then a digit from 1 to 9, then 1 to 14 digits', '+11'],
    ['^[a-z0-9]+$', 'one or more lowercase letter or digits', 'a'],
    ['^v[0-9]?$', '"v", then an optional digit', 'v'],
    ['^[0-9A-Z -]{3,10}$', 'matches the pattern ^[0-9A-Z -]{3,10}$', '000'],
    ['(a|b)+', 'matches the pattern (a|b)+', undefined],
  ])('pattern %s reads "%s" and %s is a sample it accepts', (pattern, words, sample) => {
    expect(patternWords(pattern)).toBe(words);
    expect(patternSample(pattern)).toBe(sample);
    if (sample !== undefined) expect(new RegExp(pattern, 'u').test(sample)).toBe(true);
  });

  it.each<[Partial<Shape>, string[]]>([
    [{ enum: ['web', 'ios'] }, ['one of web, ios']],
    [{ types: [{ kind: 'primitive', name: 'integer' }], minimum: 0, maximum: 5 }, ['0 to 5']],
    [{ types: [{ kind: 'primitive', name: 'number' }], exclusiveMinimum: 0 }, ['more than 0']],
    [{ format: 'date-time' }, ['a date-time (ISO 8601, e.g. 2026-01-31T12:00:00Z)']],
    [{ minLength: 1 }, ['not empty']],
    [{ minLength: 2, maxLength: 40 }, ['2 to 40 characters']],
    [{ types: [{ kind: 'primitive', name: 'array' }], minItems: 1, maxItems: 1, uniqueItems: true }, ['exactly 1 item', 'no duplicates']],
    [{ const: { value: 'EUR' } }, ['exactly "EUR"']],
  ])('%j allows %j', (s, words) => {
    expect(allowedWords(shape(s))).toEqual(words);
  });

  it('names types in words, lists and nullables included', () => {
    expect(typeText(shape({ types: [{ kind: 'primitive', name: 'array' }], items: shape({ types: [{ kind: 'named', name: 'Product' }] }) }))).toBe('list of Product');
    expect(typeText(shape({ types: [{ kind: 'primitive', name: 'integer' }], nullable: true }))).toBe('whole number or null');
    expect(typeText(shape({ types: [{ kind: 'primitive', name: 'string' }, { kind: 'primitive', name: 'object' }] }))).toBe('text or object');
  });
});
