import { mkdir } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { whyUnwritable, writeReport } from '../output/report-files.js';
import { present } from '../load/host.js';
import { specText } from './spec-arg.js';
import { starterPlan } from '../specs/starter.js';
import { EXIT, InputError, UsageError } from './errors.js';
import { paintFor } from './terminal.js';

export interface InitOptions {
  from?: string;
  name?: string;
  force?: boolean;
}

const SCHEMA = fileURLToPath(new URL('../../schema/trackplan.schema.json', import.meta.url));

/** `trackplan init [plan.yaml] [--from segment/ecommerce]`: write a first plan, never over one. */
export async function runInit(file: string | undefined, opts: InitOptions): Promise<number> {
  const out = file ?? 'tracking-plan.yaml';
  if (!['.yaml', '.yml'].includes(extname(out))) throw new UsageError(`${out}: a plan file ends in .yaml or .yml.`);
  let from: { spec: string; text: string } | undefined;
  if (opts.from !== undefined) {
    from = { spec: opts.from, text: await specText(opts.from) };
  }
  const name = opts.name ?? basename(out, extname(out));
  if (name.trim() === '') throw new UsageError('--name is empty; give the plan a name.');
  // A link at the path counts as something there: it is never followed nor replaced unasked.
  const there = await present(out);
  if (there && !opts.force) throw new InputError(`${out} exists; trackplan will not overwrite it. Choose another file, or pass --force.`);
  const schemaPath = relative(dirname(join(process.cwd(), out)), SCHEMA).split(sep).join('/');
  const text = starterPlan({ name, schemaPath, ...(from ? { from } : {}) });
  await writeWhole(out, text);
  const paint = paintFor(process.stdout);
  process.stdout.write(`${paint.bold('Wrote')} ${out}${from ? ` from ${from.spec}` : ''}. Next: \`npx trackplan check ${out}\`${from ? `, and \`npx trackplan diff ${from.spec} ${out}\` to list what you tightened` : ''}.\n`);
  return EXIT.ok;
}

/** The whole file or nothing (a link at the path is replaced, never written through). */
async function writeWhole(out: string, text: string): Promise<void> {
  try {
    await mkdir(dirname(out), { recursive: true });
    await writeReport(out, text);
  } catch (e) {
    throw new InputError(`Cannot write ${out}: ${whyUnwritable(e)}.`);
  }
}
