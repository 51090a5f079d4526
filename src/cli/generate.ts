import { resolve } from 'node:path';
import { CLIENT_FILES, GenerateError, generateClient, GENERATED_MARK, regenerateCommand, type ValidateMode } from '../codegen/generate.js';
import { type Client, CLIENTS, TemplateError } from '../codegen/templates.js';
import type { GenerateTarget } from '../config/config.js';
import { gitWorkTreeOf, projectPath } from '../load/host.js';
import { loadPlan } from '../load/load-plan.js';
import { formatDiagnostics, summarize } from '../report/diagnostics-text.js';
import { readConfig } from './config-file.js';
import { EXIT, InputError, UsageError } from './errors.js';
import { applyOutput, leftoversNote, ownedByHeader, planOutput, refuseForeign, staleLines } from './output-dir.js';
import { paintFor } from './terminal.js';
import { loadTemplates } from './templates-dir.js';

export interface GenerateCliOptions {
  out?: string;
  client?: string;
  validate?: string;
  templates?: string;
  check?: boolean;
  force?: boolean;
}

const VALIDATE_MODES: readonly ValidateMode[] = ['dev', 'always', 'never'];

/**
 * `trackplan generate [plan] --out <dir>`: a typed client per target. With no plan, the
 * targets of `trackplan.config.yaml`; flags given on the command line override the file.
 */
export async function runGenerate(planArg: string | undefined, opts: GenerateCliOptions): Promise<number> {
  // json-schema-to-typescript (which types raw fragments) prints its debug log to stdout
  // whenever VERBOSE is set; what `generate` prints must stay its own.
  delete process.env['VERBOSE'];
  const found = await readConfig();
  const configured = found?.config.generate ?? [];
  let targets: GenerateTarget[];
  if (planArg !== undefined) {
    // Every configured target of this plan (a web and a server client often share one), or
    // with --out the one writing there.
    const entries = configured.filter((t) => resolve(t.plan) === resolve(planArg));
    if (opts.out === undefined && entries.length > 0) targets = entries.map((t) => ({ ...t, plan: planArg }));
    else {
      if (opts.out === undefined) throw new UsageError(`Missing --out <dir>: where to write the client for ${planArg}.`);
      const entry = entries.find((t) => resolve(t.out) === resolve(opts.out!)) ?? (entries.length === 1 ? entries[0] : undefined);
      targets = [{ ...entry, plan: planArg, out: opts.out }];
    }
  } else {
    if (configured.length === 0) {
      throw new UsageError('Nothing to generate: give a plan (`trackplan generate plans/web.yaml --out src/analytics`) or add `generate:` to trackplan.config.yaml.');
    }
    if (opts.out && configured.length > 1) throw new UsageError('--out applies to one target; trackplan.config.yaml lists several. Give the plan too.');
    targets = configured.map((t) => ({ ...t, ...(opts.out ? { out: opts.out } : {}) }));
  }

  let drift = 0;
  for (const t of targets) {
    const client = (opts.client ?? t.client ?? 'analytics-next') as Client;
    const validate = (opts.validate ?? t.validate ?? 'dev') as ValidateMode;
    if (!CLIENTS.includes(client)) throw new UsageError(`Unknown client "${client}". Use ${CLIENTS.join(', ')}.`);
    if (!VALIDATE_MODES.includes(validate)) throw new UsageError(`Unknown --validate "${validate}". Use ${VALIDATE_MODES.join(', ')}.`);
    drift += await generateTarget({ ...t, client, validate, ...(opts.templates ? { templates: opts.templates } : {}) }, opts);
  }
  return drift > 0 ? EXIT.findings : EXIT.ok;
}

async function generateTarget(t: Required<Pick<GenerateTarget, 'plan' | 'out' | 'client' | 'validate'>> & GenerateTarget, opts: GenerateCliOptions): Promise<number> {
  const loaded = await loadPlan(t.plan);
  process.stderr.write(formatDiagnostics(loaded.diagnostics, { paint: paintFor(process.stderr), ...(process.stderr.isTTY ? { sources: loaded.sources } : {}) }));
  if (!loaded.plan) throw new InputError(`${t.plan} has ${summarize(loaded.diagnostics)}; fix them (see \`trackplan check ${t.plan}\`) before generating.`);
  // The header names paths from the project root, so it is the same however they were spelt
  // and wherever the command ran: `generate --check` compares code, not spellings.
  const root = await gitWorkTreeOf(t.plan);
  const planFile = await projectPath(root, t.plan);
  const out = await projectPath(root, t.out);
  const templates = t.templates === undefined ? undefined : await projectPath(root, t.templates);
  const command = regenerateCommand({ plan: planFile, out, client: t.client, validate: t.validate, ...(templates ? { templates } : {}) });
  let files;
  try {
    files = await generateClient(loaded.plan, { client: t.client, validate: t.validate, templates: await loadTemplates(t.templates), planFile, command });
  } catch (e) {
    if (e instanceof TemplateError) throw new InputError(e.message);
    if (e instanceof GenerateError) throw new InputError(`${t.plan}: ${e.message}`);
    throw e;
  }
  const plan = await planOutput(t.out, files, ownedByHeader(t.out, '.ts', GENERATED_MARK, CLIENT_FILES));
  const paint = paintFor(process.stdout);
  if (opts.check) {
    const lines = staleLines(plan);
    if (lines.length === 0) {
      process.stdout.write(`${paint.bold('OK')}: ${t.out} is up to date with ${t.plan}.\n`);
      return 0;
    }
    process.stdout.write(lines.map((l) => `  ${l}\n`).join(''));
    process.stdout.write(`${paint.red('Stale')}: ${t.out} differs from what \`${command}\` would write. Run it and commit the result.\n`);
    return lines.length;
  }
  refuseForeign(t.out, plan, opts.force);
  // index.ts last: the entry point never imports a file that is not there yet. Each file
  // carries its own mark of ownership, so no journal is needed.
  await applyOutput(t.out, files, plan, { last: 'index.ts' });
  process.stdout.write(`${paint.bold('Generated')} ${t.client} client for ${t.plan} → ${t.out} (${plan.added.length} added, ${plan.changed.length + plan.foreign.length} changed, ${plan.stale.length} removed, ${plan.unchanged.length} unchanged${leftoversNote(plan.leftovers)}).\n`);
  return 0;
}
