import { execFile } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Extensions of the files `status` reads. */
export const SOURCE_EXTENSIONS = /\.(?:ts|tsx|mts|cts|js|jsx|mjs|cjs)$/i;
/** Declarations describe code, they do not run it. */
const DECLARATIONS = /\.d\.(?:ts|mts|cts)$/i;

/** A path given that is not there: a usage mistake, said in one line. */
export class MissingPath extends Error {
  override name = 'MissingPath';
}

/**
 * The TypeScript and JavaScript files under `paths` (files or folders, relative to `cwd`),
 * sorted. In a git work tree, git says which files of a folder count (tracked, and untracked
 * ones that .gitignore does not exclude); elsewhere folders are walked, leaving out node_modules
 * and hidden folders. A file named in `paths` is always listed.
 */
export async function listSources(cwd: string, paths: readonly string[]): Promise<string[]> {
  // A file named on the command line is read even where .gitignore leaves it out (as ripgrep
  // searches a file it is given): naming it is asking for it.
  const named: string[] = [];
  for (const p of paths) {
    const s = await stat(join(cwd, p)).catch(() => undefined);
    if (!s) throw new MissingPath(`${p} does not exist.`);
    if (s.isFile()) named.push(relative(cwd, join(cwd, p)));
  }
  const fromGit = await gitFiles(cwd, paths);
  const files = fromGit ? [...fromGit, ...named] : await walkAll(cwd, paths);
  return [...new Set(files.filter((f) => SOURCE_EXTENSIONS.test(f) && !DECLARATIONS.test(f)))].sort();
}

async function gitFiles(cwd: string, paths: readonly string[]): Promise<string[] | undefined> {
  try {
    // -z: names as they are (no quoting of odd characters); files only git knows of or would add.
    const { stdout } = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--full-name', '--', ...paths], { cwd, maxBuffer: 256 * 1024 * 1024 });
    const { stdout: top } = await run('git', ['rev-parse', '--show-toplevel'], { cwd });
    const root = top.trim();
    const out: string[] = [];
    for (const f of stdout.split('\0')) {
      if (f === '') continue;
      const rel = relative(cwd, join(root, f));
      // Deleted in the work tree but still in the index, or a link to a folder (git lists links
      // by name): nothing to read.
      if ((await stat(join(cwd, rel)).catch(() => undefined))?.isFile()) out.push(rel);
    }
    return out;
  } catch {
    return undefined; // not a git work tree (or no git): walk the folders
  }
}

async function walkAll(cwd: string, paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    const s = await stat(join(cwd, p));
    if (s.isFile()) out.push(p);
    else await walk(cwd, p, out);
  }
  return out;
}

async function walk(cwd: string, dir: string, out: string[]): Promise<void> {
  const entries = await readdir(join(cwd, dir), { withFileTypes: true });
  for (const e of entries) {
    const rel = dir === '.' ? e.name : join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      await walk(cwd, rel, out);
    } else if (e.isFile()) out.push(rel);
  }
}
