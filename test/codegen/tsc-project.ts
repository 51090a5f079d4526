import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTemplates } from '../../src/cli/templates-dir.js';
import { generateClient, type ValidateMode } from '../../src/codegen/generate.js';
import type { Client } from '../../src/codegen/templates.js';
import type { Plan } from '../../src/model/plan.js';
import { ROOT } from './golden-cases.js';

/**
 * Generate each client into a fresh project (the SDKs reachable through a link to our
 * node_modules) with `tests` beside them as `tests.ts`, and run the native tsc on it under the
 * golden (strictest) tsconfig. Returns what tsc printed: '' when everything compiles.
 */
export async function compileClients(plan: Plan, tests: string, clients: readonly Client[] = ['generic'], validate: ValidateMode = 'dev'): Promise<string> {
  const dir = tscProject();
  const templates = await loadTemplates();
  for (const client of clients) {
    mkdirSync(join(dir, client));
    for (const f of await generateClient(plan, { client, validate, templates, planFile: 'plan.yaml', command: 'trackplan generate plan.yaml' })) writeFileSync(join(dir, client, f.path), f.contents);
  }
  if (tests) writeFileSync(join(dir, 'tests.ts'), tests);
  return runTsc(dir);
}

/** A fresh TypeScript project: our node_modules through a link, an ES module package, the golden (strictest) tsconfig. */
export function tscProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'trackplan-tsc-'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
  writeFileSync(join(dir, 'tsconfig.json'), readFileSync(join(ROOT, 'test/golden/tsconfig.json')));
  return dir;
}

/** What the native tsc prints on the project in `dir`: '' when it compiles. */
export function runTsc(dir: string): string {
  const r = spawnSync(join(ROOT, 'node_modules/.bin/tsc'), ['-p', dir], { cwd: dir, encoding: 'utf8' });
  return r.stdout + r.stderr;
}
