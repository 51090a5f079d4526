import { randomBytes } from 'node:crypto';
import { lstat, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/** A report file to write: the flag as the user typed it (for messages) and its path. */
export interface ReportTarget {
  flag: string;
  path: string;
  /** What the file is, in messages: `report` unless said (`capture`, `plan`). */
  what?: string;
}

/** A report that must not be written; the message is one line naming the flag and what to do. */
export class ReportPathError extends Error {
  override name = 'ReportPathError';
}

/**
 * Check every report path before any input is read, so a long audit does not end on a folder
 * that does not exist, and a report never replaces what the user wrote: an input, the plan or
 * one of its imports (the same file by identity, so `./in.ndjson`, a hard link and a link to
 * it all count), another report of the same run, or anything through a symbolic link.
 */
export async function checkReportTargets(targets: readonly ReportTarget[], keep: readonly { file: string; what: string }[]): Promise<void> {
  const kept = new Map<string, string>();
  for (const k of keep) {
    const s = await stat(k.file).catch(() => undefined);
    if (s) kept.set(`${s.dev}:${s.ino}`, `${k.file}, ${k.what}`);
  }
  const seen = new Map<string, string>();
  for (const t of targets) {
    const what = t.what ?? 'report';
    // The folder as the system will find it: `link/../r.json` is next to where `link` leads.
    const folder = await stat(dirname(t.path)).catch(() => undefined);
    if (!folder?.isDirectory()) throw new ReportPathError(`Cannot write ${t.flag}: the folder ${dirname(t.path)} does not exist. Create it first.`);
    const own = await lstat(t.path).catch(() => undefined);
    if (own?.isSymbolicLink()) throw new ReportPathError(`Cannot write ${t.flag}: ${t.path} is a symbolic link, and ${what === 'report' ? 'reports are' : `the ${what} is`} not written through links. Name the file itself.`);
    if (own?.isDirectory()) throw new ReportPathError(`Cannot write ${t.flag}: ${t.path} is a folder. Name a file inside it.`);
    if (own && !own.isFile()) throw new ReportPathError(`Cannot write ${t.flag}: ${t.path} is not a regular file.`);
    const id = own ? `${own.dev}:${own.ino}` : `path:${join(await realFolder(t.path), basename(t.path))}`;
    const clash = kept.get(id);
    if (clash) throw new ReportPathError(`Cannot write ${t.flag}: it would overwrite ${clash}. Write the ${what} to another file.`);
    const twice = seen.get(id);
    if (twice) throw new ReportPathError(`${t.flag} and ${twice} name the same file. Give each report its own file.`);
    seen.set(id, t.flag);
  }
}

/**
 * Write a file (a report, a new plan) whole or not at all: to a temporary file beside it, then renamed over it (a
 * reader never sees half a report, and a link put in its place since the check is replaced,
 * not followed).
 */
export async function writeReport(path: string, text: string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, text, { flag: 'wx' });
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
}

/** Why a file cannot be written, in the words every command uses. */
export function whyUnwritable(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EISDIR') return 'it is a folder';
  if (code === 'ENOENT') return 'its folder does not exist';
  if (code === 'ENOTDIR') return 'a folder on its path is a file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return (e as Error).message;
}

async function realFolder(path: string): Promise<string> {
  return realpath(dirname(path)).catch(() => dirname(resolve(path)));
}
