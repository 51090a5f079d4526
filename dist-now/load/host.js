import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize, resolve } from 'node:path';
export const nodeHost = {
    readFile: (path) => readFile(path),
    stat: async (path) => {
        const s = await stat(path);
        return { kind: s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other', size: s.size };
    },
};
/** Larger than any real plan; a file this big is a mistake (or a device), not a plan. */
export const MAX_PLAN_BYTES = 32 * 1024 * 1024;
/** The display path of an import, relative like the importing file's, and a key that identifies the file. */
export function resolveImport(fromFile, spec) {
    const file = isAbsolute(spec) ? normalize(spec) : join(dirname(fromFile), spec);
    return { file, key: resolve(file) };
}
//# sourceMappingURL=host.js.map