import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize, resolve } from 'node:path';

/** How the loader reads files: the real file system by default, anything in tests or editors. */
export interface FileHost {
  /** The bytes of a file; rejects with a Node-style `code` (ENOENT, EISDIR, EACCES) on failure. */
  readFile(path: string): Promise<Uint8Array>;
}

export const nodeHost: FileHost = { readFile: (path) => readFile(path) };

/** The display path of an import, relative like the importing file's, and a key that identifies the file. */
export function resolveImport(fromFile: string, spec: string): { file: string; key: string } {
  const file = isAbsolute(spec) ? normalize(spec) : join(dirname(fromFile), spec);
  return { file, key: resolve(file) };
}
