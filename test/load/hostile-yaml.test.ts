import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parsePrecisely, parseYaml, TOO_DEEP_MESSAGE, tryFast } from '../../src/load/parse-yaml.js';
import { ROOT } from '../codegen/golden-cases.js';
import { brief, loadText, yaml } from '../helpers.js';

describe('hostile and odd YAML', () => {
  it('stops a billion-laughs alias bomb quickly with an error', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i <= 12; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const started = process.hrtime.bigint();
    const r = parseYaml(lines.join('\n'), 'bomb.yaml');
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['yaml-alias-limit']);
    // Generous bound: a naive expansion would need 10^13 nodes and never finish.
    expect(ms).toBeLessThan(5000);
  });

  it('expands ordinary aliases and merge keys', () => {
    const r = parseYaml('base: &b {type: string, description: d}\nx: {<<: *b, description: own}\n', 'p.yaml');
    expect(r.ok).toBe(true);
    expect(JSON.parse(JSON.stringify(r.value))).toEqual({ base: { type: 'string', description: 'd' }, x: { type: 'string', description: 'own' } });
  });

  it('keeps `__proto__` and `constructor` as plain keys without touching prototypes', async () => {
    const result = await loadText(yaml`
      trackplan: 1
      events:
        __proto__:
          properties:
            constructor: string
            polluted: boolean
        toString: {}
    `);
    expect(result.diagnostics).toEqual([]);
    expect(result.plan!.events.map((e) => e.name)).toEqual(['__proto__', 'toString']);
    expect(result.plan!.events[0]!.fields.map((f) => f.name)).toEqual(['constructor', 'polluted']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'properties')).toBe(false);
  });

  it('reads a BOM and CRLF line endings with the right positions', async () => {
    const result = await loadText('\ufefftrackplan: 1\r\nevents:\r\n  A Happened:\r\n    descriptoin: x\r\n');
    expect(result.diagnostics.map(brief)).toEqual(['unknown-key@4:5']);
  });

  it('handles a huge line without trouble', async () => {
    const long = 'x'.repeat(2_000_000);
    const result = await loadText(`trackplan: 1\ndescription: "${long}"\nevents:\n  A Happened:\n    bogus: 1\n`);
    expect(result.diagnostics.map(brief)).toEqual(['unknown-key@5:5']);
  });

  it('reports an undefined alias', () => {
    const r = parseYaml('a: *nope\n', 'p.yaml');
    expect(r.ok).toBe(false);
    expect(r.diagnostics.length).toBeGreaterThan(0);
  });

  it('reads number-like keys as YAML numbers (quote them to keep the text)', async () => {
    const result = await loadText(yaml`
      trackplan: 1
      events:
        1.10: {}
        "2.10": {}
        404: {}
    `);
    // Integer-like names sort first, as in any JavaScript object.
    expect(result.plan!.events.map((e) => e.name)).toEqual(['404', '1.1', '2.10']);
  });

  // Documents where js-yaml and yaml could read differently. For each, the fast path must
  // either give exactly the precise path's data or step aside.
  const tricky: [string, string][] = [
    ['plain scalars', 'a: 1\nb: -.5\nc: .5\nd: 1e3\ne: 0o17\nf: 0x1F\ng: 1_000\nh: 0b101\ni: +0x10\nj: -0o7\nk: ~\nl: Null\nm: yes\nn: on\no: 2024-01-01\np: TRUE\nq: +12\nr: 012\n'],
    ['huge and odd numbers', 'a: 1e1000\n'],
    ['quotes and unicode', 'a: "It\'s \\"x\\" ✓"\nb: \'single \'\'q\'\'\'\nc: 注文完了\n'],
    ['block scalars', 'a: |\n  two\n  lines\nb: >-\n  folded\n  text\n'],
    ['number-like keys', '1.10: a\n404: b\n0x10: c\n0b101: d\n-0x10: e\ntrue: f\n~: g\n'],
    ['a flow sequence as a key', '[Order, Completed]: {}\n'],
    ['a multi-line flow list', 'k: [\na,\nb]\n'],
    ['a long implicit key', `${'k'.repeat(1100)}: 1\n`],
    ['content on a document marker', '--- k: 1\n'],
    ['an anchored key and an alias key', '&a k: 1\n*a : 2\n'],
    ['CR-only line ends', 'a: 1\rb: 2\r'],
    ['a YAML 1.1 directive', '%YAML 1.1\n---\na: yes\n'],
    ['binary and timestamp tags', 'a: !!binary aGVsbG8=\nb: !!timestamp 2001-12-14\n'],
    ['__proto__', '__proto__: {polluted: 1}\nconstructor: x\n'],
    ['merge keys', 'base: &b {x: 1}\nc: {<<: *b, y: 2}\n'],
    ['deep nesting', `${'['.repeat(300)}${']'.repeat(300)}\n`],
  ];
  it.each(tricky)('reads %s the same on both paths', (_name, text) => {
    const fast = tryFast(text);
    const precise = parsePrecisely(text, 'p.yaml');
    if (fast.ok) {
      expect(precise.diagnostics).toEqual([]);
      expect(fast.value).toEqual(precise.value);
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it.each(['plain scalars', 'quotes and unicode', 'block scalars', 'number-like keys', '__proto__'])('compares %s on the fast path, not past it', (name) => {
    expect(tryFast(tricky.find(([n]) => n === name)![1]).ok).toBe(true);
  });

  it('takes the fast path for ordinary plans', () => {
    expect(tryFast('trackplan: 1\nevents:\n  A: {properties: {x: {type: string, enum: [a, b]}}}\n  "B C":\n    description: |\n      text\n').ok).toBe(true);
  });

  it('rejects YAML 1.1 tags, infinities and absurd depth with positions', () => {
    const tags = parsePrecisely('a: !!binary aGVsbG8=\nb: .inf\n', 'p.yaml');
    expect(tags.diagnostics.map((d) => `${d.code}@${d.range?.start.line}:${d.range?.start.col}`)).toEqual(['unsupported-tag@1:13', 'invalid-value@2:4']);
    const deep = parsePrecisely(`${'['.repeat(300)}${']'.repeat(300)}\n`, 'p.yaml');
    expect(deep.diagnostics.map((d) => d.code)).toEqual(['yaml-too-deep']);
  });
});

// Issue 10, item 12: V8's "Maximum call stack size exceeded" came back as a `yaml-syntax` error.
describe('nesting far past the limit', () => {
  const head = 'trackplan: 1\nevents:\n  A Happened:\n    properties:\n      x: {type: any, examples: ';
  const at = '      x: {type: any, examples: '.length;
  // Each with the place of the first collection two levels past the limit (the root map is one).
  const cases: [string, string, string][] = [
    ['flow lists', `${head}${'['.repeat(1000)}${']'.repeat(1000)}}\n`, `yaml-too-deep@5:${at + 202 - 5}`],
    ['flow maps', `${head}${'{a: '.repeat(1000)}1${'}'.repeat(1000)}}\n`, `yaml-too-deep@5:${at + 1 + (202 - 6) * 4}`],
    ['flow maps across lines', `${head}[\n${'        {a:\n'.repeat(1000)}        1${'}'.repeat(1000)}]}\n`, `yaml-too-deep@${5 + 202 - 6}:9`],
    ['block lists', `trackplan: 1\nx:\n${Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}- `).join('\n')}1\n`, 'yaml-too-deep@203:201'],
  ];
  it.each(cases)('%s ~1,000 deep are yaml-too-deep, in its words, where the limit is passed', async (_name, text, where) => {
    const result = await loadText(text);
    expect(result.plan).toBeUndefined();
    expect(result.diagnostics.map((d) => [d.code, d.message])).toEqual([['yaml-too-deep', TOO_DEEP_MESSAGE]]);
    expect(result.diagnostics.map(brief)).toEqual([where]);
  });

  it('places the error where the walker would, just past the limit', () => {
    // 202 nested lists: the 202nd is a child of the 201st, whose children are 201 deep.
    const text = `${'['.repeat(202)}${']'.repeat(202)}\n`;
    expect(parsePrecisely(text, 'p.yaml').diagnostics.map(brief)).toEqual(['yaml-too-deep@1:202']);
    // 201 nested lists: the innermost is empty, nothing is 201 deep.
    expect(parsePrecisely(`${'['.repeat(201)}${']'.repeat(201)}\n`, 'p.yaml').diagnostics).toEqual([]);
  });

  it('reads 64,000 nested flow collections and a 200,000-space line in linear time', { timeout: 20_000 }, () => {
    // Hang detector: together they took about a minute (a quadratic regular expression before
    // `yaml`, then `yaml`'s recursive composer); now about a second.
    for (const text of [`a: ${'{a: '.repeat(64_000)}1${'}'.repeat(64_000)}\n`, `a: ${'['.repeat(64_000)}${']'.repeat(64_000)}\n`]) {
      expect(parseYaml(text, 'p.yaml').diagnostics.map((d) => d.code)).toEqual(['yaml-too-deep']);
    }
    expect(JSON.stringify(parseYaml(`a: 1\n${' '.repeat(200_000)}x\n`, 'p.yaml').value)).toBe('{"a":"1 x"}');
  });

  it('says too deep, not V8\'s words, when the stack runs out before the limit', () => {
    // A small stack makes `yaml` itself overflow at 150 levels, which only nesting can do.
    const script = `import('./dist/load/parse-yaml.js').then(({ parsePrecisely }) => console.log(JSON.stringify(parsePrecisely('a: ${'['.repeat(150)}${']'.repeat(150)}\\n', 'p.yaml').diagnostics.map((d) => [d.code, d.message]))));`;
    const r = spawnSync(process.execPath, ['--stack-size=100', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(JSON.parse(r.stdout)).toEqual([['yaml-too-deep', TOO_DEEP_MESSAGE]]);
  });
});
