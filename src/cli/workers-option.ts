import { UsageError } from './errors.js';

/**
 * Threads a user may ask for with `--workers`: each one holds a copy of the validators and up to
 * two batches of input, so a typo such as `--workers 1000` would take gigabytes for nothing
 * (reading and merging stop gaining well before this).
 */
export const MAX_WORKERS = 64;

/** `--workers` of `audit` and `infer`: undefined when not given, else a whole number from 1 to MAX_WORKERS. */
export function parseWorkers(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_WORKERS) throw new UsageError(`--workers must be a whole number from 1 to ${MAX_WORKERS}, not "${value}".`);
  return n;
}
