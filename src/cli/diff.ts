import { againstSpec, diffPlans } from '../diff/diff.js';
import { emptyPlanLike } from '../diff/empty-plan.js';
import { loadPlan } from '../load/load-plan.js';
import { isSpecName } from '../specs/bundled.js';
import { specText as textOfSpec } from './spec-arg.js';
import { formatDiagnostics, summarize } from '../report/diagnostics-text.js';
import { diffJson, diffMarkdown, diffPretty } from '../report/diff-report.js';
import { EXIT, InputError, UsageError } from './errors.js';
import { gitHost } from './git-host.js';
import { paintFor } from './terminal.js';

export interface DiffCliOptions {
  against?: string;
  format: string;
  allowBreaking?: boolean;
}

/** `trackplan diff <base> <head>` or `trackplan diff <plan> --against <ref>`: 0 safe, 1 breaking without a major bump. */
export async function runDiff(files: string[], opts: DiffCliOptions): Promise<number> {
  let baseFile: string;
  let headFile: string;
  if (opts.against !== undefined) {
    if (files.length !== 1) throw new UsageError('With --against, give one plan: `trackplan diff plans/web.yaml --against origin/main`.');
    baseFile = headFile = files[0]!;
  } else {
    if (files.length !== 2) throw new UsageError('Give the base and the head plan (`trackplan diff old.yaml new.yaml`), or one plan and --against <git-ref>.');
    [baseFile, headFile] = files as [string, string];
  }
  // `segment/ecommerce` as the base: the bundled spec (a plan file ends in .yaml), to list what
  // a plan started from it tightened.
  const spec = opts.against === undefined && isSpecName(baseFile) ? baseFile : undefined;
  let specText: string | undefined;
  if (spec !== undefined) {
    specText = await textOfSpec(spec);
  }
  const git = opts.against !== undefined ? gitHost(opts.against) : undefined;
  // A plan added since the revision is compared with an empty plan: everything is an addition.
  const isNew = git !== undefined && !(await git.has(baseFile));
  // The spec is read from the package and shown by its name (`segment/ecommerce.yaml:23:1`).
  const base = isNew ? undefined : await loadPlan(spec !== undefined ? `${spec}.yaml` : baseFile, git ? { host: git } : specText !== undefined ? { text: specText } : {});
  const head = await loadPlan(headFile);
  for (const [label, loaded, file] of [[opts.against ? `${opts.against}:` : '', base, baseFile], ['', head, headFile]] as const) {
    if (loaded && !loaded.plan) {
      process.stderr.write(formatDiagnostics(loaded.diagnostics, { paint: paintFor(process.stderr) }));
      throw new InputError(`${label}${file} has ${summarize(loaded.diagnostics)}; diff compares plans that pass check.`);
    }
  }
  if (isNew) process.stderr.write(`trackplan: ${baseFile} does not exist at ${opts.against}: compared with an empty plan.\n`);
  const compared = isNew ? diffPlans(emptyPlanLike(head.plan!), head.plan!, () => undefined, head.locate) : diffPlans(base!.plan!, head.plan!, base!.locate, head.locate);
  const result = spec !== undefined ? againstSpec(compared, spec) : compared;
  const allow = opts.allowBreaking === true;
  if (opts.format === 'json') process.stdout.write(diffJson(result, allow));
  else if (opts.format === 'markdown') process.stdout.write(diffMarkdown(result, allow));
  else process.stdout.write(diffPretty(result, allow, paintFor(process.stdout)));
  return result.breaking > 0 && !result.version.ok && !allow ? EXIT.findings : EXIT.ok;
}
