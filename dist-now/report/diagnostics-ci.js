import { ghData, ghProp, xml } from './escape.js';
const where = (d) => (d.range ? `${d.file}:${d.range.start.line}:${d.range.start.col}` : d.file);
/** JUnit XML: a test suite per file, a test case per rule that ran; a failure per error-severity finding. */
export function diagnosticsJunit(title, files, ruleIds, diagnostics) {
    const suites = [];
    let total = 0;
    let failures = 0;
    for (const file of files) {
        const cases = [];
        let suiteFailures = 0;
        for (const id of ruleIds) {
            const found = diagnostics.filter((d) => d.code === id && d.file === file);
            const errs = found.filter((d) => d.severity === 'error');
            const body = errs.map((d) => `      <failure type="${xml(d.code)}" message="${xml(d.message)}">${xml(`${where(d)} ${d.message}`)}</failure>`).join('\n');
            const warn = found.filter((d) => d.severity !== 'error').map((d) => `${where(d)} ${d.message}`).join('\n');
            const out = warn ? `\n      <system-out>${xml(warn)}</system-out>` : '';
            cases.push(`    <testcase classname="${xml(`${title}.${file}`)}" name="${xml(id)}">${body || out ? `\n${body}${out}\n    ` : ''}</testcase>`);
            if (errs.length > 0)
                suiteFailures++;
        }
        total += cases.length;
        failures += suiteFailures;
        suites.push(`  <testsuite name="${xml(`${title} ${file}`)}" tests="${cases.length}" failures="${suiteFailures}" errors="0">\n${cases.join('\n')}\n  </testsuite>`);
    }
    return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${xml(title)}" tests="${total}" failures="${failures}">\n${suites.join('\n')}\n</testsuites>\n`;
}
/** GitHub Actions annotations on the plan's lines. */
export function diagnosticsGithub(title, diagnostics) {
    return diagnostics
        .map((d) => {
        const level = d.severity === 'error' ? 'error' : d.severity === 'warn' ? 'warning' : 'notice';
        const loc = d.range ? `,line=${d.range.start.line},col=${d.range.start.col},endLine=${d.range.end.line},endColumn=${d.range.end.col}` : '';
        return `::${level} file=${ghProp(d.file)}${loc},title=${ghProp(`${title} ${d.code}`)}::${ghData(d.message)}\n`;
    })
        .join('');
}
/** Markdown for a pull-request comment. */
export function diagnosticsMarkdown(title, diagnostics) {
    const esc = (s) => s.replace(/[|\\`*_<>[\]]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = diagnostics.filter((d) => d.severity === 'warn').length;
    const head = `### ${errors > 0 ? '❌' : warnings > 0 ? '⚠️' : '✅'} ${title}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
    if (diagnostics.length === 0)
        return `${head}\n`;
    const rows = diagnostics.map((d) => `| ${d.severity === 'error' ? '❌' : '⚠️'} | \`${esc(where(d))}\` | \`${esc(d.code)}\` | ${esc(d.message)} |`);
    return [head, '', '| | where | rule | finding |', '|---|---|---|---|', ...rows, ''].join('\n');
}
//# sourceMappingURL=diagnostics-ci.js.map