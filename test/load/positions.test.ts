import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePrecisely, parseYaml } from '../../src/load/parse-yaml.js';
import { ROOT } from '../codegen/golden-cases.js';

/** Every path of a parsed document. */
function* paths(v: unknown, path: (string | number)[] = []): Generator<(string | number)[]> {
  yield path;
  if (Array.isArray(v)) for (const [i, x] of v.entries()) yield* paths(x, [...path, i]);
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) yield* paths(x, [...path, k]);
}

describe('positions from the fast path agree with yaml', () => {
  it.each(['plans/ecommerce.yaml', 'plans/saas.yaml', 'test/fixtures/plans/edge-cases.yaml', 'plans/lib/commerce-common.yaml'])('%s: every key and value starts at the same line and column', (file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const fast = parseYaml(text, file);
    const precise = parsePrecisely(text, file);
    let n = 0;
    for (const p of paths(precise.value)) {
      for (const at of ['key', 'value'] as const) {
        expect(fast.sourceMap.locate(p, at)?.start, `${p.join('.')} (${at})`).toEqual(precise.sourceMap.locate(p, at)?.start);
        n++;
      }
    }
    expect(n).toBeGreaterThan(100);
  });
});
