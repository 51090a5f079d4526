// `trackplan/collector`: `trackplan serve` for test code. `start()` runs the server in this
// process; `connect(url)` talks to one started elsewhere (`trackplan serve … &`). Both give
// the same client, which speaks the server's HTTP API.
import type { AuditReport } from '../audit/report-model.js';
import type { AuditCode } from '../audit/summary.js';
import type { AuditFormat } from '../report/audit-reporters.js';
import type { Closest, MessageFilter, ReceivedMessage, ResetResult, ServeStatus, WaitResult, WaitTimeout } from './api-types.js';
import { type ServeOptions, startServer } from './server.js';

export type { Closest, Difference, MessageFilter, ReceivedMessage, ResetResult, ServeStatus, StoredMessageBody, Violation, WaitResult, WaitTimeout } from './api-types.js';
export type { ServeOptions } from './server.js';
export type { AuditReport } from '../audit/report-model.js';
export type { AuditCode } from '../audit/summary.js';

/** The audit's limits for a report, as `trackplan audit` takes them, and which messages: this generation's (default) or all since the start. */
export interface ReportOptions {
  failOn?: readonly AuditCode[];
  maxViolations?: number;
  maxRate?: number;
  minCoverage?: number;
  generation?: 'current' | 'all';
}

/** A client of a running `trackplan serve`. */
export interface Collector {
  /** The server's URL: point analytics-node's `host`, or analytics-next's `cdnURL`, here. */
  readonly url: string;
  /** Resolves once `count` messages of the current generation contain `match` (a partial message); the first `count` of them. Throws WaitTimeoutError, listing the closest messages, if they do not arrive in time. */
  waitFor(match: Record<string, unknown>, options?: { count?: number; timeoutMs?: number }): Promise<[ReceivedMessage, ...ReceivedMessage[]]>;
  /** Messages of the current generation, oldest first. */
  messages(filter?: MessageFilter): Promise<ReceivedMessage[]>;
  /** Throws ViolationsError, listing them, when messages of the current generation broke the plan (error severity, or the codes given) or were bad input. */
  expectNoViolations(options?: { failOn?: readonly AuditCode[] }): Promise<void>;
  /** Start a new generation: what arrives from now on (or with the write key returned, whenever it arrives) is counted apart from what came before. */
  reset(): Promise<ResetResult>;
  /** The audit's report, as `trackplan audit` gives it: the JSON model, or the text of another format. */
  report(format?: 'json', options?: ReportOptions): Promise<AuditReport>;
  report(format: Exclude<AuditFormat, 'json'>, options?: ReportOptions): Promise<string>;
  status(): Promise<ServeStatus>;
  /** Stop the server when `start()` started it; for `connect()`, nothing to close. */
  close(): Promise<void>;
}

/** A wait that ended without enough matching messages; the message lists the closest ones and where they differ. */
export class WaitTimeoutError extends Error {
  override name = 'WaitTimeoutError';
  constructor(
    readonly match: Record<string, unknown>,
    readonly details: WaitTimeout,
  ) {
    super(timeoutText(match, details));
  }
}

/** Messages broke the plan; the message lists each violation with the plan line it breaks. */
export class ViolationsError extends Error {
  override name = 'ViolationsError';
  constructor(
    readonly report: AuditReport,
    /** The violation groups that counted. */
    readonly groups: AuditReport['groups'],
    /** Bad input that counted, by code. */
    readonly badInput: Partial<Record<AuditCode, number>>,
  ) {
    super(violationsText(report, groups, badInput));
  }
}

/** The server answered a request of its own API with an error (a bad request, a reset during a wait, shutting down). */
export class CollectorError extends Error {
  override name = 'CollectorError';
  constructor(
    readonly status: number,
    readonly body: { error?: string; message?: string },
  ) {
    super(`trackplan serve answered ${status}: ${body.message ?? body.error ?? 'no reason given'}`);
  }
}

/** Run `trackplan serve` in this process (port 0 by default: a free one); resolves once it accepts connections. */
export async function start(options: ServeOptions): Promise<Collector> {
  const server = await startServer(options);
  return new HttpCollector(server.url, () => server.close());
}

/** A client of a server started elsewhere, at the URL it printed. */
export function connect(url: string): Collector {
  return new HttpCollector(url.replace(/\/+$/, ''), async () => undefined);
}

class HttpCollector implements Collector {
  constructor(
    readonly url: string,
    private readonly stop: () => Promise<void>,
  ) {}

  async waitFor(match: Record<string, unknown>, options: { count?: number; timeoutMs?: number } = {}): Promise<[ReceivedMessage, ...ReceivedMessage[]]> {
    const res = await fetch(`${this.url}/trackplan/wait`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ match, ...options }) });
    if (res.status === 408) throw new WaitTimeoutError(match, (await res.json()) as WaitTimeout);
    // At least one: `count` is 1 or more.
    return ((await (await ok(res)).json()) as WaitResult).messages as [ReceivedMessage, ...ReceivedMessage[]];
  }

  async messages(filter: MessageFilter = {}): Promise<ReceivedMessage[]> {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(filter)) if (v !== undefined) q.set(k, String(v));
    return (await (await ok(fetch(`${this.url}/trackplan/messages${q.size > 0 ? `?${q}` : ''}`))).json()) as ReceivedMessage[];
  }

  async expectNoViolations(options: { failOn?: readonly AuditCode[] } = {}): Promise<void> {
    const failOn = options.failOn;
    const report = await this.report('json', failOn ? { failOn } : {});
    // What the audit's default rule counts (error severity, or the codes given), bad input
    // included; an empty generation is not a violation here (a test may expect no message).
    const groups = report.groups.filter((g) => (failOn ? failOn.includes(g.code) : g.severity === 'error'));
    const bad = Object.fromEntries(Object.entries(report.badInput.counts).filter(([code, n]) => code !== 'empty-input' && (n ?? 0) > 0 && (!failOn || failOn.includes(code as AuditCode))));
    if (groups.length > 0 || Object.keys(bad).length > 0) throw new ViolationsError(report, groups, bad);
  }

  async reset(): Promise<ResetResult> {
    return (await (await ok(fetch(`${this.url}/trackplan/reset`, { method: 'POST' }))).json()) as ResetResult;
  }

  report(format?: 'json', options?: ReportOptions): Promise<AuditReport>;
  report(format: Exclude<AuditFormat, 'json'>, options?: ReportOptions): Promise<string>;
  async report(format: AuditFormat = 'json', options: ReportOptions = {}): Promise<AuditReport | string> {
    const q = new URLSearchParams({ format });
    if (options.failOn) q.set('fail-on', options.failOn.join(','));
    if (options.maxViolations !== undefined) q.set('max-violations', String(options.maxViolations));
    if (options.maxRate !== undefined) q.set('max-rate', String(options.maxRate));
    if (options.minCoverage !== undefined) q.set('min-coverage', String(options.minCoverage));
    if (options.generation !== undefined) q.set('generation', options.generation);
    const res = await ok(fetch(`${this.url}/trackplan/report?${q}`));
    return format === 'json' ? ((await res.json()) as AuditReport) : res.text();
  }

  async status(): Promise<ServeStatus> {
    return (await (await ok(fetch(`${this.url}/trackplan/status`))).json()) as ServeStatus;
  }

  close(): Promise<void> {
    return this.stop();
  }
}

async function ok(res: Response | Promise<Response>): Promise<Response> {
  const r = await res;
  if (r.ok) return r;
  let body: { error?: string; message?: string } = {};
  try {
    body = (await r.json()) as typeof body;
  } catch {
    // Not JSON: the status says enough.
  }
  throw new CollectorError(r.status, body);
}

function timeoutText(match: Record<string, unknown>, d: WaitTimeout): string {
  const lines = [`${d.message}`, `  wanted: ${JSON.stringify(match)}`];
  if (d.closest.length === 0) lines.push('  No message of this generation to compare with.');
  else lines.push('  Closest:', ...d.closest.map((c) => `    ${describe(c)}`));
  const refused = Object.entries(d.received.rejected);
  if (refused.length > 0) lines.push(`  Requests refused since the server started: ${refused.map(([k, n]) => `${k} ${n}`).join(', ')}.`);
  return lines.join('\n');
}

function describe(c: Closest): string {
  const m = c.message.message;
  const name = typeof m['event'] === 'string' ? JSON.stringify(m['event']) : typeof m['name'] === 'string' ? JSON.stringify(m['name']) : '';
  const diffs = c.differences.map((d) => (d.missing ? `${d.path} missing (wanted ${JSON.stringify(d.expected)})` : `${d.path}: ${JSON.stringify(d.actual)}, wanted ${JSON.stringify(d.expected)}`));
  return `#${c.message.seq} ${String(m['type'])}${name ? ` ${name}` : ''} (line ${c.message.line}), ${c.matched} of ${c.of} values: ${diffs.join('; ')}`;
}

function violationsText(r: AuditReport, groups: AuditReport['groups'], bad: Partial<Record<AuditCode, number>>): string {
  const total = groups.reduce((n, g) => n + g.count, 0);
  const badTotal = Object.values(bad).reduce((n: number, k) => n + (k ?? 0), 0);
  const lines = [`${total} violation${total === 1 ? '' : 's'}${badTotal > 0 ? ` and ${badTotal} bad input` : ''} in the messages of this generation (plan ${r.plan.file}):`];
  for (const g of groups) {
    const e = g.examples[0];
    lines.push(`  ${g.severity === 'error' ? '✖' : '!'} ${g.type}${g.event ? ` ${JSON.stringify(g.event)}` : ''} ${g.path} ${g.code}: ${g.message} (${g.count}×${e ? `, e.g. line ${e.line}${e.value !== undefined ? ` ${e.value}` : ''}` : ''})${g.plan ? ` — plan ${g.plan.file}${g.plan.range ? `:${g.plan.range.start.line}` : ''}` : ''}`);
  }
  for (const e of r.badInput.examples) if (bad[e.code] !== undefined) lines.push(`  ! ${e.code} at line ${e.line}: ${e.message}`);
  return lines.join('\n');
}
