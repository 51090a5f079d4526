import type { AuditLimits } from './report-model.js';
import { AUDIT_CODES, type AuditCode } from './summary.js';

/** The limits as typed: `--fail-on`, `--max-violations`, … on the command line, or a report request's query. */
export interface LimitTexts {
  failOn?: string | undefined;
  maxViolations?: string | undefined;
  maxRate?: string | undefined;
  minCoverage?: string | undefined;
}

/** A limit that cannot be read; the message names the flag and what it takes. */
export class LimitError extends Error {
  override name = 'LimitError';
}

/** Read the audit's limits (the same words for `trackplan audit` and `trackplan serve`'s report). */
export function parseAuditLimits(o: LimitTexts): AuditLimits {
  const limits: AuditLimits = {};
  if (o.failOn !== undefined) {
    const codes = o.failOn.split(',').map((c) => c.trim()).filter(Boolean);
    const unknown = codes.filter((c) => !(AUDIT_CODES as readonly string[]).includes(c));
    if (unknown.length > 0) throw new LimitError(`Unknown code${unknown.length === 1 ? '' : 's'} in --fail-on: ${unknown.join(', ')}. Known: ${AUDIT_CODES.join(', ')}.`);
    limits.failOn = codes as AuditCode[];
  }
  const num = (v: string | undefined, flag: string, lo: number, hi: number, integer: boolean): number | undefined => {
    if (v === undefined) return undefined;
    const x = Number(v);
    if (v.trim() === '' || !Number.isFinite(x) || x < lo || x > hi || (integer && !Number.isInteger(x))) throw new LimitError(`${flag} takes ${integer ? 'a whole number' : 'a number'} from ${lo} to ${hi}, not "${v}".`);
    return x;
  };
  const mv = num(o.maxViolations, '--max-violations', 0, Number.MAX_SAFE_INTEGER, true);
  const mr = num(o.maxRate, '--max-rate', 0, 1, false);
  const mc = num(o.minCoverage, '--min-coverage', 0, 1, false);
  if (mv !== undefined) limits.maxViolations = mv;
  if (mr !== undefined) limits.maxRate = mr;
  if (mc !== undefined) limits.minCoverage = mc;
  return limits;
}
