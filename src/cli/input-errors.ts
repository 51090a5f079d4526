import { fstatSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { whyUnreadable } from '../load/host.js';
import { InputError } from './errors.js';

/** The one-line error (exit code 2) for an input that cannot be read. */
export function unreadable(file: string, e: unknown): InputError {
  return new InputError(`Cannot read ${file === '-' ? 'standard input' : file}: ${whyUnreadable(e)}.`);
}

/** An error of the system reading a file (open, read, fstat…), as opposed to a fault of ours. */
export function isReadError(e: unknown): boolean {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).syscall === 'string';
}

/**
 * Open a regular file once before the audit starts, so that one input that cannot be read
 * (permissions) stops the run at once, not after the inputs before it were audited.
 */
export async function assertReadable(file: string): Promise<void> {
  await (await open(file, 'r')).close();
}

/** Standard input that is a directory (`audit plan.yaml - < folder`) reads as nothing at all: say so. */
export function assertStdinReadable(): void {
  let dir = false;
  try {
    dir = fstatSync(0).isDirectory();
  } catch {
    // No standard input at all: it reads as empty, which the audit reports.
  }
  if (dir) throw new InputError('Cannot read standard input: it is a directory.');
}
