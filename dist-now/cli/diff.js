import { diffPlans } from '../diff/diff.js';
import { loadPlan } from '../load/load-plan.js';
import { formatDiagnostics, summarize } from '../report/diagnostics-text.js';
import { diffJson, diffMarkdown, diffPretty } from '../report/diff-report.js';
import { EXIT, InputError, UsageError } from './errors.js';
import { gitHost } from './git-host.js';
import { paintFor } from './terminal.js';
/** `trackplan diff <base> <head>` or `trackplan diff <plan> --against <ref>`: 0 safe, 1 breaking without a major bump. */
export async function runDiff(files, opts) {
    let baseFile;
    let headFile;
    if (opts.against !== undefined) {
        if (files.length !== 1)
            throw new UsageError('With --against, give one plan: `trackplan diff plans/web.yaml --against origin/main`.');
        baseFile = headFile = files[0];
    }
    else {
        if (files.length !== 2)
            throw new UsageError('Give the base and the head plan (`trackplan diff old.yaml new.yaml`), or one plan and --against <git-ref>.');
        [baseFile, headFile] = files;
    }
    const base = await loadPlan(baseFile, opts.against !== undefined ? { host: gitHost(opts.against) } : {});
    const head = await loadPlan(headFile);
    for (const [label, loaded, file] of [[opts.against ? `${opts.against}:` : '', base, baseFile], ['', head, headFile]]) {
        if (!loaded.plan) {
            process.stderr.write(formatDiagnostics(loaded.diagnostics, { paint: paintFor(process.stderr) }));
            throw new InputError(`${label}${file} has ${summarize(loaded.diagnostics)}; diff compares plans that pass check.`);
        }
    }
    const result = diffPlans(base.plan, head.plan, base.locate, head.locate);
    const allow = opts.allowBreaking === true;
    if (opts.format === 'json')
        process.stdout.write(diffJson(result, allow));
    else if (opts.format === 'markdown')
        process.stdout.write(diffMarkdown(result, allow));
    else
        process.stdout.write(diffPretty(result, allow, paintFor(process.stdout)));
    return result.breaking > 0 && !result.version.ok && !allow ? EXIT.findings : EXIT.ok;
}
//# sourceMappingURL=diff.js.map