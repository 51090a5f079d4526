import { describe, expect, it } from 'vitest';
import { parsePrecisely, parseYaml } from '../../src/load/parse-yaml.js';
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

  it('gives the same data on the fast path (js-yaml) and the precise path (yaml)', () => {
    const text = yaml`
      trackplan: 1
      base: &b {type: string, description: "d"}
      events:
        "It's \"quoted\" ✓": {properties: {x: {<<: *b, required: true}}}
        1.10: {}
        404: ~
        on: yes
        date: 2024-01-01
        hex: 0x1F
        list: [1, 2.5, true, null, "s", -.inf]
        block: |
          two
          lines
        __proto__: {polluted: 1}
    `;
    const fast = parseYaml(text, 'p.yaml');
    const precise = parsePrecisely(text, 'p.yaml');
    expect(fast.diagnostics).toEqual([]);
    expect(precise.diagnostics).toEqual([]);
    expect(fast.value).toEqual(precise.value);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
