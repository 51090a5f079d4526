import { appendFileSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { gzipSync } from 'node:zlib';
import { hasGzipMagic } from '../../src/audit/read-input.js';
import { parses } from '../../src/audit/lines.js';
import { auditInputs } from '../../src/audit/audit.js';
import { indexPlan } from '../../src/audit/plan-spec.js';
import type { AuditSummary } from '../../src/audit/summary.js';
import { loadPlan } from '../../src/load/load-plan.js';
import type { Plan } from '../../src/model/plan.js';

/** Plans by their index, for the SQL comparison below. */
const PLANS = new WeakMap<object, Plan>();

/** A plan for audit tests, from YAML text. */
export async function planFrom(yaml: string): Promise<{ plan: Plan; index: Awaited<ReturnType<typeof indexPlan>>; locate: Awaited<ReturnType<typeof loadPlan>>['locate'] }> {
  const loaded = await loadPlan('plan.yaml', { text: yaml });
  if (!loaded.plan) throw new Error(JSON.stringify(loaded.diagnostics));
  const index = await indexPlan(loaded.plan);
  PLANS.set(index, loaded.plan);
  return { plan: loaded.plan, index, locate: loaded.locate };
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
  const summary = await auditInputs(index, [{ name: options.name ?? 'in.ndjson', open: () => chunks(data, options.chunk) }]);
  // test/sql/audit-fixtures.test.ts runs these tests again with TRACKPLAN_SQL_DIFF set: every
  // NDJSON input is then also audited by the plan's SQL on DuckDB, and the reports compared.
  const plan = PLANS.get(index);
  if (process.env['TRACKPLAN_SQL_DIFF'] && plan && !options.gzip) await compareWithSql(plan, index, data, options.name ?? 'in.ndjson', process.env['TRACKPLAN_SQL_DIFF']);
  // test/engines/duckdb-fixtures.test.ts: every input (gzip included) also audited by `--engine duckdb`.
  if (process.env['TRACKPLAN_ENGINE_DIFF'] && plan) await compareWithDuckDb(plan, index, data, options.name ?? 'in.ndjson', process.env['TRACKPLAN_ENGINE_DIFF']);
  return summary;
}

/**
 * Audit `data` (as a file) with the DuckDB engine too, and note in `log` whether its JSON report
 * is the JavaScript engine's: `ok <where>`, `declared <where>` (different, where the plan holds
 * checks the SQL declares not checked) or `DIFF <where>`, each different one with both reports.
 */
async function compareWithDuckDb(plan: Plan, index: Awaited<ReturnType<typeof indexPlan>>, data: Buffer, name: string, log: string): Promise<void> {
  const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { DuckDbEngine } = await import('../../src/engines/duckdb/engine.js');
  const { buildReport } = await import('../../src/audit/report-model.js');
  const { flagEmptyInputs } = await import('../../src/audit/summary.js');
  const { auditReporters } = await import('../../src/report/audit-reporters.js');
  const where = new Error().stack?.split('\n').find((l) => l.includes('.test.ts'))?.trim() ?? '';
  const dir = mkdtempSync(join(tmpdir(), 'trackplan-engine-diff-'));
  try {
    const file = join(dir, 'input');
    writeFileSync(file, data);
    const js = await auditInputs(index, [{ name, open: () => chunks(data, 65536) }]);
    const engine = new DuckDbEngine({ threads: 1, memoryLimit: '2GB', batch: 300, sliceBytes: 16 * 1024 });
    const duck = await engine.audit({ plan, index, files: [file], sizes: new Map([[file, data.length]]) });
    engine.close();
    for (const s of [js, duck]) flagEmptyInputs(s);
    const a = auditReporters.json(buildReport(js, plan, {}));
    const report = JSON.parse(auditReporters.json(buildReport(duck, plan, {})).split(JSON.stringify(file)).join(JSON.stringify(name))) as { notChecked?: string[] };
    // What the SQL declares not checked is named in its report (notChecked); the rest must agree.
    const declared = report.notChecked !== undefined;
    delete report.notChecked;
    const same = JSON.stringify(report) === JSON.stringify(JSON.parse(a));
    const verdict = same ? 'ok' : declared ? 'declared' : 'DIFF';
    appendFileSync(log, `${verdict} ${where}\n${same ? '' : `${JSON.stringify({ js: JSON.parse(a), duckdb: report })}\n`}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every violation and bad-input finding as `code@line:path`, sorted, for exact assertions. */
export function findings(s: AuditSummary): string[] {
  const out: string[] = [];
  for (const g of Object.values(s.groups)) for (const e of g.examples) out.push(`${g.code}@${e.line}:${g.path}`);
  for (const e of s.badInput.examples) out.push(`${e.code}@${e.line}`);
  return out.sort((a, b) => Number(a.split('@')[1]!.split(':')[0]) - Number(b.split('@')[1]!.split(':')[0]) || a.localeCompare(b));
}

/**
 * Audit `data` with the plan's SQL on DuckDB too, and note in `log` whether the JSON reports are
 * the same: `ok <name>`, or `DIFF <name>` with both. Inputs the SQL contract has no rows for
 * (gzip, bytes that are not UTF-8, JSON documents spread over lines) are noted as `skip`.
 */
async function compareWithSql(plan: Plan, index: Awaited<ReturnType<typeof indexPlan>>, data: Buffer, name: string, log: string): Promise<void> {
  const text = data.toString('utf8');
  const first = text.replace(/^\ufeff/, '').split('\n').find((l) => l.trim() !== '');
  // A first line over 16 MB that opens a list is read as a document by audit (a line of SQL's contract is bad input).
  const document = first !== undefined && /^\s*[[{]/.test(first) && (!parses(first.trim()) || Buffer.byteLength(first) > 16 * 1024 * 1024);
  const where = new Error().stack?.split('\n').find((l) => l.includes('.test.ts'))?.trim() ?? '';
  if (hasGzipMagic(data) || !isUtf8(data) || document) {
    appendFileSync(log, `skip ${where}\n`);
    return;
  }
  const { bothReports } = await import('../sql/compare.js');
  const r = await bothReports(plan, index, [{ name, text }]);
  // What the SQL declares not checked may differ, and is named in its report (notChecked).
  const sql = JSON.parse(r.sql) as { notChecked?: string[] };
  delete sql.notChecked;
  const same = JSON.stringify(sql) === JSON.stringify(JSON.parse(r.js));
  const verdict = same ? 'ok' : r.notChecked.length > 0 ? 'declared' : 'DIFF';
  appendFileSync(log, `${verdict} ${where}\n${same ? '' : `${JSON.stringify({ js: JSON.parse(r.js), sql, notChecked: r.notChecked })}\n`}`);
}
