import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { diffPlans } from '../diff/diff.js';
import { emptyPlanLike } from '../diff/empty-plan.js';
import { gitWorkTreeOf } from '../load/host.js';
import { loadPlan } from '../load/load-plan.js';
import { buildSite, SITE_MANIFEST, SITE_MANIFEST_COMMENT, SITE_OWNED, type SitePlan } from '../pages/site.js';
import { formatDiagnostics, summarize } from '../report/diagnostics-text.js';
import { EXIT, InputError, UsageError } from './errors.js';
import { gitHost } from './git-host.js';
import { applyOutput, leftoversNote, ownedByManifest, planOutput, refuseForeign, staleLines } from './output-dir.js';
import { paintFor } from './terminal.js';

export interface DocsCliOptions {
  out?: string;
  since?: string;
  repoUrl?: string;
  check?: boolean;
  force?: boolean;
}

/** `trackplan docs <plan...> --out <dir>`: a static site of the plans; `--check` exits 1 when stale. */
export async function runDocs(given: string[], opts: DocsCliOptions): Promise<number> {
  // A plan named twice (`plan.yaml ./plan.yaml`, a shell glob) is one plan of the site.
  const files = given.filter((f, i) => given.findIndex((g) => resolve(g) === resolve(f)) === i);
  if (!opts.out) throw new UsageError('Missing --out <dir>: the folder to write the site to.');
  if (opts.repoUrl !== undefined && !/^https?:\/\/[^\s"'<>]+$/i.test(opts.repoUrl)) {
    throw new UsageError(`--repo-url must be an http(s) address such as https://github.com/acme/plans/blob/main, not "${opts.repoUrl}".`);
  }
  // The git work tree of the current folder, where --repo-url paths start (the folder itself outside one).
  const top = await gitWorkTreeOf(join(process.cwd(), 'any'));
  const displayPath = (file: string) => {
    const rel = relative(top, resolve(file));
    return (rel.startsWith('..') || isAbsolute(rel) ? resolve(file) : rel).split(sep).join('/');
  };
  const plans: SitePlan[] = [];
  for (const file of files) {
    const loaded = await loadPlan(file);
    if (!loaded.plan) {
      process.stderr.write(formatDiagnostics(loaded.diagnostics, { paint: paintFor(process.stderr) }));
      throw new InputError(`${file} has ${summarize(loaded.diagnostics)}; fix them (see \`trackplan check ${file}\`) before writing its docs.`);
    }
    const sp: SitePlan = { plan: loaded.plan, locate: loaded.locate };
    if (opts.since !== undefined) sp.changes = await changesSince(file, opts.since, loaded);
    plans.push(sp);
  }
  const site = await buildSite(plans, { displayPath, ...(opts.repoUrl !== undefined ? { repoUrl: opts.repoUrl } : {}) });
  const listOwned = (text: string) => {
    const m = JSON.parse(text) as { $comment?: unknown; files?: unknown };
    if (m.$comment !== SITE_MANIFEST_COMMENT || !Array.isArray(m.files)) return undefined;
    return m.files.map((f) => String(f));
  };
  const plan = await planOutput(opts.out, site, ownedByManifest(opts.out, SITE_MANIFEST, SITE_OWNED, listOwned));
  const out = paintFor(process.stdout);
  const bytes = site.reduce((n, f) => n + Buffer.byteLength(f.contents), 0);
  if (opts.check) {
    const drift = staleLines(plan);
    if (drift.length === 0) {
      process.stdout.write(`${out.bold('OK')}: ${opts.out} is up to date with ${files.join(', ')} (${site.length} files).\n`);
      return EXIT.ok;
    }
    process.stdout.write(drift.map((l) => `  ${l}\n`).join(''));
    process.stdout.write(`${out.red('Stale')}: ${opts.out} differs from what \`trackplan docs\` would write (${drift.length} file${drift.length === 1 ? '' : 's'}). Run it without --check and commit the result.\n`);
    return EXIT.findings;
  }
  refuseForeign(opts.out, plan, opts.force);
  const journal = (paths: readonly string[]) => `${JSON.stringify({ $comment: SITE_MANIFEST_COMMENT, files: paths })}\n`;
  await applyOutput(opts.out, site, plan, { last: SITE_MANIFEST, journal });
  process.stdout.write(
    `${out.bold('Wrote')} the docs site of ${files.join(', ')} → ${opts.out}: ${site.length} files, ${(bytes / 1024).toFixed(0)} KB (${plan.added.length} added, ${plan.changed.length + plan.foreign.length} changed, ${plan.stale.length} removed, ${plan.unchanged.length} unchanged${leftoversNote(plan.leftovers)}). Open ${resolve(opts.out, 'index.html')}\n`,
  );
  return EXIT.ok;
}

/** The plan's `diff` against itself at a git revision, as `trackplan diff --against` computes it. */
async function changesSince(file: string, ref: string, head: Awaited<ReturnType<typeof loadPlan>>): Promise<NonNullable<SitePlan['changes']>> {
  let git;
  try {
    git = gitHost(ref);
  } catch (e) {
    if (e instanceof UsageError) throw new UsageError(e.message.replaceAll('--against', '--since').replace('trackplan diff', 'trackplan docs'));
    throw e;
  }
  const isNew = !(await git.has(file));
  if (isNew) return { since: ref, isNew, result: diffPlans(emptyPlanLike(head.plan!), head.plan!, () => undefined, head.locate) };
  const base = await loadPlan(file, { host: git });
  if (!base.plan) {
    process.stderr.write(formatDiagnostics(base.diagnostics, { paint: paintFor(process.stderr) }));
    throw new InputError(`${ref}:${file} has ${summarize(base.diagnostics)}; --since compares with a revision whose plan passes check.`);
  }
  return { since: ref, isNew, result: diffPlans(base.plan, head.plan!, base.locate, head.locate) };
}

