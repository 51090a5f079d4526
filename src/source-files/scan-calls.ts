import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { GENERATED_MARK } from '../codegen/generate.js';
import { type FileCalls, findCalls } from '../status/find-calls.js';

/** Larger files are not parsed: a syntax tree takes about 80 times the text's size in memory (a 15 MB bundle, 1.2 GB). */
export const MAX_SOURCE_BYTES = 5 * 1024 * 1024;

/**
 * Read and parse each file (paths relative to `cwd`) for the calls `status` counts. Files that
 * `trackplan generate` wrote are left out: the client calls the SDK itself, by design.
 */
export async function scanCalls(cwd: string, files: readonly string[], functions: ReadonlySet<string>): Promise<Map<string, FileCalls>> {
  const out = new Map<string, FileCalls>();
  for (const file of files) {
    let text: string;
    try {
      // A link to a folder, or a link loop, that git lists by name: not a file to read.
      const st = await stat(join(cwd, file));
      if (!st.isFile()) continue;
      if (st.size > MAX_SOURCE_BYTES) {
        out.set(file, { error: { message: `${(st.size / 1024 / 1024).toFixed(1)} MB is larger than the ${MAX_SOURCE_BYTES / 1024 / 1024} MB status reads: a bundle or generated file? Leave it out of the paths or .gitignore it`, at: { line: 1, col: 1 } } });
        continue;
      }
      text = await readFile(join(cwd, file), 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ELOOP') continue; // gone since listed, or a link loop
      out.set(file, { error: { message: `it cannot be read: ${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (e as Error).message}`, at: { line: 1, col: 1 } } });
      continue;
    }
    if (text.replace(/^\uFEFF/, '').startsWith(GENERATED_MARK)) continue;
    out.set(file, findCalls(file, text, functions));
  }
  return out;
}
