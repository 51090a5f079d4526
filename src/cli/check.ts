import { type Diagnostic, hasErrors } from '../diagnostics/diagnostic.js';
import { loadPlan } from '../load/load-plan.js';
import { allMessages } from '../model/plan.js';
import { kindCountText } from '../report/count-words.js';
import { diagnosticsJson } from '../report/diagnostics-json.js';
import { formatDiagnostics, summarize } from '../report/diagnostics-text.js';
import { EXIT, UsageError } from './errors.js';
import { paintFor } from './terminal.js';

export interface CheckOptions {
  format: string;
}

/** `trackplan check <plan...>`: every problem of every plan at once; 0 clean, 2 on errors. */
export async function runCheck(files: string[], opts: CheckOptions): Promise<number> {
  if (opts.format !== 'pretty' && opts.format !== 'json') throw new UsageError(`Unknown --format "${opts.format}". Use pretty or json.`);
  const all: Diagnostic[] = [];
  const sources = new Map<string, string>();
  const summaries: string[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    const result = await loadPlan(file);
    // Plans that import the same library would each report its problems; show them once.
    for (const d of result.diagnostics) {
      const key = `${d.file}|${d.range?.start.line}|${d.range?.start.col}|${d.code}|${d.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      all.push(d);
    }
    for (const [k, v] of result.sources) sources.set(k, v);
    if (result.plan) {
      // Deprecated messages are said apart: the audit's coverage leaves deprecated events out.
      const counts = new Map<string, { count: number; deprecated: number }>();
      for (const m of allMessages(result.plan)) {
        const c = counts.get(m.kind) ?? { count: 0, deprecated: 0 };
        counts.set(m.kind, { count: c.count + 1, deprecated: c.deprecated + (m.deprecated !== undefined ? 1 : 0) });
      }
      const parts = [...counts].map(([k, c]) => kindCountText(k, c.count, c.deprecated));
      summaries.push(`${file}: ${parts.length > 0 ? parts.join(', ') : 'no messages'}`);
    }
  }
  if (opts.format === 'json') {
    process.stdout.write(diagnosticsJson(files, all));
  } else {
    const paint = paintFor(process.stdout);
    // Code frames help a person at a terminal; in CI logs they only add noise.
    const frames = process.stdout.isTTY ? { sources } : {};
    process.stdout.write(formatDiagnostics(all, { paint, ...frames }));
    for (const s of summaries) process.stdout.write(`${paint.dim('✓')} ${s}\n`);
    const ok = !hasErrors(all);
    process.stdout.write(`${ok ? paint.bold('OK') : paint.red('Failed')}: ${summarize(all)} in ${files.length} plan${files.length === 1 ? '' : 's'}.\n`);
  }
  return hasErrors(all) ? EXIT.usage : EXIT.ok;
}
