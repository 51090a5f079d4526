import { gzipSync } from 'node:zlib';
import { auditInputs } from '../../src/audit/audit.js';
import { indexPlan } from '../../src/audit/plan-spec.js';
import type { AuditSummary } from '../../src/audit/summary.js';
import { loadPlan } from '../../src/load/load-plan.js';
import type { Plan } from '../../src/model/plan.js';

/** A plan for audit tests, from YAML text. */
export async function planFrom(yaml: string): Promise<{ plan: Plan; index: Awaited<ReturnType<typeof indexPlan>>; locate: Awaited<ReturnType<typeof loadPlan>>['locate'] }> {
  const loaded = await loadPlan('plan.yaml', { text: yaml });
  if (!loaded.plan) throw new Error(JSON.stringify(loaded.diagnostics));
  return { plan: loaded.plan, index: await indexPlan(loaded.plan), locate: loaded.locate };
}

/** Bytes in chunks of `size`, so that lines straddle chunk boundaries. */
export function chunks(data: Buffer, size = 7): AsyncIterable<Buffer> {
  return (async function* () {
    for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
  })();
}

/** Audit one in-memory input. */
export async function auditText(index: Awaited<ReturnType<typeof indexPlan>>, text: string | Buffer, options: { gzip?: boolean; name?: string; chunk?: number } = {}): Promise<AuditSummary> {
  let data = typeof text === 'string' ? Buffer.from(text) : text;
  if (options.gzip) data = gzipSync(data);
  return auditInputs(index, [{ name: options.name ?? 'in.ndjson', open: () => chunks(data, options.chunk) }]);
}

/** Every violation and bad-input finding as `code@line:path`, sorted, for exact assertions. */
export function findings(s: AuditSummary): string[] {
  const out: string[] = [];
  for (const g of Object.values(s.groups)) for (const e of g.examples) out.push(`${g.code}@${e.line}:${g.path}`);
  for (const e of s.badInput.examples) out.push(`${e.code}@${e.line}`);
  return out.sort((a, b) => Number(a.split('@')[1]!.split(':')[0]) - Number(b.split('@')[1]!.split(':')[0]) || a.localeCompare(b));
}
