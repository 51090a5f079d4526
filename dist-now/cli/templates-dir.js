import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from './errors.js';
/** The templates shipped in the package. */
export const DEFAULT_TEMPLATES = fileURLToPath(new URL('../../templates/', import.meta.url));
/**
 * The shipped templates, overlaid file by file with those in `userDir`: a team copies only the
 * templates it changes, and picks up fixes to the others on upgrade.
 */
export async function loadTemplates(userDir) {
    const out = { ...(await readTemplateDir(DEFAULT_TEMPLATES)) };
    if (userDir !== undefined) {
        const own = await readTemplateDir(userDir).catch((e) => {
            throw new InputError(`Cannot read --templates ${userDir}: ${e.code === 'ENOENT' ? 'no such folder' : e.message}.`);
        });
        if (Object.keys(own).length === 0)
            throw new InputError(`--templates ${userDir} has no *.tpl files (expected e.g. analytics-node/track.ts.tpl).`);
        // A misspelt file would be ignored without a word; name it instead.
        const unknown = Object.keys(own).filter((k) => !(k in out));
        if (unknown.length > 0)
            throw new InputError(`--templates ${userDir}: ${unknown.join(', ')} ${unknown.length === 1 ? 'is not a template' : 'are not templates'} trackplan uses. Templates are named like those in ${DEFAULT_TEMPLATES} (e.g. analytics-node/track.ts.tpl).`);
        Object.assign(out, own);
    }
    return out;
}
async function readTemplateDir(dir) {
    const out = {};
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    for (const e of entries) {
        if (!e.isFile() || !e.name.endsWith('.tpl'))
            continue;
        const rel = join(e.parentPath, e.name).slice(dir.replace(/\/?$/, '/').length).split('\\').join('/');
        out[rel] = await readFile(join(e.parentPath, e.name), 'utf8');
    }
    return out;
}
//# sourceMappingURL=templates-dir.js.map