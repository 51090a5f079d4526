import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importSegmentPlan } from '../../src/import/segment.js';
import { fileURLToPath } from 'node:url';
import { generateClient, regenerateCommand, type ValidateMode } from '../../src/codegen/generate.js';
import type { Client } from '../../src/codegen/templates.js';
import type { GeneratedFile } from '../../src/compile/compile-plan.js';
import { loadTemplates } from '../../src/cli/templates-dir.js';
import { loadPlan } from '../../src/load/load-plan.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const GOLDEN = join(ROOT, 'test/golden');
/** Typewriter's fixtures live outside the project; tests read them from there. */
export const TYPEWRITER_DIR = join(ROOT, '../shared/fixtures/typewriter-e2e');
export const TYPEWRITER_PLAN = 'typewriter-e2e.yaml';

/** Typewriter's Public API plan converted to YAML, as `trackplan import segment` writes it. */
export function typewriterYaml(source = 'plan.publicapi.json'): string {
  const json = JSON.parse(readFileSync(join(TYPEWRITER_DIR, source), 'utf8')) as unknown;
  return importSegmentPlan(json, source).yaml;
}

/** The committed golden outputs: plan × client (× validation mode). */
export const GOLDEN_CASES: { plan: string; client: Client; validate: ValidateMode; dir: string }[] = [
  ...(['analytics-node', 'analytics-next', 'generic'] as const).flatMap((client) => [
    { plan: 'plans/ecommerce.yaml', client, validate: 'dev' as const, dir: `ecommerce/${client}` },
    { plan: 'test/fixtures/plans/edge-cases.yaml', client, validate: 'dev' as const, dir: `edge-cases/${client}` },
  ]),
  { plan: 'test/fixtures/plans/edge-cases.yaml', client: 'generic', validate: 'never', dir: 'edge-cases/generic-never' },
  // Raw `schema:` fragments typed by json-schema-to-typescript (type-tests/fragments-generic.ts).
  { plan: 'test/fixtures/plans/fragments.yaml', client: 'generic', validate: 'dev', dir: 'fragments/generic' },
  // Typewriter's own reference plan, converted by `trackplan import segment` (see typewriter.test.ts).
  { plan: TYPEWRITER_PLAN, client: 'analytics-node', validate: 'dev', dir: 'typewriter/analytics-node' },
  { plan: TYPEWRITER_PLAN, client: 'analytics-next', validate: 'dev', dir: 'typewriter/analytics-next' },
];

/** What `trackplan generate` writes for a case, in memory. */
export async function generateCase(c: (typeof GOLDEN_CASES)[number]): Promise<GeneratedFile[]> {
  const { plan, diagnostics } = c.plan === TYPEWRITER_PLAN ? await loadPlan(c.plan, { text: typewriterYaml() }) : await loadPlan(join(ROOT, c.plan));
  if (!plan) throw new Error(`${c.plan}: ${JSON.stringify(diagnostics)}`);
  const command = regenerateCommand({ plan: c.plan, out: `test/golden/${c.dir}`, client: c.client, validate: c.validate });
  return generateClient(plan, { client: c.client, validate: c.validate, templates: await loadTemplates(), planFile: c.plan, command });
}
