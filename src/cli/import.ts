import { readFile } from 'node:fs/promises';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { jsonTooDeep } from '../import/json-depth.js';
import { importSegmentPlan } from '../import/segment.js';
import { loadPlan } from '../load/load-plan.js';
import { MAX_DEPTH, parseYaml, TOO_DEEP_MESSAGE } from '../load/parse-yaml.js';
import { stripBom } from '../load/source-map.js';
import { whyUnwritable, writeReport } from '../output/report-files.js';
import { present } from '../load/host.js';
import { formatDiagnostics } from '../report/diagnostics-text.js';
import { EXIT, InputError, UsageError } from './errors.js';
import { paintFor } from './terminal.js';

export interface ImportOptions {
  out?: string;
  force?: boolean;
  verbose?: boolean;
}

/** `trackplan import segment <plan.json> --out plan.yaml`: a Segment plan as trackplan YAML. */
export async function runImportSegment(file: string, opts: ImportOptions): Promise<number> {
  if (!opts.out) throw new UsageError('Missing --out <plan.yaml>: where to write the converted plan.');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new InputError(`Cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}.`);
  }
  // A BOM (some editors and Windows tools save one) is not part of the JSON.
  const body = stripBom(text);
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (e) {
    const at = /position (\d+)/.exec((e as Error).message);
    const where = at ? lineCol(body, Number(at[1])) : '';
    // V8 names the position, or quotes the text instead (newlines and all): one line either way.
    const why = (e as Error).message.replace(/ in JSON at position \d+.*$/s, '').replace(/, ".*" is not valid JSON$/s, '');
    throw new InputError(`${file}${where}: not valid JSON (${why}). Export the plan again from Segment.`);
  }
  // The same limit and words as a plan's: the converted plan would be as deep.
  const deep = jsonTooDeep(body, MAX_DEPTH);
  if (deep !== undefined) throw new InputError(`${file}${lineCol(body, deep)}: ${TOO_DEEP_MESSAGE} [yaml-too-deep]`);
  let result;
  try {
    result = importSegmentPlan(json, file);
  } catch (e) {
    throw new InputError(`${file}: ${(e as Error).message}.`);
  }
  // A link at --out counts as something there, even one that leads nowhere.
  if (!opts.force && (await present(opts.out))) throw new InputError(`${opts.out} exists; trackplan will not overwrite it. Choose another --out, or pass --force.`);
  try {
    // Whole or not at all; with --force a link at --out is replaced, not written through.
    await writeReport(opts.out, result.yaml);
  } catch (e) {
    throw new InputError(`Cannot write ${opts.out}: ${whyUnwritable(e)}.`);
  }

  // Notes point into the JSON: JSON is YAML, so the plan loader's source map finds them.
  const source = parseYaml(text, file).sourceMap;
  const notes = result.notes.map((n): Diagnostic => {
    const range = source.locate(n.path, 'value');
    return range ? { ...n, range } : n;
  });
  const paint = paintFor(process.stderr);
  process.stderr.write(formatDiagnostics(opts.verbose ? notes : summarise(notes), { paint }));
  const c = result.counts;
  process.stdout.write(`Converted ${file} → ${opts.out}: ${c.events} events, ${c.pages} pages, ${c.screens} screens${c.identify ? ', identify traits' : ''}${c.group ? ', group traits' : ''}; ${notes.length} note${notes.length === 1 ? '' : 's'}${opts.verbose || notes.length === 0 ? '' : ' (--verbose lists them all)'}.\n`);

  // The converted plan must pass `check`; if not, that is ours to fix, and the user must know.
  const check = await loadPlan(opts.out);
  if (!check.plan) {
    process.stderr.write(formatDiagnostics(check.diagnostics, { paint }));
    throw new InputError(`The converted plan ${opts.out} does not pass check; edit it (the errors above say where).`);
  }
  return EXIT.ok;
}

/** Three examples of each kind of note, and a count of the rest. */
function summarise(notes: Diagnostic[]): Diagnostic[] {
  const byCode = new Map<string, Diagnostic[]>();
  for (const n of notes) byCode.set(n.code, [...(byCode.get(n.code) ?? []), n]);
  const out: Diagnostic[] = [];
  for (const [code, list] of byCode) {
    out.push(...list.slice(0, 3));
    if (list.length > 3) out.push({ ...list[0]!, message: `… and ${list.length - 3} more like these.`, code, range: undefined as never });
  }
  return out;
}

function lineCol(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `:${before.length}:${before[before.length - 1]!.length + 1}`;
}

