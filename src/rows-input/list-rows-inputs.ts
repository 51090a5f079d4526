import { fstatSync } from 'node:fs';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { RowsError } from '../sql/rows-file.js';

/** One rows file to read: standard input, a file named on the command line, or a part file of a named folder. */
export interface RowsInput {
  /** As messages name it: the argument, or the folder argument joined with the file's name. */
  name: string;
  /** What to open (`-`: standard input); for a linked part file, the file it leads to. */
  path: string;
  /** The folder argument it was listed from. */
  folder?: string;
}

/**
 * The rows files behind the arguments of `report`, in their order: a file (or pipe) as it is;
 * a folder as a Spark or Athena output folder: its part files in name order. In a folder, what
 * Hadoop's readers leave out is left out (names starting with `.` or `_`: `_SUCCESS`,
 * `_committed_*`, `_started_*`, `.part-*.crc`), and `*.crc` checksums; a subfolder, or a link
 * that leads out of the folder, is refused rather than skipped or followed, so that no rows are
 * silently missed and no file outside the folder is read.
 */
export async function listRowsInputs(args: readonly string[]): Promise<RowsInput[]> {
  const out: RowsInput[] = [];
  for (const arg of args) {
    if (arg === '-') {
      // A folder on standard input reads as nothing at all: say so (as `audit` does).
      if (stdinIsFolder()) throw new RowsError('Cannot read standard input: it is a folder.');
      out.push({ name: '<stdin>', path: '-' });
      continue;
    }
    let s;
    try {
      s = await stat(arg);
    } catch (e) {
      throw cannotRead(arg, e);
    }
    if (s.isDirectory()) out.push(...(await partFiles(arg)));
    else if (s.isFile() || s.isFIFO()) out.push({ name: arg, path: arg });
    else throw new RowsError(`Cannot read ${arg}: it is not a regular file, a pipe or a folder.`);
  }
  return out;
}

/** The one-line error for a path that cannot be read (the wording `report` has always used). */
export function cannotRead(name: string, e: unknown): RowsError {
  const code = (e as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (e as Error).message;
  return new RowsError(`Cannot read ${name}: ${why}.`);
}

function stdinIsFolder(): boolean {
  try {
    return fstatSync(0).isDirectory();
  } catch {
    return false;
  }
}

/** A part file's name is left out of the folder's rows (hidden, a marker or a checksum). */
export function leftOut(name: string): boolean {
  return name.startsWith('.') || name.startsWith('_') || name.endsWith('.crc');
}

async function partFiles(folder: string): Promise<RowsInput[]> {
  let names: string[];
  let real: string;
  try {
    names = (await readdir(folder)).sort(compareText);
    real = await realpath(folder);
  } catch (e) {
    throw cannotRead(folder, e);
  }
  const out: RowsInput[] = [];
  for (const entry of names) {
    if (leftOut(entry)) continue;
    const name = join(folder, shown(entry));
    const path = join(folder, entry);
    try {
      const l = await lstat(path);
      let target = path;
      if (l.isSymbolicLink()) {
        target = await realpath(path);
        const rel = relative(real, target);
        if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) throw new RowsError(`${name}: a link to ${shown(target)}, outside the folder ${folder}; rows are read from the folder's own files only (copy the file in, or name it on the command line).`);
      }
      const s = l.isSymbolicLink() ? await stat(target) : l;
      if (s.isDirectory()) throw new RowsError(`${name}: a folder inside the rows folder ${folder}, which is not read; name the part files, or the folder that holds them, on the command line.`);
      if (!s.isFile()) throw new RowsError(`${name}: not a regular file; a rows folder holds only the part files of an export.`);
      out.push({ name, path: target, folder });
    } catch (e) {
      if (e instanceof RowsError) throw e;
      throw cannotRead(name, e);
    }
  }
  if (out.length === 0) throw new RowsError(`${folder}: no part files in this folder${names.length > 0 ? ` (only ${names.length === 1 ? 'a marker or hidden file' : 'markers and hidden files'}: ${names.slice(0, 3).map(shown).join(', ')}${names.length > 3 ? ', …' : ''})` : ''}; did the export write its rows here?`);
  return out;
}

/** A name from a folder as it can be shown on one line (control characters escaped, as JSON does). */
function shown(name: string): string {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f]/.test(name) ? JSON.stringify(name) : name;
}

/** Plain text order (code units), the same on every machine. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
