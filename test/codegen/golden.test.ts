import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOLDEN, GOLDEN_CASES, generateCase, ROOT } from './golden-cases.js';

// UPDATE_GOLDEN=1 npx vitest run test/codegen/golden.test.ts rewrites the committed files.
const update = process.env['UPDATE_GOLDEN'] === '1';

describe('generated clients match the committed golden files', () => {
  it.each(GOLDEN_CASES)('$dir', async (c) => {
    const files = await generateCase(c);
    const dir = join(GOLDEN, c.dir);
    if (update) {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      for (const f of files) writeFileSync(join(dir, f.path), f.contents);
    }
    expect(readdirSync(dir).sort()).toEqual(files.map((f) => f.path).sort());
    for (const f of files) expect(f.contents, `${c.dir}/${f.path} is stale; rerun with UPDATE_GOLDEN=1 and review the diff`).toBe(readFileSync(join(dir, f.path), 'utf8'));
  });

  it('is byte-identical from one run to the next', async () => {
    const c = GOLDEN_CASES[1]!;
    expect(await generateCase(c)).toEqual(await generateCase(c));
  });
});

describe('golden files and type tests compile under the strictest tsconfig', () => {
  it('tsc -p test/golden passes: wrong properties, missing required ones and bad enum values do not compile', () => {
    // The native TypeScript 7 compiler, as a user's build would run it.
    const tsc = join(ROOT, 'node_modules/.bin/tsc');
    const r = spawnSync(tsc, ['-p', join(GOLDEN, 'tsconfig.json')], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
