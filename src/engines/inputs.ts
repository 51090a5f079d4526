import { fstatSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { whyUnreadable } from '../load/host.js';

/** An input that cannot be audited (missing, a folder, unreadable): a one-line message, exit code 2. */
export class UnreadableInput extends Error {
  override name = 'UnreadableInput';
}

/** The one-line error for an input that cannot be read. */
export function unreadable(file: string, e: unknown): UnreadableInput {
  return new UnreadableInput(`Cannot read ${file === '-' ? 'standard input' : file}: ${whyUnreadable(e)}.`);
}

/** An error of the system reading a file (open, read, fstat…), as opposed to a fault of ours. */
export function isReadError(e: unknown): boolean {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).syscall === 'string';
}

/**
 * The sizes of the regular files among the inputs (`-` is standard input), each opened once so
 * that one input that cannot be read stops the run at once, not after the inputs before it
 * were audited. A pipe (`<(zcat x.gz)`) streams like stdin; a folder or a device is a mistake.
 */
export async function statInputs(files: readonly string[]): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  for (const f of files) {
    if (f === '-') {
      assertStdinReadable();
      continue;
    }
    try {
      const s = await stat(f);
      if (!s.isFile() && !s.isFIFO()) throw new UnreadableInput(`Cannot read ${f}: it is ${s.isDirectory() ? 'a directory' : 'not a regular file or a pipe'}.`);
      if (s.isFile()) {
        sizes.set(f, s.size);
        await (await open(f, 'r')).close();
      }
    } catch (e) {
      if (e instanceof UnreadableInput) throw e;
      throw unreadable(f, e);
    }
  }
  return sizes;
}

/** Standard input that is a directory (`audit plan.yaml - < folder`) reads as nothing at all: say so. */
function assertStdinReadable(): void {
  let dir = false;
  try {
    dir = fstatSync(0).isDirectory();
  } catch {
    // No standard input at all: it reads as empty, which the audit reports.
  }
  if (dir) throw new UnreadableInput('Cannot read standard input: it is a directory.');
}
