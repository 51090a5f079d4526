import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize, resolve } from 'node:path';

/** How the loader reads files: the real file system by default, anything in tests or editors. */
export interface FileHost {
  /** The bytes of a file; rejects with a Node-style `code` (ENOENT, EISDIR, EACCES) on failure. */
  readFile(path: string): Promise<Uint8Array>;
  /** Whether the path is a regular file, and its size; lets the loader refuse devices and pipes before reading. */
  stat?(path: string): Promise<{ kind: 'file' | 'directory' | 'other'; size: number }>;
}

export const nodeHost: FileHost = {
  readFile: (path) => readFile(path),
  stat: async (path) => {
    const s = await stat(path);
    return { kind: s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other', size: s.size };
  },
};

/** Larger than any real plan; a file this big is a mistake (or a device), not a plan. */
export const MAX_PLAN_BYTES = 32 * 1024 * 1024;

/** The display path of an import, relative like the importing file's, and a key that identifies the file. */
export function resolveImport(fromFile: string, spec: string): { file: string; key: string } {
  const file = isAbsolute(spec) ? normalize(spec) : join(dirname(fromFile), spec);
  return { file, key: resolve(file) };
}
