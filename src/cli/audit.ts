import { appendFile } from 'node:fs/promises';
import { locateGroups } from '../audit/plan-index.js';
import { indexPlan } from '../audit/plan-spec.js';
import { type AuditLimits, buildReport } from '../audit/report-model.js';
import { LimitError, parseAuditLimits } from '../audit/limits.js';
import { type AuditSummary, flagEmptyInputs } from '../audit/summary.js';
import type { Plan } from '../model/plan.js';
import { loadPlan } from '../load/load-plan.js';
import { AUDIT_FORMATS, type AuditFormat, auditReporters, renderAudit } from '../report/audit-reporters.js';
import { checkReportTargets, ReportPathError, whyUnwritable, writeReport } from '../output/report-files.js';
import { formatDiagnostics, summarize } from '../report/diagnostics-text.js';
import { type AuditEngine, EngineFailure } from '../engines/engine.js';
import { statInputs, UnreadableInput } from '../engines/inputs.js';
import { JsEngine } from '../engines/js/engine.js';
import { chooseEngine, ENGINE_NAMES, type EngineName } from '../engines/choose.js';
import { DuckDbEngine } from '../engines/duckdb/engine.js';
import { expandGlobs } from '../engines/globs.js';
import { defaultThreads } from '../engines/js/threads.js';
import { EXIT, InputError, UsageError } from './errors.js';
import { parseWorkers } from './workers-option.js';
import { safeHref } from '../pages/html.js';
import { sitePagePaths } from '../pages/site-paths.js';
import { paintFor } from './terminal.js';

export interface AuditCliOptions {
  format?: string;
  output?: string[];
  failOn?: string;
  maxViolations?: string;
  maxRate?: string;
  minCoverage?: string;
  workers?: string;
  docsUrl?: string;
  engine?: string;
}

const FORMATS: readonly AuditFormat[] = AUDIT_FORMATS;
/** Plain files larger than this are split over worker threads (TRACKPLAN_PARALLEL_BYTES overrides, for tests). */
const PARALLEL_BYTES = Number(process.env['TRACKPLAN_PARALLEL_BYTES'] ?? 64 * 1024 * 1024);
/** DuckDB's memory_limit for `--engine duckdb` (past it, it spills to the run's scratch folder). */
const DUCKDB_MEMORY = process.env['TRACKPLAN_DUCKDB_MEMORY'] ?? '1536MB';
/** Lines the DuckDB query checks at once (its memory grows with them; README "Performance"). */
const DUCKDB_BATCH = positiveInteger(process.env['TRACKPLAN_DUCKDB_BATCH']) ?? 10_000;
/** About 8 MB of messages a run of the query (README "Performance": 10,000 bench messages of ~1 KB, under 1 GB of RSS). */
const DUCKDB_SLICE_BYTES = positiveInteger(process.env['TRACKPLAN_DUCKDB_SLICE_BYTES']) ?? 8 * 1024 * 1024;

/** `trackplan audit <plan> <file...>`: check captured messages against the plan. */
export async function runAudit(planFile: string, given: string[], opts: AuditCliOptions): Promise<number> {
  const limits = parseLimits(opts);
  const outputs = parseOutputs(opts);
  checkDocsUrl(opts);
  const workers = parseWorkers(opts.workers);
  const threads = workers ?? defaultThreads();
  const requested = parseEngine(opts.engine);
  let files: string[];
  try {
    files = await expandGlobs(given);
  } catch (e) {
    if (e instanceof UnreadableInput) throw new InputError(e.message);
    throw e;
  }
  // Standard input redirected from a file (`< in.ndjson`) is an input too: /dev/stdin names it.
  const inputs = files.map((f) => (f === '-' ? { file: '/dev/stdin', what: 'the file standard input reads' } : { file: f, what: 'an input of this audit' }));
  await checkOutputs(outputs, [...inputs, { file: planFile, what: 'the plan' }]);
  let engine: AuditEngine | undefined;
  try {
    const sizes = await statInputs(files);
    const chosen = await chooseEngine(requested, files, sizes);
    engine = chosen === 'duckdb' ? new DuckDbEngine({ threads, memoryLimit: DUCKDB_MEMORY, batch: DUCKDB_BATCH, sliceBytes: DUCKDB_SLICE_BYTES }) : new JsEngine({ threads, minBytes: PARALLEL_BYTES });
    await engine.prepare?.(sizes);
    return await auditWith(planFile, files, sizes, { limits, outputs, engine, ...(opts.docsUrl !== undefined ? { docsUrl: opts.docsUrl } : {}) });
  } catch (e) {
    if (e instanceof UnreadableInput || e instanceof EngineFailure) throw new InputError(e.message);
    throw e;
  } finally {
    engine?.close();
  }
}

function positiveInteger(text: string | undefined): number | undefined {
  const n = Number(text);
  return text !== undefined && Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** `--engine js|duckdb|auto` (default auto: the rule is in engines/choose.ts). */
function parseEngine(value: string | undefined): EngineName {
  if (value === undefined) return 'auto';
  if (!(ENGINE_NAMES as readonly string[]).includes(value)) throw new UsageError(`Unknown engine "${value}". Use ${ENGINE_NAMES.join(', ')}.`);
  return value as EngineName;
}

async function auditWith(planFile: string, files: string[], sizes: Map<string, number>, run: { limits: AuditLimits; outputs: { format: AuditFormat; path?: string }[]; engine: AuditEngine; docsUrl?: string }): Promise<number> {
  const { limits, outputs } = run;
  const loaded = await loadPlan(planFile);
  if (!loaded.plan) {
    process.stderr.write(formatDiagnostics(loaded.diagnostics, { paint: paintFor(process.stderr) }));
    throw new InputError(`${planFile} has ${summarize(loaded.diagnostics)}; fix them (see \`trackplan check ${planFile}\`) before auditing.`);
  }
  // The plan's imports are known now, before any input is read.
  await checkOutputs(outputs, [...loaded.sources.keys()].map((file) => ({ file, what: 'a file of the plan' })));
  const index = await indexPlan(loaded.plan);
  const progress = new Progress([...sizes.values()].reduce((a, b) => a + b, 0));
  const summary = await run.engine.audit({ plan: loaded.plan, index, files, sizes, onBytes: (n) => progress.add(n), onChecked: (n, of) => progress.checked(n, of), watch: (stream) => progress.watch(stream) });
  progress.done();
  return printAuditReport(summary, { plan: loaded.plan, locate: loaded.locate }, { limits, outputs, ...(run.docsUrl !== undefined ? { docsUrl: run.docsUrl } : {}) });
}

/**
 * The report of an audit summary, on stdout and in the --output files, and the exit code:
 * for `audit` and for `report` (rows an SQL engine returned), which print the same way.
 */
export async function printAuditReport(summary: AuditSummary, loaded: { plan: Plan; locate: Parameters<typeof locateGroups>[2] }, run: { limits: AuditLimits; outputs: { format: AuditFormat; path?: string }[]; docsUrl?: string }): Promise<number> {
  const { limits, outputs } = run;
  flagEmptyInputs(summary);
  locateGroups(summary, loaded.plan, loaded.locate);

  const report = buildReport(summary, loaded.plan, limits);
  // With only --output files, stdout still gets the verdict: a CI log says why it failed.
  if (!outputs.some((o) => o.path === undefined)) process.stdout.write(`${report.verdict.headline}\n`);
  for (const { format, path } of outputs) {
    const extras = format === 'html' ? { ...(summary.timeline ? { timeline: summary.timeline } : {}), ...(run.docsUrl !== undefined ? { docsUrl: run.docsUrl, docsPages: sitePagePaths(loaded.plan) } : {}) } : {};
    const text = await renderAudit(format, report, path ? extras : { ...extras, paint: paintFor(process.stdout) });
    if (path) {
      try {
        await writeReport(path, text);
      } catch (e) {
        throw new InputError(`Cannot write --output ${format}=${path}: ${whyUnwritable(e)}.`);
      }
    } else process.stdout.write(text);
    if (format === 'github' && process.env['GITHUB_STEP_SUMMARY']) await appendFile(process.env['GITHUB_STEP_SUMMARY'], auditReporters.markdown(report));
  }
  return report.verdict.failed ? EXIT.findings : EXIT.ok;
}

/** Refuse, before the long part, any --output that could not be written or would replace what the user wrote. */
export async function checkOutputs(outputs: readonly { format: AuditFormat; path?: string }[], keep: { file: string; what: string }[]): Promise<void> {
  const targets = outputs.flatMap((o) => (o.path === undefined ? [] : [{ flag: `--output ${o.format}=${o.path}`, path: o.path }]));
  try {
    await checkReportTargets(targets, keep);
  } catch (e) {
    if (e instanceof ReportPathError) throw new InputError(e.message);
    throw e;
  }
}

export function parseLimits(o: AuditCliOptions): AuditLimits {
  try {
    return parseAuditLimits(o);
  } catch (e) {
    if (e instanceof LimitError) throw new UsageError(e.message);
    throw e;
  }
}

export function parseOutputs(o: AuditCliOptions): { format: AuditFormat; path?: string }[] {
  const out: { format: AuditFormat; path?: string }[] = [];
  const check = (f: string): AuditFormat => {
    if (!(FORMATS as string[]).includes(f)) throw new UsageError(`Unknown format "${f}". Use ${FORMATS.join(', ')}.`);
    return f as AuditFormat;
  };
  for (const spec of o.output ?? []) {
    const m = /^([a-z]+)=(.+)$/.exec(spec);
    if (!m) throw new UsageError(`--output takes format=path, e.g. --output junit=reports/audit.xml, not "${spec}".`);
    out.push({ format: check(m[1]!), path: m[2]! });
  }
  if (o.format !== undefined || out.length === 0) out.unshift({ format: check(o.format ?? 'pretty') });
  // (--output alone: the verdict line still goes to stdout, see runAudit.)
  return out;
}

/** A progress line on stderr, when stderr is a terminal and the input is large. */
class Progress {
  #seen = 0;
  #timer: NodeJS.Timeout | undefined;
  readonly #start = Date.now();

  constructor(private readonly total: number) {
    if (process.stderr.isTTY && total > 32 * 1024 * 1024) {
      this.#timer = setInterval(() => this.#draw(), 500);
      this.#timer.unref();
    }
  }

  add(bytes: number): void {
    this.#seen += bytes;
  }

  /** An engine that read everything first is now checking lines (DuckDB): say so, rather than stay at 100%. */
  checked(lines: number, of: number): void {
    this.#checking ??= { from: Date.now(), lines: 0, of };
    this.#checking.lines = lines;
    this.#checking.of = of;
  }

  #checking: { from: number; lines: number; of: number } | undefined;

  watch(stream: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
    if (!this.#timer) return stream;
    const self = this;
    return (async function* () {
      for await (const chunk of stream) {
        self.add(chunk.length);
        yield chunk;
      }
    })();
  }

  #draw(): void {
    const c = this.#checking;
    if (c) {
      const rate = c.lines / Math.max((Date.now() - c.from) / 1000, 0.001);
      process.stderr.write(`\r\u001b[2Kaudit: read; checked ${c.lines.toLocaleString('en-US')} of ${c.of.toLocaleString('en-US')} lines (${c.of ? Math.min(100, (100 * c.lines) / c.of).toFixed(0) : 0}%), ${rate.toFixed(0)} lines/s`);
      return;
    }
    const secs = (Date.now() - this.#start) / 1000;
    const mb = this.#seen / 1048576;
    process.stderr.write(`\r\u001b[2Kaudit: ${mb.toFixed(0)} of ${(this.total / 1048576).toFixed(0)} MB (${this.total ? Math.min(100, (100 * this.#seen) / this.total).toFixed(0) : 0}%), ${(mb / Math.max(secs, 0.001)).toFixed(0)} MB/s`);
  }

  done(): void {
    if (!this.#timer) return;
    clearInterval(this.#timer);
    process.stderr.write('\r\u001b[2K');
  }
}

/** `--docs-url` (audit, report): an address the HTML report may link to. */
export function checkDocsUrl(opts: { docsUrl?: string }): void {
  if (opts.docsUrl !== undefined && safeHref(opts.docsUrl) === undefined) throw new UsageError(`--docs-url must be an http(s) address or a relative path (where \`trackplan docs\` wrote the plan's site), not "${opts.docsUrl}".`);
}
