import { type Diagnostic } from '../diagnostics/diagnostic.js';
import { loadPlan } from '../load/load-plan.js';
import { diagnosticsGithub, diagnosticsJunit, diagnosticsMarkdown } from '../report/diagnostics-ci.js';
import { diagnosticsJson } from '../report/diagnostics-json.js';
import { formatDiagnostics, summarize } from '../report/diagnostics-text.js';
import { listSources, MissingPath } from '../source-files/list-sources.js';
import { scanCalls } from '../source-files/scan-calls.js';
import { generatedFunctions, planStatus, STATUS_CODES, type StatusCode } from '../status/status.js';
import { EXIT, InputError, UsageError } from './errors.js';
import { paintFor } from './terminal.js';

export interface StatusCliOptions {
  format: string;
  failOn?: string;
}

const CODES = Object.keys(STATUS_CODES) as StatusCode[];

/** `trackplan status <plan> [paths...]`: which planned messages the code sends; 1 when a --fail-on code is found. */
export async function runStatus(planFile: string, paths: string[], opts: StatusCliOptions): Promise<number> {
  const failOn = (opts.failOn ?? 'never-called').split(',').map((c) => c.trim()).filter((c) => c !== '');
  for (const c of failOn) if (!(CODES as string[]).includes(c)) throw new UsageError(`--fail-on takes codes among ${CODES.join(', ')}, not "${c}".`);
  const loaded = await loadPlan(planFile);
  if (!loaded.plan) {
    process.stderr.write(formatDiagnostics(loaded.diagnostics, { paint: paintFor(process.stderr) }));
    throw new InputError(`${planFile} has ${summarize(loaded.diagnostics)}; fix them (see \`trackplan check ${planFile}\`) first.`);
  }
  const cwd = process.cwd();
  let files: string[];
  try {
    files = await listSources(cwd, paths.length > 0 ? paths : ['.']);
  } catch (e) {
    if (e instanceof MissingPath) throw new InputError(`Cannot scan ${e.message.replace(/ does not exist\.$/, '')}: it does not exist.`);
    throw e;
  }
  const calls = await scanCalls(cwd, files, new Set(generatedFunctions(loaded.plan).keys()));
  const result = planStatus(loaded.plan, calls, loaded.locate);
  const diagnostics: Diagnostic[] = result.diagnostics;
  const title = 'trackplan status';
  switch (opts.format) {
    case 'json':
      process.stdout.write(diagnosticsJson([planFile, ...files], diagnostics));
      break;
    case 'junit':
      process.stdout.write(diagnosticsJunit(title, [...new Set([planFile, ...diagnostics.map((d) => d.file)])], CODES, diagnostics));
      break;
    case 'github':
      process.stdout.write(diagnosticsGithub(title, diagnostics));
      break;
    case 'markdown':
      process.stdout.write(diagnosticsMarkdown(title, diagnostics));
      break;
    default: {
      const paint = paintFor(process.stdout);
      process.stdout.write(formatDiagnostics(diagnostics, { paint }));
      process.stdout.write(`${result.implemented} of ${result.planned} planned messages are sent from ${result.files} ${result.files === 1 ? 'file' : 'files'} scanned; ${summarize(diagnostics)}.\n`);
    }
  }
  return diagnostics.some((d) => failOn.includes(d.code)) ? EXIT.findings : EXIT.ok;
}
