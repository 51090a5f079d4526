import { readFile, writeFile } from 'node:fs/promises';
import { type Diagnostic, hasErrors } from '../diagnostics/diagnostic.js';
import { applyFixes } from '../lint/apply-fixes.js';
import { resolveLintConfig } from '../lint/config.js';
import { lintPlan } from '../lint/lint.js';
import type { LintDiagnostic } from '../lint/rule.js';
import { loadPlan } from '../load/load-plan.js';
import { diagnosticsGithub, diagnosticsJunit, diagnosticsMarkdown } from '../report/diagnostics-ci.js';
import { diagnosticsJson } from '../report/diagnostics-json.js';
import { formatDiagnostics, summarize } from '../report/diagnostics-text.js';
import { readConfig } from './config-file.js';
import { EXIT, InputError, UsageError } from './errors.js';
import { paintFor } from './terminal.js';

export interface LintCliOptions {
  format: string;
  maxWarnings?: string;
  fix?: boolean;
}

/** `trackplan lint <plan...>`: plan quality rules; 0 clean, 1 on errors (or too many warnings), 2 on plans that fail check. */
export async function runLint(files: string[], opts: LintCliOptions): Promise<number> {
  const maxWarnings = opts.maxWarnings === undefined ? undefined : Number(opts.maxWarnings);
  if (maxWarnings !== undefined && (!Number.isInteger(maxWarnings) || maxWarnings < 0)) throw new UsageError(`--max-warnings takes a whole number, not "${opts.maxWarnings}".`);
  const found = await readConfig();
  const { active, errors } = resolveLintConfig(found?.config.lint);
  if (errors.length > 0) {
    const file = found?.file ?? 'trackplan.config.yaml';
    const diagnostics = errors.map((e): Diagnostic => {
      const range = found?.locate?.(['lint', ...e.path], 'key');
      return { code: 'invalid-lint-config', severity: 'error', message: e.message, file, path: ['lint', ...e.path], ...(range ? { range } : {}) };
    });
    process.stderr.write(formatDiagnostics(diagnostics, { paint: paintFor(process.stderr) }));
    throw new InputError(`${file} has ${errors.length === 1 ? 'a mistake' : `${errors.length} mistakes`} in \`lint:\`; fix ${errors.length === 1 ? 'it' : 'them'}.`);
  }

  const all: LintDiagnostic[] = [];
  const sources = new Map<string, string>();
  for (const file of files) {
    let loaded = await loadPlan(file);
    if (!loaded.plan) {
      process.stderr.write(formatDiagnostics(loaded.diagnostics, { paint: paintFor(process.stderr) }));
      throw new InputError(`${file} has ${summarize(loaded.diagnostics)}; fix them (see \`trackplan check ${file}\`) before linting.`);
    }
    let findings = lintPlan(loaded.plan, active, loaded.locate);
    if (opts.fix) {
      const fixed = await fixFile(file, findings);
      if (fixed > 0) {
        process.stderr.write(`Fixed ${fixed} finding${fixed === 1 ? '' : 's'} in ${file}.\n`);
        loaded = await loadPlan(file);
        if (!loaded.plan) throw new InputError(`${file} no longer loads after --fix; this is a bug in trackplan: please report it.`);
        findings = lintPlan(loaded.plan, active, loaded.locate);
      }
    }
    for (const [k, v] of loaded.sources) sources.set(k, v);
    all.push(...findings.filter((d) => d.file === file || !all.some((x) => x.file === d.file)));
  }
  const diagnostics: Diagnostic[] = all.map(({ fix: _fix, ...d }) => d);
  const ids = active.map((a) => a.id);
  switch (opts.format) {
    case 'json':
      process.stdout.write(diagnosticsJson(files, diagnostics));
      break;
    case 'junit':
      process.stdout.write(diagnosticsJunit('trackplan lint', files, ids, diagnostics));
      break;
    case 'github':
      process.stdout.write(diagnosticsGithub('trackplan lint', diagnostics));
      break;
    case 'markdown':
      process.stdout.write(diagnosticsMarkdown('trackplan lint', diagnostics));
      break;
    default: {
      const paint = paintFor(process.stdout);
      process.stdout.write(formatDiagnostics(diagnostics, { paint, ...(process.stdout.isTTY ? { sources } : {}) }));
      const fixable = all.filter((d) => d.fix).length;
      process.stdout.write(`${hasErrors(diagnostics) ? paint.red('Failed') : paint.bold('OK')}: ${summarize(diagnostics)} from ${ids.length} rules in ${files.length} plan${files.length === 1 ? '' : 's'}.${fixable > 0 ? ` ${fixable} can be fixed with --fix.` : ''}\n`);
    }
  }
  const warnings = diagnostics.filter((d) => d.severity === 'warn').length;
  return hasErrors(diagnostics) || (maxWarnings !== undefined && warnings > maxWarnings) ? EXIT.findings : EXIT.ok;
}

async function fixFile(file: string, findings: readonly LintDiagnostic[]): Promise<number> {
  const fixes = findings.filter((d) => d.fix && d.fix.origin.file === file && d.range).map((d) => ({ fix: d.fix!, range: d.range! }));
  if (fixes.length === 0) return 0;
  const text = await readFile(file, 'utf8');
  const { text: next, applied } = applyFixes(text, fixes);
  if (applied > 0 && next !== text) await writeFile(file, next);
  return applied;
}
