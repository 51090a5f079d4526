import type { DiffResult } from '../diff/diff.js';
import type { Paint } from './diagnostics-text.js';

const plain: Paint = { red: (s) => s, yellow: (s) => s, cyan: (s) => s, dim: (s) => s, bold: (s) => s };
const at = (f: { file: string; range?: { start: { line: number; col: number } } }) => (f.range ? `${f.file}:${f.range.start.line}:${f.range.start.col}` : f.file);
const HEAD: Record<string, string> = { breaking: 'Breaking changes', addition: 'Additions', docs: 'Documentation' };

/** The section headings: against a spec, what each kind of change means for traffic that follows it. */
function heading(r: DiffResult, impact: 'breaking' | 'addition' | 'docs'): string {
  if (r.spec === undefined) return HEAD[impact]!;
  return { breaking: `Tightened: refuses what ${r.spec} allows`, addition: `Beyond ${r.spec}`, docs: 'Documentation' }[impact];
}

/** The verdict line every format starts with. */
export function diffVerdict(r: DiffResult, allowBreaking: boolean): string {
  if (r.spec !== undefined) {
    if (r.findings.length === 0) return `Same as ${r.spec}.`;
    return `Compared with ${r.spec}: ${r.breaking} tightened, ${r.additions} beyond the spec, ${r.docs} documentation.`;
  }
  if (r.findings.length === 0) return 'No changes.';
  const counts = `${r.breaking} breaking, ${r.additions} addition${r.additions === 1 ? '' : 's'}, ${r.docs} documentation`;
  if (r.breaking > 0 && !r.version.ok && !allowBreaking) return `FAILED: ${counts}. ${r.version.message}`;
  return `${r.breaking > 0 ? 'PASSED (breaking changes allowed)' : 'PASSED'}: ${counts}. ${r.version.message}`;
}

/** Terminal changelog. */
export function diffPretty(r: DiffResult, allowBreaking: boolean, paint: Paint = plain): string {
  const out = [r.breaking > 0 && !r.version.ok && !allowBreaking ? paint.red(paint.bold(diffVerdict(r, allowBreaking))) : paint.bold(diffVerdict(r, allowBreaking))];
  for (const impact of ['breaking', 'addition', 'docs'] as const) {
    const list = r.findings.filter((f) => f.impact === impact);
    if (list.length === 0) continue;
    out.push('', paint.bold(`${heading(r, impact)} (${list.length}):`));
    for (const f of list) {
      const mark = impact === 'breaking' ? paint.red('✖') : impact === 'addition' ? paint.cyan('+') : paint.dim('·');
      out.push(`  ${mark} ${f.message} ${paint.dim(`[${f.code}] ${at(f)}${f.base && f.base.file !== f.file ? ` (was ${at(f.base)})` : f.base && f.base.range && f.range && f.base.range.start.line !== f.range.start.line ? ` (was line ${f.base.range.start.line})` : ''}`)}`);
    }
  }
  return out.join('\n') + '\n';
}

/** A Markdown changelog for a pull-request comment. */
export function diffMarkdown(r: DiffResult, allowBreaking: boolean): string {
  const esc = (s: string) => s.replace(/[|\\<>]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
  const out = [`### ${r.spec !== undefined ? '📋' : r.breaking > 0 ? (r.version.ok || allowBreaking ? '⚠️' : '❌') : '✅'} Tracking plan changes: ${esc(diffVerdict(r, allowBreaking))}`];
  for (const impact of ['breaking', 'addition', 'docs'] as const) {
    const list = r.findings.filter((f) => f.impact === impact);
    if (list.length === 0) continue;
    out.push('', `#### ${esc(heading(r, impact))}`, '', ...list.map((f) => `- ${esc(f.message)} (\`${f.code}\`)`));
  }
  return out.join('\n') + '\n';
}

/** JSON: the result, versioned. */
export function diffJson(r: DiffResult, allowBreaking: boolean): string {
  return JSON.stringify({ format: 1, verdict: diffVerdict(r, allowBreaking), failed: r.breaking > 0 && !r.version.ok && !allowBreaking, ...r }, null, 2) + '\n';
}
