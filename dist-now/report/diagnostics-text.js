const plain = { red: (s) => s, yellow: (s) => s, cyan: (s) => s, dim: (s) => s, bold: (s) => s };
/** `file:line:col  severity  message  [code]` lines, optionally with code frames and a summary. */
export function formatDiagnostics(diagnostics, options = {}) {
    const p = options.paint ?? plain;
    const lines = [];
    for (const d of diagnostics) {
        const where = d.range ? `${d.file}:${d.range.start.line}:${d.range.start.col}` : d.file;
        const sev = d.severity === 'error' ? p.red('error') : d.severity === 'warn' ? p.yellow('warning') : p.cyan('info');
        lines.push(`${p.bold(where)} ${sev} ${d.message} ${p.dim(`[${d.code}]`)}`);
        const text = options.sources?.get(d.file);
        if (text !== undefined && d.range)
            lines.push(...codeFrame(text, d, p));
    }
    return lines.length > 0 ? lines.join('\n') + '\n' : '';
}
/** "3 errors, 1 warning" style counts. */
export function summarize(diagnostics) {
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = diagnostics.filter((d) => d.severity === 'warn').length;
    const plural = (n, w) => `${n} ${w}${n === 1 ? '' : 's'}`;
    return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}
function codeFrame(text, d, p) {
    const all = text.split(/\r?\n/);
    const line = d.range.start.line;
    const from = Math.max(1, line - 1);
    const to = Math.min(all.length, line + 1);
    const width = String(to).length;
    const out = [];
    for (let n = from; n <= to; n++) {
        const src = clip(all[n - 1] ?? '');
        out.push(`${n === line ? p.red('>') : ' '} ${p.dim(String(n).padStart(width))} | ${src}`);
        if (n === line) {
            const col = Math.min(d.range.start.col, 121);
            const endCol = d.range.end.line === line ? Math.min(d.range.end.col, 121) : col + 1;
            out.push(`  ${' '.repeat(width)} | ${' '.repeat(col - 1)}${p.red('^'.repeat(Math.max(1, endCol - col)))}`);
        }
    }
    return out;
}
/** Keep frames readable when a line is huge (minified YAML, a long regex). */
function clip(s) {
    return s.length > 120 ? s.slice(0, 120) + '…' : s;
}
//# sourceMappingURL=diagnostics-text.js.map