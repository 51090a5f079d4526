import type { MessageFinding } from '../audit/auditor.js';
import { pathSegments } from '../audit/plan-index.js';
import { appendDurably } from './durable-append.js';

/** Protocols' schema controls, offline: what happens to a message the plan does not allow. */
export interface Controls {
  /** `block`: a message whose event is not in the plan is not forwarded (answered 200, quarantined). */
  unplannedEvents: 'allow' | 'block';
  /** `omit`: properties not in the plan are taken out (at every depth the audit finds them) before forwarding. */
  unplannedProperties: 'allow' | 'omit';
  /** `block`: a message with a violation at error severity is not forwarded (answered 200, quarantined). */
  violations: 'allow' | 'block';
}

/** Each control's modes, `allow` first. */
export const CONTROL_VALUES: { readonly [K in keyof Controls]: readonly Controls[K][] } = { unplannedEvents: ['allow', 'block'], unplannedProperties: ['allow', 'omit'], violations: ['allow', 'block'] };

export const CONTROLS_OFF: Controls = { unplannedEvents: 'allow', unplannedProperties: 'allow', violations: 'allow' };

/** What the controls make of one checked message. */
export interface ControlVerdict {
  /** Why it is blocked (the control that blocked it), or undefined when it goes on. */
  blocked?: 'unplanned-event' | 'violations';
  /** The paths of the unplanned properties taken out (with `omit`), as the audit names them. */
  omit: readonly string[];
}

/**
 * The controls applied to a message's findings. An unplanned event is the `unplannedEvents`
 * control's alone (it has no schema to violate); with `omit`, unplanned properties are mended,
 * so they do not make a message `violations: block` blocks.
 */
// Most messages break nothing: one verdict for them all, nothing to allocate.
const PASSES: ControlVerdict = Object.freeze({ omit: Object.freeze([]) });

export function applyControls(c: Controls, findings: readonly MessageFinding[]): ControlVerdict {
  if (findings.length === 0) return PASSES;
  const omit = c.unplannedProperties === 'omit' ? findings.filter((f) => f.code === 'unplanned-property').map((f) => f.path) : [];
  if (c.unplannedEvents === 'block' && findings.some((f) => f.code === 'unplanned-event')) return { blocked: 'unplanned-event', omit: [] };
  const errors = findings.filter((f) => f.severity === 'error' && f.code !== 'unplanned-event' && !(omit.length > 0 && f.code === 'unplanned-property'));
  if (c.violations === 'block' && errors.length > 0) return { blocked: 'violations', omit: [] };
  return { omit };
}

/**
 * The message's JSON without the properties at `paths` (deepest and last first, so list
 * indexes still point where the audit saw them). Numbers go through JSON.parse: a number
 * beyond a double's precision in such a message is sent as the nearest double.
 */
export function omitPaths(json: string, paths: readonly string[]): string {
  const message = JSON.parse(json) as unknown;
  const all = paths.map((p) => pathSegments(`$.${p}`)).sort((a, b) => compareDesc(a, b));
  for (const segs of all) {
    let at: unknown = message;
    for (const s of segs.slice(0, -1)) at = at !== null && typeof at === 'object' ? (at as Record<string | number, unknown>)[s] : undefined;
    const last = segs[segs.length - 1];
    if (at === null || typeof at !== 'object' || last === undefined) continue;
    if (Array.isArray(at) && typeof last === 'number') at.splice(last, 1);
    else delete (at as Record<string, unknown>)[String(last)];
  }
  return JSON.stringify(message);
}

function compareDesc(a: (string | number)[], b: (string | number)[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    if (typeof a[i] === 'number' && typeof b[i] === 'number') return (b[i] as number) - (a[i] as number);
    return String(b[i]) < String(a[i]) ? -1 : 1;
  }
  return b.length - a.length;
}

/** The quarantine file: blocked messages with why and their violations, one a line (appended to, across runs). */
export class Quarantine {
  #chain: Promise<unknown> = Promise.resolve();
  constructor(readonly file: string) {}

  /**
   * Append a request's blocked messages; resolves once they are on disk, as the forward
   * queue's are: the request is answered 200 and the SDK forgets the message, so the quarantine
   * is its only record.
   */
  write(lines: readonly string[]): Promise<void> {
    if (lines.length === 0) return Promise.resolve();
    const p = this.#chain.then(() => appendDurably(this.file, lines.join('')));
    this.#chain = p.catch(() => undefined);
    return p;
  }

  static line(reason: string, receivedAt: string, writeKey: string | undefined, findings: readonly MessageFinding[], json: string): string {
    return `{"blocked":${JSON.stringify(reason)},"receivedAt":${JSON.stringify(receivedAt)},${writeKey !== undefined ? `"writeKey":${JSON.stringify(writeKey)},` : ''}"violations":${JSON.stringify(findings)},"message":${json}}\n`;
  }
}

/** How the CLI's second line names the controls that are on ('' when none is). */
export function describeControls(c: Controls): string {
  const on = [c.unplannedEvents === 'block' ? 'block unplanned events' : '', c.unplannedProperties === 'omit' ? 'omit unplanned properties' : '', c.violations === 'block' ? 'block messages with violations' : ''].filter((s) => s !== '');
  return on.join(', ');
}
