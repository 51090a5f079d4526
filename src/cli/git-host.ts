import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { type FileHost, isInside } from '../load/host.js';
import { UsageError } from './errors.js';

/** Files at a git revision, and whether a path exists there at all. */
export interface GitHost extends FileHost {
  /** False when the path did not exist at the revision (a plan added since): a missing file, not an error. */
  has(path: string): Promise<boolean>;
}

/** The status and first line of what git said, for a command that may fail. */
function run(args: string[]): { status: number; stdout: Buffer; message: string } {
  try {
    const stdout = execFileSync('git', args, { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
    return { status: 0, stdout, message: '' };
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { status?: number | null; stderr?: Buffer };
    if (err.code === 'ENOENT') throw new UsageError('--against needs git, and git is not installed here (or not on PATH).');
    const message = (err.stderr?.toString() ?? '').trim().split('\n')[0]!.replace(/^fatal: /, '');
    return { status: err.status ?? -1, stdout: Buffer.alloc(0), message };
  }
}

/**
 * Files as they are at a git revision, read with git itself (`git show <ref>:<path>`), so a
 * plan and its imports can be compared with the working copy without checking anything out.
 * Not being in a repository, or a revision that is not there, is a usage error (exit 2).
 */
export function gitHost(ref: string): GitHost {
  const toplevel = run(['rev-parse', '--show-toplevel']);
  if (toplevel.status !== 0) {
    throw new UsageError(`--against ${ref}: this directory is not in a git repository; run trackplan diff inside the checkout.`);
  }
  if (run(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).status !== 0) {
    throw new UsageError(`--against ${ref}: no such revision here (a typo, or a ref not fetched yet: in CI, fetch it first).`);
  }
  const top = realpathSync(toplevel.stdout.toString().trim());
  const realCwd = realpathSync(process.cwd());
  // The loader asks by paths relative to where it runs (as users type them), or by real,
  // absolute ones; git's tree is addressed from its top.
  const treePath = (path: string) => relative(top, resolve(realCwd, path)).split(sep).join('/');
  const outside = (at: string) => at === '..' || at.startsWith('../') || isAbsolute(at);
  const spec = (path: string) => `${ref}:${treePath(path)}`;
  const missing = (path: string) => Object.assign(new Error(`${path} does not exist at ${ref}`), { code: 'ENOENT' });

  /** The tree entry at a path, from `git ls-tree -l` (mode, type, size), or undefined. */
  const entry = (path: string): { mode: string; type: string; size: number } | undefined => {
    const at = treePath(path);
    if (at === '') return { mode: '040000', type: 'tree', size: 0 };
    if (outside(at)) return undefined;
    const r = run(['ls-tree', '-l', '--full-tree', ref, '--', at]);
    const m = /^(\d+) (\w+) \w+\s+(\d+|-)\t/.exec(r.stdout.toString());
    return m ? { mode: m[1]!, type: m[2]!, size: Number(m[3]) || 0 } : undefined;
  };
  return {
    async has(path) {
      if (outside(treePath(path))) throw new UsageError(`--against ${ref}: ${path} is outside the repository (${top}).`);
      // Through links as the loader will read it (`plans` may be a committed link to a folder).
      const real = await this.realpath!(path).catch(() => undefined);
      return real !== undefined && entry(real)?.type === 'blob';
    },
    async readFile(path) {
      const r = run(['show', spec(path)]);
      if (r.status !== 0) throw missing(path);
      return r.stdout;
    },
    async stat(path) {
      const e = entry(path);
      if (!e) throw missing(path);
      // A committed symbolic link (mode 120000) is a blob holding its target: not a plan.
      return { kind: e.mode === '120000' ? 'other' : e.type === 'blob' ? 'file' : e.type === 'tree' ? 'directory' : 'other', size: e.size };
    },
    // git never follows the links it stores; resolve them here as the file system would, one
    // name at a time (`..` after a link goes up from where the link led), so imports are
    // confined at a revision exactly as in the working copy (a committed
    // `env.yaml -> /proc/self/environ` leads out in both).
    async realpath(path) {
      let at = top;
      const todo = relative(top, resolve(realCwd, path)).split(sep).filter((p) => p !== '' && p !== '.');
      if (todo[0] === '..') return resolve(realCwd, path); // outside the repository: for the caller to refuse
      for (let hops = 0; todo.length > 0; ) {
        const name = todo.shift()!;
        if (name === '..') {
          at = dirname(at);
          continue;
        }
        const next = join(at, name);
        // Out of the work tree there is nothing of the revision to follow: where it leads is the answer.
        if (!isInside(top, next)) return join(next, ...todo);
        const e = entry(next);
        if (e === undefined) throw missing(path);
        if (e.mode !== '120000') {
          at = next;
          continue;
        }
        if (++hops > 40) throw Object.assign(new Error(`${path}: too many levels of symbolic links at ${ref}`), { code: 'ELOOP' });
        const target = run(['show', spec(next)]).stdout.toString();
        todo.unshift(...target.split('/').filter((p) => p !== '' && p !== '.'));
        if (isAbsolute(target)) at = '/';
      }
      return at;
    },
    exists: async (path) => entry(path) !== undefined,
    workTree: async () => top,
    projectRoot: async () => top,
  };
}
