import { hasErrors } from '../diagnostics/diagnostic.js';
import { loadPlan } from '../load/load-plan.js';
import { allMessages } from '../model/plan.js';
import { diagnosticsJson } from '../report/diagnostics-json.js';
import { formatDiagnostics, summarize } from '../report/diagnostics-text.js';
import { EXIT, UsageError } from './errors.js';
import { paintFor } from './terminal.js';
/** `trackplan check <plan...>`: every problem of every plan at once; 0 clean, 2 on errors. */
export async function runCheck(files, opts) {
    if (opts.format !== 'pretty' && opts.format !== 'json')
        throw new UsageError(`Unknown --format "${opts.format}". Use pretty or json.`);
    const all = [];
    const sources = new Map();
    const summaries = [];
    const seen = new Set();
    for (const file of files) {
        const result = await loadPlan(file);
        // Plans that import the same library would each report its problems; show them once.
        for (const d of result.diagnostics) {
            const key = `${d.file}|${d.range?.start.line}|${d.range?.start.col}|${d.code}|${d.message}`;
            if (seen.has(key))
                continue;
            seen.add(key);
            all.push(d);
        }
        for (const [k, v] of result.sources)
            sources.set(k, v);
        if (result.plan) {
            const counts = new Map();
            for (const m of allMessages(result.plan))
                counts.set(m.kind, (counts.get(m.kind) ?? 0) + 1);
            const parts = [...counts].map(([k, n]) => `${n} ${k === 'track' ? 'event' : k}${n === 1 || k === 'identify' || k === 'group' ? '' : 's'}`);
            summaries.push(`${file}: ${parts.length > 0 ? parts.join(', ') : 'no messages'}`);
        }
    }
    if (opts.format === 'json') {
        process.stdout.write(diagnosticsJson(files, all));
    }
    else {
        const paint = paintFor(process.stdout);
        // Code frames help a person at a terminal; in CI logs they only add noise.
        const frames = process.stdout.isTTY ? { sources } : {};
        process.stdout.write(formatDiagnostics(all, { paint, ...frames }));
        for (const s of summaries)
            process.stdout.write(`${paint.dim('✓')} ${s}\n`);
        const ok = !hasErrors(all);
        process.stdout.write(`${ok ? paint.bold('OK') : paint.red('Failed')}: ${summarize(all)} in ${files.length} plan${files.length === 1 ? '' : 's'}.\n`);
    }
    return hasErrors(all) ? EXIT.usage : EXIT.ok;
}
//# sourceMappingURL=check.js.map