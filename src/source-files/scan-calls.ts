import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GENERATED_MARK } from '../codegen/generate.js';
import { type FileCalls, findCalls } from '../status/find-calls.js';

/**
 * Read and parse each file (paths relative to `cwd`) for the calls `status` counts. Files that
 * `trackplan generate` wrote are left out: the client calls the SDK itself, by design.
 */
export async function scanCalls(cwd: string, files: readonly string[], functions: ReadonlySet<string>): Promise<Map<string, FileCalls>> {
  const out = new Map<string, FileCalls>();
  for (const file of files) {
    const text = await readFile(join(cwd, file), 'utf8');
    if (text.replace(/^\uFEFF/, '').startsWith(GENERATED_MARK)) continue;
    out.set(file, findCalls(file, text, functions));
  }
  return out;
}
