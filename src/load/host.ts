import { lstat, readFile, realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';

/** How the loader reads files: the real file system by default, anything in tests or editors. */
export interface FileHost {
  /** The bytes of a file; rejects with a Node-style `code` (ENOENT, EISDIR, EACCES) on failure. */
  readFile(path: string): Promise<Uint8Array>;
  /** Whether the path is a regular file, and its size; lets the loader refuse devices and pipes before reading. */
  stat?(path: string): Promise<{ kind: 'file' | 'directory' | 'other'; size: number }>;
  /** The path with every symbolic link resolved; rejects like `readFile` when it does not exist. */
  realpath?(path: string): Promise<string>;
  /**
   * The folder a plan's imports must stay in (absolute, links resolved). Without it, the
   * plan's own folder.
   */
  projectRoot?(file: string): Promise<string>;
  /** Whether anything is at the path, a link included (not followed). */
  exists?(path: string): Promise<boolean>;
  /**
   * The project being worked in: the git work tree holding the current folder (links
   * resolved). A plan named inside it may not lead out of it through a link.
   */
  workTree?(): Promise<string>;
}

export const nodeHost: FileHost = {
  readFile: (path) => readFile(path),
  stat: async (path) => {
    const s = await stat(path);
    return { kind: s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other', size: s.size };
  },
  realpath: (path) => realpath(path),
  projectRoot: (file) => gitWorkTreeOf(file),
  exists: (path) => present(path),
  workTree: () => gitWorkTreeOf(join(process.cwd(), 'x')),
};

/**
 * The git work tree holding `file` (the nearest folder up with a `.git` folder or file, as in
 * worktrees and submodules), or the file's folder when there is none; links resolved. Found by
 * looking rather than by running git: git may be missing, and this runs on every load.
 */
export async function gitWorkTreeOf(file: string): Promise<string> {
  let start: string;
  try {
    start = await realpath(dirname(resolve(file)));
  } catch {
    return resolve(dirname(file));
  }
  for (let dir = start; ; dir = dirname(dir)) {
    if (await exists(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return start;
  }
}

/** Whether anything is at `path`, a link included (not followed: a dangling link is something). */
export function present(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

/** Whether anything (a file, a folder, a live link) is at `path`. */
export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Whether `path` is `root` or inside it (both absolute and normalised). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** Why a file cannot be read, in the words every command uses (`Cannot read x: no such file.`). */
export function whyUnreadable(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return (e as Error).message;
}

/** Larger than any real plan; a file this big is a mistake (or a device), not a plan. */
export const MAX_PLAN_BYTES = 32 * 1024 * 1024;

/** The display path of an import, relative like the importing file's, and a key that identifies the file. */
export function resolveImport(fromFile: string, spec: string): { file: string; key: string } {
  const file = isAbsolute(spec) ? normalize(spec) : join(dirname(fromFile), spec);
  return { file, key: resolve(file) };
}

/** Where a path really is, and whether that is inside the project. */
export interface Placement {
  /** Absolute, with every link resolved as far as the path exists. */
  path: string;
  inside: boolean;
  /** Why it is outside: a symbolic link inside the project leads out, or the path itself does. */
  why?: 'link' | 'path';
}

/**
 * Where `file` really is, and whether that is inside `root` (absolute, links resolved). A path
 * that does not exist yet (an output folder, a missing import) is placed by its nearest
 * existing folder, so a link on the way out is caught all the same.
 */
export async function confine(host: FileHost, root: string, file: string): Promise<Placement> {
  const abs = resolve(file);
  const real = await realOf(host, abs);
  if (isInside(root, real)) return { path: real, inside: true };
  // Outside: through a link when the path as written stays inside (its folder resolved).
  const written = await realOf(host, dirname(abs));
  return { path: real, inside: false, why: isInside(root, join(written, basename(abs))) ? 'link' : 'path' };
}

/** Where a path that cannot be resolved but is there (a link to `/proc/self/fd/7`) is placed: outside any project. */
const UNRESOLVED = resolve('/', '\u0000unresolved');

async function realOf(host: FileHost, abs: string): Promise<string> {
  if (!host.realpath) return abs;
  const tail: string[] = [];
  for (let at = abs; ; at = dirname(at)) {
    try {
      return join(await host.realpath(at), ...tail.reverse());
    } catch {
      // Missing, it is placed by its folder (reading it then says so); there but not
      // resolvable (a link into /proc, a loop), it could still be opened: it is outside.
      if (await host.exists?.(at)) return UNRESOLVED;
      if (dirname(at) === at) return abs;
      tail.push(basename(at));
    }
  }
}

/**
 * The project a plan named on the command line leads out of, if it does: the path as written
 * is inside the project being worked in, but a link takes it elsewhere (a pull request's
 * `plans/web.yaml -> ~/.config/gh/hosts.yml`, run by CI as `trackplan check plans/web.yaml`).
 * A plan named from outside the project is the user's own choice and is read.
 */
export async function leadsOut(host: FileHost, file: string): Promise<string | undefined> {
  if (!host.workTree || !host.realpath) return undefined;
  const work = await host.workTree();
  const cwd = process.cwd();
  const here = await host.realpath(cwd).catch(() => cwd);
  if (!isInside(work, join(here, relative(cwd, resolve(file))))) return undefined;
  return (await confine(host, work, file)).inside ? undefined : work;
}

/**
 * `path` as written, relative to the project `root` (absolute, links resolved), with `/`
 * between folders: the same text whatever the spelling (`./src/x`, `src/x/`, an absolute path)
 * and whichever folder it was named from. Links along the path are kept as written; only the
 * current folder is resolved, as `root` is.
 */
export async function projectPath(root: string, path: string): Promise<string> {
  const cwd = process.cwd();
  const here = await realpath(cwd).catch(() => cwd);
  const rel = relative(root, join(here, relative(cwd, resolve(path))));
  return rel === '' ? '.' : rel.split(sep).join('/');
}
