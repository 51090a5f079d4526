import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { GeneratedFile } from '../compile/compile-plan.js';
import { InputError } from './errors.js';

/** What writing a set of generated files to a folder would change. */
export interface OutputPlan {
  added: string[];
  changed: string[];
  unchanged: string[];
  /** Files an earlier run of the same command wrote that the new output no longer has. */
  stale: string[];
  /** Files in the folder that we did not write and would overwrite. */
  foreign: string[];
  /** Temporary files of ours that an interrupted run left (killed between write and rename). */
  leftovers: string[];
}

/** Which files of a folder a command may replace or remove without `--force`. */
export interface Ownership {
  /** The existing files an earlier run wrote; `leftovers` are its temporary files, still there. */
  owned(existing: readonly string[], leftovers: readonly string[]): Promise<ReadonlySet<string>>;
  /** Whether the command writes files at this path: a temporary file named after one is ours. */
  writes(path: string): boolean;
}

/** Ours, and only ours: `<file we write>.<12 hex digits>.tmp`, as `tempName` makes them. */
const TEMP_NAME = /^(.+)\.[0-9a-f]{12}\.tmp$/;

function tempName(target: string): string {
  return `${target}.${randomBytes(6).toString('hex')}.tmp`;
}

/**
 * Compare generated files with a folder. `ownership` says which existing files an earlier run
 * of the same command wrote: only those may be replaced or removed without `--force`.
 */
export async function planOutput(dir: string, files: readonly GeneratedFile[], ownership: Ownership): Promise<OutputPlan> {
  const existingList = await listFiles(dir);
  const existing = new Set(existingList);
  const leftovers = existingList.filter((p) => ownership.writes(TEMP_NAME.exec(p)?.[1] ?? ''));
  const ownedSet = await ownership.owned(existingList, leftovers);
  const result: OutputPlan = { added: [], changed: [], unchanged: [], stale: [], foreign: [], leftovers };
  const next = new Set(files.map((f) => f.path));
  const current = await inParallel(files, (f) => (existing.has(f.path) ? readFile(join(dir, f.path), 'utf8') : Promise.resolve(undefined)));
  files.forEach((f, i) => {
    const text = current[i];
    if (text === undefined) result.added.push(f.path);
    else if (text === f.contents) result.unchanged.push(f.path);
    else if (ownedSet.has(f.path)) result.changed.push(f.path);
    else result.foreign.push(f.path);
  });
  for (const p of ownedSet) if (!next.has(p) && existing.has(p)) result.stale.push(p);
  result.stale.sort();
  return result;
}

/** How `applyOutput` orders its writes. */
export interface WriteOrder {
  /** The file written after every other (a manifest, an entry point), so it never names a file not there yet. */
  last: string;
  /**
   * For ownership by manifest: the manifest's text for a list of files. Before anything else,
   * one listing every file this run may write or remove is left under a temporary name of the
   * manifest's, and removed at the end: a run killed halfway still owns what it touched.
   */
  journal?: (paths: readonly string[]) => string;
}

/**
 * Apply an output plan, in this order: the journal (if any); the removal of an interrupted
 * run's leftovers; the new and changed files; the `last` file; the removal of stale files (the
 * old manifest listed them, so they stay until the new one is in place); the journal's
 * removal. Each file is written to a temporary name, then renamed: no half files.
 */
export async function applyOutput(dir: string, files: readonly GeneratedFile[], plan: OutputPlan, order: WriteOrder): Promise<void> {
  const write = new Set([...plan.added, ...plan.changed, ...plan.foreign]);
  const todo = files.filter((f) => write.has(f.path));
  const first = todo.filter((f) => f.path !== order.last);
  const last = todo.filter((f) => f.path === order.last);
  let journal: string | undefined;
  // Whether the folder changed yet: if a step fails after that, the journal stays, since the
  // folder is half-updated like a killed run's; before that, nothing is left behind.
  let touched = false;
  const step = async (done: Promise<unknown>) => {
    await done;
    touched = true;
  };
  try {
    for (const folder of new Set(todo.map((f) => dirname(join(dir, f.path))))) await ensureDir(folder);
    if (order.journal && todo.length + plan.stale.length > 0) journal = await writeTemp(join(dir, order.last), order.journal([...files.map((f) => f.path), ...plan.stale]));
    await inParallel(plan.leftovers, (p) => step(rm(join(dir, p), { force: true })));
    await inParallel(first, (f) => step(writeAtomically(join(dir, f.path), f.contents)));
    await inParallel(last, (f) => step(writeAtomically(join(dir, f.path), f.contents)));
    await inParallel(plan.stale, (p) => step(rm(join(dir, p), { force: true })));
    if (journal) await rm(journal, { force: true });
  } catch (e) {
    if (journal && !touched) await rm(journal, { force: true });
    const err = e as NodeJS.ErrnoException;
    const at = err.path ?? dir;
    const why: Record<string, string> = {
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

/** A new file under a random temporary name beside `target`. `wx`: never through a planted link. */
async function writeTemp(target: string, contents: string): Promise<string> {
  const tmp = tempName(target);
  try {
    await writeFile(tmp, contents, { flag: 'wx' });
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  return tmp;
}

/** Write then rename: a reader never sees half a file, and a link at the target is replaced, not followed. */
async function writeAtomically(target: string, contents: string): Promise<void> {
  const tmp = await writeTemp(target, contents);
  try {
    await rename(tmp, target);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/** What `--check` lists: each file that differs from what a run would write, and how. */
export function staleLines(plan: OutputPlan): string[] {
  return [
    ...plan.added.map((p) => `missing  ${p}`),
    ...[...plan.changed, ...plan.foreign].map((p) => `changed  ${p}`),
    ...plan.stale.map((p) => `stale    ${p}`),
    ...plan.leftovers.map((p) => `leftover ${p} (a temporary file of an interrupted run)`),
  ];
}

/** Refuse to replace files in `dir` that trackplan did not write, unless `--force` says so. */
export function refuseForeign(dir: string, plan: OutputPlan, force: boolean | undefined): void {
  if (plan.foreign.length === 0 || force) return;
  throw new InputError(`${dir} has files trackplan did not write that this would overwrite (${plan.foreign.slice(0, 3).join(', ')}${plan.foreign.length > 3 ? ', …' : ''}). Choose another --out, or pass --force to overwrite them.`);
}

/** For a summary line: the leftovers a run removed, if any. */
export function leftoversNote(leftovers: readonly string[]): string {
  return leftovers.length === 0 ? '' : `; ${leftovers.length} temporary file${leftovers.length === 1 ? '' : 's'} of an interrupted run removed`;
}

/** Files under `dir`, as `/`-separated relative paths. A link inside it is refused outright. */
export async function listFiles(dir: string): Promise<string[]> {
  let st;
  try {
    st = await stat(dir); // the folder itself may be a link to a folder
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new InputError(`Cannot read ${dir}: ${(e as Error).message}`);
  }
  if (!st.isDirectory()) throw new InputError(`--out ${dir} is not a folder. Choose a folder (it is created if missing).`);
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
async function inParallel<T, R>(items: readonly T[], fn: (item: T) => Promise<R>, limit = 32): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * Ownership by manifest (`compile`): the files the previous manifest lists, if it is ours, and
 * those an interrupted run's journal lists; only paths matching `pattern`, so a tampered
 * manifest can never make us delete `../../x`.
 */
export function ownedByManifest(dir: string, manifestFile: string, pattern: RegExp, list: (text: string) => string[] | undefined): Ownership {
  const ours = (p: string) => p === manifestFile || pattern.test(p);
  return {
    writes: ours,
    async owned(existing, leftovers) {
      const journals = leftovers.filter((p) => TEMP_NAME.exec(p)?.[1] === manifestFile);
      const out = new Set<string>();
      for (const file of [...(existing.includes(manifestFile) ? [manifestFile] : []), ...journals]) {
        let listed: string[] | undefined;
        try {
          listed = list(await readFile(join(dir, file), 'utf8'));
        } catch {
          listed = undefined; // not JSON (a journal cut short), or not ours: it owns nothing
        }
        if (!listed) continue;
        if (file === manifestFile) out.add(manifestFile); // ours, so it owns itself
        // A journal lists the manifest too: the run that left it was writing it.
        for (const p of listed) if (ours(p)) out.add(p);
      }
      return out;
    },
  };
}

/**
 * Ownership by header (`generate`): files of the given extension, directly in the folder
 * (generate writes no subfolders, and another target may live in one), whose first line is
 * our mark. Temporary files are ours when named after one of `names`, the files we write.
 */
export function ownedByHeader(dir: string, extension: string, mark: string, names: ReadonlySet<string>): Ownership {
  return {
    writes: (p) => names.has(p),
    async owned(existing) {
      const candidates = existing.filter((p) => p.endsWith(extension) && !p.includes('/'));
      const heads = await inParallel(candidates, async (p) => (await readFile(join(dir, p), 'utf8')).slice(0, mark.length));
      return new Set(candidates.filter((_p, i) => heads[i] === mark));
    },
  };
}

/**
 * `mkdir -p`, one level at a time. Node 20's `mkdir(…, {recursive: true})` never returns for a
 * path under /proc (it retries ENOENT forever); a plain `mkdir` fails at once, as it should.
 */
async function ensureDir(dir: string): Promise<void> {
  try {
    if ((await stat(dir)).isDirectory()) return;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const parent = dirname(dir);
  if (parent !== dir) await ensureDir(parent);
  try {
    await mkdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
}
