import { execFileSync } from 'node:child_process';
import { isAbsolute, relative } from 'node:path';
import type { FileHost } from '../load/host.js';
import { UsageError } from './errors.js';

/** Files at a git revision, and whether a path exists there at all. */
export interface GitHost extends FileHost {
  /** False when the path did not exist at the revision (a plan added since): a missing file, not an error. */
  has(path: string): boolean;
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
 * Files as they are at a git revision, read with git itself (`git show <ref>:./<path>`), so a
 * plan and its imports can be compared with the working copy without checking anything out.
 * Not being in a repository, or a revision that is not there, is a usage error (exit 2).
 */
export function gitHost(ref: string): GitHost {
  if (run(['rev-parse', '--git-dir']).status !== 0) {
    throw new UsageError(`--against ${ref}: this directory is not in a git repository; run trackplan diff inside the checkout.`);
  }
  if (run(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).status !== 0) {
    throw new UsageError(`--against ${ref}: no such revision here (a typo, or a ref not fetched yet: in CI, fetch it first).`);
  }
  // `<ref>:./<path>` is relative to the working directory, like the paths users type.
  const spec = (path: string) => `${ref}:./${(isAbsolute(path) ? relative(process.cwd(), path) : path).replace(/\\/g, '/').replace(/^\.\//, '')}`;
  const missing = (path: string) => Object.assign(new Error(`${path} does not exist at ${ref}`), { code: 'ENOENT' });
  return {
    has(path) {
      // --verify --quiet: status 1, silently, when the revision has no such path; 128 for a path git refuses (outside the repository).
      const r = run(['rev-parse', '--verify', '--quiet', spec(path)]);
      if (r.status === 0) return true;
      if (r.status === 1) return false;
      throw new UsageError(`--against ${ref}: cannot look up ${path} there: ${r.message || `git exited with ${r.status}`}.`);
    },
    async readFile(path) {
      const r = run(['show', spec(path)]);
      if (r.status !== 0) throw missing(path);
      return r.stdout;
    },
    async stat(path) {
      const type = run(['cat-file', '-t', spec(path)]);
      const size = run(['cat-file', '-s', spec(path)]);
      if (type.status !== 0 || size.status !== 0) throw missing(path);
      const kind = type.stdout.toString().trim();
      return { kind: kind === 'blob' ? 'file' : kind === 'tree' ? 'directory' : 'other', size: Number(size.stdout.toString().trim()) };
    },
  };
}
