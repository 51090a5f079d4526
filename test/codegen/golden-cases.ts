import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateClient, type ValidateMode } from '../../src/codegen/generate.js';
import type { Client } from '../../src/codegen/templates.js';
import type { GeneratedFile } from '../../src/compile/compile-plan.js';
import { loadTemplates } from '../../src/cli/templates-dir.js';
import { loadPlan } from '../../src/load/load-plan.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const GOLDEN = join(ROOT, 'test/golden');

/** The committed golden outputs: plan × client (× validation mode). */
export const GOLDEN_CASES: { plan: string; client: Client; validate: ValidateMode; dir: string }[] = [
  ...(['analytics-node', 'analytics-next', 'generic'] as const).flatMap((client) => [
    { plan: 'plans/ecommerce.yaml', client, validate: 'dev' as const, dir: `ecommerce/${client}` },
    { plan: 'test/fixtures/plans/edge-cases.yaml', client, validate: 'dev' as const, dir: `edge-cases/${client}` },
  ]),
  { plan: 'test/fixtures/plans/edge-cases.yaml', client: 'generic', validate: 'never', dir: 'edge-cases/generic-never' },
];

/** What `trackplan generate` writes for a case, in memory. */
export async function generateCase(c: (typeof GOLDEN_CASES)[number]): Promise<GeneratedFile[]> {
  const { plan, diagnostics } = await loadPlan(join(ROOT, c.plan));
  if (!plan) throw new Error(`${c.plan}: ${JSON.stringify(diagnostics)}`);
  const command = `trackplan generate ${c.plan} --out ${c.dir} --client ${c.client} --validate ${c.validate}`;
  return generateClient(plan, { client: c.client, validate: c.validate, templates: await loadTemplates(), planFile: c.plan, command });
}
