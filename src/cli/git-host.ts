import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { type FileHost, isInside } from '../load/host.js';
import { InputError } from './errors.js';

/**
 * Files as they are at a git revision, read with git itself (`git show <ref>:./<path>`), so a
 * plan and its imports can be compared with the working copy without checking anything out.
 */
export function gitHost(ref: string): FileHost {
  const realCwd = realpathSync(process.cwd());
  const git = (args: string[]) => execFileSync('git', args, { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  try {
    git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  } catch {
    throw new InputError(`--against ${ref}: not a git revision here (is this a git checkout, and is the ref fetched?).`);
  }
  const top = realpathSync(git(['rev-parse', '--show-toplevel']).toString().trim());
  // The loader asks by paths relative to where it runs, or by real (absolute) ones; git's tree
  // is addressed from its top.
  const treePath = (path: string) => relative(top, resolve(realCwd, path)).split(sep).join('/');
  const spec = (path: string) => `${ref}:${treePath(path)}`;
  /** The tree entry at a path, from `git ls-tree -l` (mode, type, size), or undefined. */
  const entry = (path: string): { mode: string; type: string; size: number } | undefined => {
    const at = treePath(path);
    if (at === '') return { mode: '040000', type: 'tree', size: 0 };
    if (at === '..' || at.startsWith('../') || isAbsolute(at)) return undefined; // outside the repository
    let line = '';
    try {
      line = git(['ls-tree', '-l', '--full-tree', ref, '--', at]).toString().split('\n')[0] ?? '';
    } catch {
      return undefined;
    }
    const m = /^(\d+) (\w+) \w+\s+(\d+|-)\t/.exec(line);
    return m ? { mode: m[1]!, type: m[2]!, size: Number(m[3]) || 0 } : undefined;
  };
  /** The first folder or file on the way to `abs` (from the top of the work tree) that is a link. */
  const firstLink = (abs: string): { at: string; target: string } | undefined => {
    const parts = relative(top, abs).split(sep);
    if (parts[0] === '..' || isAbsolute(parts.join(sep))) return undefined;
    for (let i = 1; i <= parts.length; i++) {
      const at = join(top, ...parts.slice(0, i));
      if (entry(at)?.mode === '120000') return { at, target: git(['show', spec(at)]).toString() };
    }
    return undefined;
  };
  return {
    async readFile(path) {
      try {
        return git(['show', spec(path)]);
      } catch {
        throw Object.assign(new Error(`${path} does not exist at ${ref}`), { code: 'ENOENT' });
      }
    },
    async stat(path) {
      const e = entry(path);
      if (!e) throw Object.assign(new Error(`${path} does not exist at ${ref}`), { code: 'ENOENT' });
      return { kind: e.mode === '120000' ? 'other' : e.type === 'blob' ? 'file' : e.type === 'tree' ? 'directory' : 'other', size: e.size };
    },
    // git stores a symbolic link as a blob holding its target and never follows it; resolve
    // links here as the file system would, so imports are confined at a revision exactly as in
    // the working copy (a committed `env.yaml -> /proc/self/environ` leads out in both).
    async realpath(path) {
      let abs = resolve(realCwd, path);
      for (let hops = 0; hops < 40; hops++) {
        const link = firstLink(abs);
        if (!link) {
          // A link out of the work tree: where it leads is the answer, for the caller to refuse.
          if (!isInside(top, abs)) return abs;
          if (!entry(abs)) throw Object.assign(new Error(`${path} does not exist at ${ref}`), { code: 'ENOENT' });
          return abs;
        }
        abs = resolve(dirname(link.at), link.target, relative(link.at, abs));
      }
      throw Object.assign(new Error(`${path}: too many levels of symbolic links at ${ref}`), { code: 'ELOOP' });
    },
    projectRoot: async () => top,
  };
}
