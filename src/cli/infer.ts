import { readFile, realpath, stat } from 'node:fs/promises';
import { escapeHiddenInLine } from '../compile/hidden-chars.js';
import { present } from '../load/host.js';
import { UnreadableInput } from '../engines/inputs.js';
import { inferFiles } from '../engines/js/infer-files.js';
import { defaultThreads } from '../engines/js/threads.js';
import type { InferSummary } from '../infer/summary.js';
import { planDrift } from '../infer/drift.js';
import type { GuessOptions } from '../infer/guess.js';
import { writePlan } from '../infer/write-plan.js';
import { loadPlan } from '../load/load-plan.js';
import type { Plan } from '../model/plan.js';
import { formatDiagnostics, summarize } from '../report/diagnostics-text.js';
import { unifiedDiff } from '../report/unified-diff.js';
import { paintFor } from './terminal.js';
import { checkReportTargets, ReportPathError, whyUnwritable, writeReport } from '../output/report-files.js';
import { num } from '../report/count-words.js';
import { EXIT, InputError, UsageError } from './errors.js';
import { parseWorkers } from './workers-option.js';

export interface InferCliOptions {
  workers?: string;
  force?: boolean;
  out?: string;
  plan?: string;
  write?: boolean;
  requiredThreshold?: string;
  enums?: boolean;
  name?: string;
}

/** Plain files larger than this are cut into pieces over threads, as the audit's (TRACKPLAN_PARALLEL_BYTES overrides, for tests). */
const PARALLEL_BYTES = Number(process.env['TRACKPLAN_PARALLEL_BYTES'] ?? 64 * 1024 * 1024);

/** Control and bidi characters of the data, shown as escapes (a message names the input's lines). */
const safe = escapeHiddenInLine;

/** `trackplan infer <file...> [--out plan.yaml]`: a plan from captured traffic. */
export async function runInfer(files: string[], opts: InferCliOptions): Promise<number> {
  const requiredThreshold = opts.requiredThreshold === undefined ? 1 : Number(opts.requiredThreshold);
  if (opts.requiredThreshold !== undefined && (opts.requiredThreshold.trim() === '' || !Number.isFinite(requiredThreshold) || requiredThreshold <= 0 || requiredThreshold > 1)) {
    throw new UsageError(`--required-threshold must be a share above 0 and at most 1 (e.g. 0.95), not "${opts.requiredThreshold}".`);
  }
  const workers = parseWorkers(opts.workers);
  const name = opts.name ?? 'inferred';
  if (name.trim() === '') throw new UsageError('--name must not be empty.');
  if (opts.plan !== undefined && opts.out !== undefined) throw new UsageError('--plan edits the plan it names (--write), and --out writes a new one: give one of them.');
  if (opts.write && opts.plan === undefined) throw new UsageError('--write applies the drift to the plan named by --plan: give --plan <plan.yaml>.');
  if (opts.out !== undefined) await checkOut(opts.out, files, opts.force === true);
  const planned = opts.plan !== undefined ? await loadForDrift(opts.plan, files) : undefined;
  let summary: InferSummary;
  try {
    summary = await inferFiles(files, { threads: workers ?? defaultThreads(), minBytes: PARALLEL_BYTES });
  } catch (e) {
    if (e instanceof UnreadableInput) throw new InputError(e.message);
    throw e;
  }
  const bad = reportBadInput(summary);
  if (summary.seen.size === 0) throw new InputError(`No message to infer a plan from in ${files.map((f) => (f === '-' ? 'standard input' : f)).join(', ')}${bad ? ' (see the bad input above)' : ''}; nothing written.`);
  const guess = { requiredThreshold, enums: opts.enums !== false };
  if (planned) return drift(planned, summary, guess, opts.write === true, bad);
  const text = writePlan(summary, { name, ...guess });
  if (opts.out === undefined) process.stdout.write(text);
  else {
    try {
      await writeReport(opts.out, text);
    } catch (e) {
      throw new InputError(`Cannot write --out ${opts.out}: ${whyUnwritable(e)}.`);
    }
    process.stderr.write(`Wrote ${opts.out}: ${num(summary.seen.size)} ${summary.seen.size === 1 ? 'message' : 'messages'} inferred from ${num(summary.messages.read)} read. Check it with \`trackplan check ${opts.out}\`.\n`);
  }
  return bad ? EXIT.findings : EXIT.ok;
}

/** The plan `--plan` names, loaded and checked, with its text; an input may not be it. */
async function loadForDrift(file: string, inputs: readonly string[]): Promise<{ plan: Plan; text: string; bom: boolean }> {
  const loaded = await loadPlan(file);
  if (!loaded.plan) {
    process.stderr.write(formatDiagnostics(loaded.diagnostics, { paint: paintFor(process.stderr) }));
    throw new InputError(`${file} has ${summarize(loaded.diagnostics)}; fix them (see \`trackplan check ${file}\`) before comparing traffic with it.`);
  }
  const text = loaded.sources.get(loaded.plan.file);
  if (text === undefined) throw new InputError(`Cannot read ${file}.`);
  const own = await stat(file);
  for (const f of inputs) {
    const s = f === '-' ? undefined : await stat(f).catch(() => undefined);
    if (s && s.dev === own.dev && s.ino === own.ino) throw new UsageError(`${f} is the plan given to --plan, not traffic: give the captured messages as inputs.`);
  }
  const head = await readFile(file).then((b) => b.subarray(0, 3), () => Buffer.alloc(0));
  return { plan: loaded.plan, text, bom: head.equals(Buffer.from([0xef, 0xbb, 0xbf])) };
}

/** Print the drift as a diff of the plan file (and apply it with --write); exit 1 when there is drift left unapplied. */
async function drift(planned: { plan: Plan; text: string; bom: boolean }, summary: InferSummary, guess: GuessOptions, write: boolean, bad: boolean): Promise<number> {
  const file = planned.plan.file;
  const result = planDrift(planned.text, planned.plan, summary, guess);
  process.stdout.write(unifiedDiff(planned.text, result.text, { from: `a/${file}`, to: `b/${file}` }));
  const made = result.changes.filter((c) => c.kind !== 'not-edited');
  const kept = result.changes.filter((c) => c.kind === 'not-edited');
  if (made.length === 0 && kept.length === 0) process.stderr.write(`No drift: the plan takes every message, property, type and value seen in ${num(summary.messages.read)} ${summary.messages.read === 1 ? 'message' : 'messages'}.\n`);
  for (const c of result.changes) process.stderr.write(`  ${c.kind === 'not-edited' ? '!' : '+'} ${safe(c.path.map(String).join(' › '))}: ${safe(c.message)}\n`);
  if (write && result.text !== planned.text) {
    try {
      // The loader reads past a BOM; the file keeps the one it had. A plan named through a
      // link is edited where the link points (written beside the link, it would replace it).
      await writeReport(await realpath(file), (planned.bom ? '\ufeff' : '') + result.text);
    } catch (e) {
      throw new InputError(`Cannot write ${file}: ${whyUnwritable(e)}.`);
    }
    process.stderr.write(`Wrote ${file}: ${made.length} ${made.length === 1 ? 'change' : 'changes'}.\n`);
  } else if (made.length > 0) process.stderr.write(`${made.length} ${made.length === 1 ? 'change' : 'changes'} to the plan; apply ${made.length === 1 ? 'it' : 'them'} with --write.\n`);
  return bad || kept.length > 0 || (made.length > 0 && !write) ? EXIT.findings : EXIT.ok;
}

/** --out must not replace an input, and must name a file in a folder that exists. */
async function checkOut(out: string, files: readonly string[], force: boolean): Promise<void> {
  const keep = files.map((f) => (f === '-' ? { file: '/dev/stdin', what: 'the file standard input reads' } : { file: f, what: 'an input of this run' }));
  try {
    await checkReportTargets([{ flag: `--out ${out}`, path: out, what: 'plan' }], keep);
  } catch (e) {
    if (e instanceof ReportPathError) throw new InputError(e.message);
    throw e;
  }
  // A target named like a folder (`out/`) that does not exist yet is still a folder.
  if (/[\\/]$/.test(out) || (await stat(out).catch(() => undefined))?.isDirectory()) throw new InputError(`Cannot write --out ${out}: it is a folder. Name a file inside it.`);
  // A plan someone wrote is never replaced unasked (as `init` and `import segment`).
  if (!force && (await present(out))) throw new InputError(`${out} exists; trackplan will not overwrite it. Choose another --out, or pass --force (or compare with it: --plan ${out}).`);
}

/** Bad input on stderr, as the audit words it; whether there was any (empty inputs included). */
function reportBadInput(s: InferSummary): boolean {
  const counts = Object.entries(s.badInput.counts).filter(([, n]) => (n ?? 0) > 0).sort(([a], [b]) => (a < b ? -1 : 1));
  if (counts.length === 0) return false;
  const total = counts.reduce((a, [, n]) => a + (n ?? 0), 0);
  process.stderr.write(`Bad input: ${num(total)} (${counts.map(([c, n]) => `${c} ${num(n ?? 0)}`).join(', ')}): not messages, so skipped; the rest was read.\n`);
  for (const e of s.badInput.examples.slice(0, 10)) process.stderr.write(`  ! ${safe(e.file)}:${e.line} ${e.code}: ${safe(e.message)}\n`);
  return true;
}
