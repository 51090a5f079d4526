import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

// The README's Playwright example of `trackplan/collector`, compiled as a user's project would
// compile it: the package as installed (its `exports`, its built types), the real
// @playwright/test types, the strictest tsconfig the golden clients meet.
it("the README's Playwright example compiles against trackplan/collector and @playwright/test", () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = /```ts\n(\/\/ e2e\/checkout\.spec\.ts\n[\s\S]*?)```/.exec(readme)?.[1];
  expect(block).toBeDefined();
  const dir = mkdtempSync(join(tmpdir(), 'trackplan-readme-'));
  mkdirSync(join(dir, 'node_modules'));
  // Every dependency as it is here, and trackplan itself as a dependency (its package.json's exports).
  for (const name of readdirSync(join(ROOT, 'node_modules'))) symlinkSync(join(ROOT, 'node_modules', name), join(dir, 'node_modules', name));
  symlinkSync(ROOT, join(dir, 'node_modules', 'trackplan'));
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
  const strictest = readFileSync(join(ROOT, 'test/golden/tsconfig.json'), 'utf8').replace('"types": []', '"types": ["node"]').replace('"lib": ["ES2022"]', '"lib": ["ES2022", "DOM"]');
  writeFileSync(join(dir, 'tsconfig.json'), strictest);
  mkdirSync(join(dir, 'e2e'));
  writeFileSync(join(dir, 'e2e', 'checkout.spec.ts'), block!);
  const r = spawnSync(join(ROOT, 'node_modules/.bin/tsc'), ['-p', dir], { cwd: dir, encoding: 'utf8' });
  expect(r.stdout + r.stderr).toBe('');
  expect(r.status).toBe(0);
});
