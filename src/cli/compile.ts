import { Ajv2020 } from 'ajv/dist/2020.js';
import { compilePlan, type GeneratedFile, MANIFEST_COMMENT, MANIFEST_FILE, type Manifest } from '../compile/compile-plan.js';
import type { Draft } from '../compile/shape-schema.js';
import { loadPlan } from '../load/load-plan.js';
import { formatDiagnostics, summarize } from '../report/diagnostics-text.js';
import { EXIT, InputError, UsageError } from './errors.js';
import { applyOutput, leftoversNote, ownedByManifest, planOutput, refuseForeign, staleLines } from './output-dir.js';
import { paintFor } from './terminal.js';

export interface CompileCliOptions {
  out?: string;
  draft: string;
  check?: boolean;
  force?: boolean;
}

const DRAFTS: Record<string, Draft> = { '07': 'draft-07', '2020-12': '2020-12' };
/** Only files shaped like ours may be replaced or removed on the manifest's word. */
const OWNED = /^(?:(?:track|page|screen)\/[a-z0-9-]+\.json|identify\.json|group\.json)$/;

/** `trackplan compile <plan> --out <dir>`: JSON Schema per message; `--check` exits 1 when stale. */
export async function runCompile(file: string, opts: CompileCliOptions): Promise<number> {
  if (!opts.out) throw new UsageError('Missing --out <dir>: the folder to write the schemas to.');
  const draft = DRAFTS[opts.draft];
  if (!draft) throw new UsageError(`Unknown --draft "${opts.draft}". Use 07 (default) or 2020-12.`);
  const loaded = await loadPlan(file);
  const err = paintFor(process.stderr);
  process.stderr.write(formatDiagnostics(loaded.diagnostics, { paint: err, ...(process.stderr.isTTY ? { sources: loaded.sources } : {}) }));
  if (!loaded.plan) throw new InputError(`${file} has ${summarize(loaded.diagnostics)}; fix them (see \`trackplan check ${file}\`) before compiling.`);

  const files = compilePlan(loaded.plan, { draft });
  if (draft === '2020-12') checkDraft2020(files);
  const listOwned = (text: string) => {
    const m = JSON.parse(text) as Partial<Manifest>;
    if (m.$comment !== MANIFEST_COMMENT || !Array.isArray(m.messages)) return undefined;
    return m.messages.map((e) => String(e?.file));
  };
  const plan = await planOutput(opts.out, files, ownedByManifest(opts.out, MANIFEST_FILE, OWNED, listOwned));
  const out = paintFor(process.stdout);

  if (opts.check) {
    const drift = staleLines(plan);
    if (drift.length === 0) {
      process.stdout.write(`${out.bold('OK')}: ${opts.out} is up to date with ${file} (${files.length} files).\n`);
      return EXIT.ok;
    }
    process.stdout.write(drift.map((l) => `  ${l}\n`).join(''));
    process.stdout.write(`${out.red('Stale')}: ${opts.out} differs from what \`trackplan compile ${file} --out ${opts.out}\` would write (${drift.length} file${drift.length === 1 ? '' : 's'}). Run it and commit the result.\n`);
    return EXIT.findings;
  }
  refuseForeign(opts.out, plan, opts.force);
  // The manifest last, so that it never lists a file not written yet; a journal in its place
  // meanwhile, so that a run killed halfway still owns the files it wrote or had to remove.
  const journal = (paths: readonly string[]) => `${JSON.stringify({ $comment: MANIFEST_COMMENT, messages: paths.map((p) => ({ file: p })) })}\n`;
  await applyOutput(opts.out, files, plan, { last: MANIFEST_FILE, journal });
  process.stdout.write(
    `${out.bold('Compiled')} ${file} → ${opts.out}: ${files.length - 1} schema${files.length === 2 ? '' : 's'} + ${MANIFEST_FILE} (${plan.added.length} added, ${plan.changed.length + plan.foreign.length} changed, ${plan.stale.length} removed, ${plan.unchanged.length} unchanged${leftoversNote(plan.leftovers)}).\n`,
  );
  return EXIT.ok;
}

/**
 * Raw `schema:` fragments are checked as draft-07 (the plan format's dialect) and copied as
 * they are; a draft-07-only form (a tuple `items: [...]`) is not valid 2020-12. Say so rather
 * than write a schema no 2020-12 validator accepts.
 */
function checkDraft2020(files: readonly GeneratedFile[]): void {
  const ajv = new Ajv2020({ strict: false, logger: false });
  for (const f of files) {
    if (f.path === MANIFEST_FILE) continue;
    if (!ajv.validateSchema(JSON.parse(f.contents))) {
      throw new InputError(`${f.path} would not be valid JSON Schema 2020-12 (${ajv.errorsText(ajv.errors)}): a raw \`schema:\` fragment uses a draft-07-only form. Use --draft 07, or write the fragment with keywords both drafts share.`);
    }
  }
}
