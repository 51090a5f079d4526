import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { InputError } from './errors.js';
/**
 * Compare generated files with a folder. `owned` says which existing files an earlier run of
 * the same command wrote: only those may be replaced or removed without `--force`.
 */
export async function planOutput(dir, files, owned) {
    const existingList = await listFiles(dir);
    const existing = new Set(existingList);
    const ownedSet = await owned(existingList);
    const result = { added: [], changed: [], unchanged: [], stale: [], foreign: [] };
    const next = new Set(files.map((f) => f.path));
    const current = await inParallel(files, (f) => (existing.has(f.path) ? readFile(join(dir, f.path), 'utf8') : Promise.resolve(undefined)));
    files.forEach((f, i) => {
        const text = current[i];
        if (text === undefined)
            result.added.push(f.path);
        else if (text === f.contents)
            result.unchanged.push(f.path);
        else if (ownedSet.has(f.path))
            result.changed.push(f.path);
        else
            result.foreign.push(f.path);
    });
    for (const p of ownedSet)
        if (!next.has(p) && existing.has(p))
            result.stale.push(p);
    result.stale.sort();
    return result;
}
/** Apply an output plan: write new and changed files atomically, remove stale ones we own. */
export async function applyOutput(dir, files, plan) {
    const write = new Set([...plan.added, ...plan.changed, ...plan.foreign]);
    const todo = files.filter((f) => write.has(f.path));
    try {
        for (const folder of new Set(todo.map((f) => dirname(join(dir, f.path)))))
            await ensureDir(folder);
        await inParallel(todo, async (f) => {
            const target = join(dir, f.path);
            // Write then rename: a reader never sees half a file, and a link at the target is
            // replaced rather than followed. `wx` and a random name: never write through a planted link.
            const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
            try {
                await writeFile(tmp, f.contents, { flag: 'wx' });
                await rename(tmp, target);
            }
            catch (e) {
                await rm(tmp, { force: true });
                throw e;
            }
        });
        await inParallel(plan.stale, (p) => rm(join(dir, p), { force: true }));
    }
    catch (e) {
        const err = e;
        const at = err.path ?? dir;
        const why = {
            ENOENT: `${at} cannot be created there`,
            EACCES: `permission denied at ${at}`,
            EPERM: `not permitted at ${at}`,
            EROFS: `${at} is on a read-only file system`,
            ENOTDIR: `a file is in the way at ${at}`,
            EEXIST: `a file is in the way at ${at}`,
            EISDIR: `a folder is in the way at ${at}`,
            ENOSPC: 'the disk is full',
        };
        throw new InputError(`Cannot write to ${dir}: ${why[err.code ?? ''] ?? err.message}. Choose another --out, or clear the way.`);
    }
}
/** Files under `dir`, as `/`-separated relative paths. A link inside it is refused outright. */
export async function listFiles(dir) {
    let st;
    try {
        st = await stat(dir); // the folder itself may be a link to a folder
    }
    catch (e) {
        if (e.code === 'ENOENT')
            return [];
        throw new InputError(`Cannot read ${dir}: ${e.message}`);
    }
    if (!st.isDirectory())
        throw new InputError(`--out ${dir} is not a folder. Choose a folder (it is created if missing).`);
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    const link = entries.find((e) => e.isSymbolicLink());
    if (link) {
        // Writing through a link could replace files outside the output folder.
        throw new InputError(`${join(link.parentPath, link.name)} is a symbolic link. trackplan does not write through links; remove it or choose another --out.`);
    }
    return entries
        .filter((e) => e.isFile())
        .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
        .sort();
}
/** Map over items with at most `limit` promises in flight; results keep the input order. */
async function inParallel(items, fn, limit = 32) {
    const out = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const i = next++;
            out[i] = await fn(items[i]);
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return out;
}
/**
 * Ownership by manifest (`compile`): the files the previous manifest lists, if it is ours, and
 * only paths matching `pattern`, so a tampered manifest can never make us delete `../../x`.
 */
export function ownedByManifest(dir, manifestFile, pattern, list) {
    return async (existing) => {
        if (!existing.includes(manifestFile))
            return new Set();
        let listed;
        try {
            listed = list(await readFile(join(dir, manifestFile), 'utf8'));
        }
        catch {
            listed = undefined; // not JSON, or not ours: it owns nothing, not even itself
        }
        return new Set(listed ? [manifestFile, ...listed.filter((p) => pattern.test(p))] : []);
    };
}
/**
 * Ownership by header (`generate`): files of the given extension, directly in the folder
 * (generate writes no subfolders, and another target may live in one), whose first line is
 * our mark.
 */
export function ownedByHeader(dir, extension, mark) {
    return async (existing) => {
        const candidates = existing.filter((p) => p.endsWith(extension) && !p.includes('/'));
        const heads = await inParallel(candidates, async (p) => (await readFile(join(dir, p), 'utf8')).slice(0, mark.length));
        return new Set(candidates.filter((_p, i) => heads[i] === mark));
    };
}
/**
 * `mkdir -p`, one level at a time. Node 20's `mkdir(…, {recursive: true})` never returns for a
 * path under /proc (it retries ENOENT forever); a plain `mkdir` fails at once, as it should.
 */
async function ensureDir(dir) {
    try {
        if ((await stat(dir)).isDirectory())
            return;
    }
    catch (e) {
        if (e.code !== 'ENOENT')
            throw e;
    }
    const parent = dirname(dir);
    if (parent !== dir)
        await ensureDir(parent);
    try {
        await mkdir(dir);
    }
    catch (e) {
        if (e.code !== 'EEXIST')
            throw e;
    }
}
//# sourceMappingURL=output-dir.js.map