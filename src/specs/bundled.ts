import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/**
 * Segment's semantic-event specs, shipped as plans in `plans/segment/` of the package and named
 * `segment/<spec>` on the command line (`segment/ecommerce`). A plan file always ends in
 * `.yaml` or `.yml`, so such a name is never a file of the user's.
 */
export const SPEC_DIR = fileURLToPath(new URL('../../plans/segment/', import.meta.url));

const SPEC_NAME = /^segment\/([a-z0-9][a-z0-9-]*)$/;

/** Whether `arg` names a bundled spec rather than a file. */
export function isSpecName(arg: string): boolean {
  return SPEC_NAME.test(arg);
}

/** The bundled specs' names, sorted: `segment/b2b-saas`, `segment/ecommerce`, … */
export async function specNames(): Promise<string[]> {
  const files = await readdir(SPEC_DIR).catch(() => [] as string[]);
  return files.filter((f) => f.endsWith('.yaml')).map((f) => `segment/${f.slice(0, -'.yaml'.length)}`).sort();
}

/** A name that is not a bundled spec, with the ones that are. */
export class UnknownSpec extends Error {
  override name = 'UnknownSpec';
}

/** The text of a bundled spec's plan; `UnknownSpec` when there is no spec of that name. */
export async function readSpec(name: string): Promise<string> {
  const names = await specNames();
  const m = SPEC_NAME.exec(name);
  if (!m || !names.includes(name)) throw new UnknownSpec(`Unknown spec "${name}". Use one of ${names.join(', ')}.`);
  return readFile(`${SPEC_DIR}${m[1]}.yaml`, 'utf8');
}
