import { isUtf8 } from 'node:buffer';
import { Auditor, isBlankLine, type MessageOutcome } from '../audit/auditor.js';
import { type PlanIndex, locateGroups } from '../audit/plan-index.js';
import { type AuditLimits, type AuditReport, buildReport } from '../audit/report-model.js';
import { flagEmptyInputs } from '../audit/summary.js';
import type { Timeline } from '../audit/timeline.js';
import type { Origin, Plan } from '../model/plan.js';
import type { SourceRange } from '../diagnostics/diagnostic.js';
import type { ReceivedMessage, ServeStatus, Violation } from './api-types.js';
import type { Capture } from './capture.js';
import type { ForwardQueue, QueuedMessage } from './forward-queue.js';
import { applyControls, CONTROLS_OFF, type Controls, omitPaths, Quarantine } from './controls.js';
import { Generations } from './generations.js';
import { PlanRevision } from './plan-revision.js';
import { isObject, requestLines, type RouteKind, type SentSpan } from './message-lines.js';
import { MessageStore, type StoredMessage } from './store.js';
import { Waits } from './waits.js';

/** `/metrics` labels messages by event name: this many names, then `other` (a label per name sent would be unbounded). */
export const MAX_EVENT_LABELS = 50;

/** What to answer a request of Segment's API with. */
export interface Answer {
  status: 200 | 400 | 401 | 503;
  body: Record<string, unknown>;
  /** Seconds, sent as `Retry-After` (a full forward queue). */
  retryAfter?: number;
}

/** The plan and its validators, where to capture, and the store's bounds. */
export interface IntakeOptions {
  plan: Plan;
  locate: (o: Origin, at?: 'key' | 'value') => SourceRange | undefined;
  index: PlanIndex;
  capture: Capture;
  maxMessages: number;
  maxBytes: number;
  /** When given, only these keys (and the keys `reset` issues) may send. */
  writeKeys?: readonly string[];
  /** With `--forward`: accepted messages are appended to this queue (on disk) before the answer. */
  forward?: { queue: ForwardQueue; notify: () => void };
  /** Protocols' controls (all `allow` when not given). */
  controls?: Controls;
  /** Where blocked messages are written, with their violations. */
  quarantine?: Quarantine;
}

/** One generation's audit: its own auditor, and the lines it checked. */
interface Generation {
  number: number;
  auditor: Auditor;
  lines: number;
  bytes: number;
  messages: number;
  /** The first message that arrived in it: the store is read back to here, no further. */
  firstSeq: number;
}

/**
 * The pipeline behind Segment's API: a request's body is read (accept), each message checked
 * by the audit's own code and counted as it arrives (check), stored and written to the capture
 * (store), and only then is the request answered and are waits told. Forwarding and Protocols'
 * controls are later steps of the same pipe, between check and answer.
 */
export class Intake {
  readonly generations = new Generations();
  readonly store: MessageStore;
  readonly waits = new Waits();
  readonly rejected: Record<string, number> = {};
  /** Messages by type, event (see `countedEvent`) and verdict (`valid`, `invalid`, `blocked`), for `/metrics`. */
  readonly counts = new Map<string, number>();
  /** Violations by code, for `/metrics`. */
  readonly violationCounts: Record<string, number> = {};
  /** Unplanned properties taken out by `omit`, for `/metrics`. */
  omittedCount = 0;
  /** Messages by event name, to keep the `/metrics` labels bounded (the first `MAX_EVENT_LABELS` names; the rest are `other`). */
  readonly #eventLabels = new Set<string>();
  /** Every line, in order: `trackplan audit` on the capture reads what this one read. */
  readonly #all: Auditor;
  #gen: Generation;
  #seq = 0;
  #received = 0;
  readonly #allowed: ReadonlySet<string> | undefined;
  #plan: PlanRevision;
  readonly #listeners = new Set<(m: StoredMessage) => void>();

  constructor(private readonly o: IntakeOptions) {
    this.store = new MessageStore(o.maxMessages, o.maxBytes);
    this.#plan = new PlanRevision(1, o.plan, o.locate, o.index);
    this.#all = new Auditor(o.index, o.capture.name);
    this.#gen = this.#newGeneration(1);
    this.#allowed = o.writeKeys && o.writeKeys.length > 0 ? new Set(o.writeKeys) : undefined;
  }

  /** The plan messages are checked against now. */
  get plan(): PlanRevision {
    return this.#plan;
  }

  /**
   * Check the messages that arrive from now on against another plan (one that passed `check`).
   * A request's messages are checked together, before anything is awaited, so each request is
   * checked by one plan: the one current when its body arrived. The counts so far are kept (each
   * message counted as the plan it arrived under found it); coverage is the new plan's.
   */
  usePlan(plan: Plan, locate: IntakeOptions['locate'], index: PlanIndex): PlanRevision {
    this.#plan = new PlanRevision(this.#plan.revision + 1, plan, locate, index);
    this.#all.usePlan(index);
    this.#gen.auditor.usePlan(index);
    return this.#plan;
  }

  /** Be told of each message stored, as it is stored (the live page's events); returns how to stop. */
  onMessage(listener: (m: StoredMessage) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  get capture(): Capture {
    return this.o.capture;
  }

  get generation(): number {
    return this.#gen.number;
  }

  /** Count a request refused before its body was read (by reason: `unauthorized`, `bad-gzip`, `not-found`, …). */
  refuse(reason: string): void {
    this.rejected[reason] = (this.rejected[reason] ?? 0) + 1;
  }

  /** Whether a write key may send (always, without `--write-key`). */
  allows(key: string | undefined): boolean {
    if (!this.#allowed) return true;
    return key !== undefined && (this.#allowed.has(key) || this.generations.issued(key) !== undefined);
  }

  /** A body that arrived whole on one of Segment's paths: check, store, capture, then say what to answer. */
  async accept(raw: Buffer, route: RouteKind, headerKey: string | undefined): Promise<Answer> {
    if (this.o.capture.error) return this.#captureFailed();
    // A byte-order mark is not part of the JSON (a file's first line loses it in the audit too).
    const bytes = raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf ? raw.subarray(3) : raw;
    const text = isUtf8(bytes) ? bytes.toString('utf8') : undefined;
    if (text !== undefined && isBlankLine(text)) return this.#refused(400, 'empty-body', 'The request has no body; send a message as JSON.');
    let body: unknown;
    let parsed = false;
    if (text !== undefined) {
      try {
        body = JSON.parse(text);
        parsed = true;
      } catch {
        // Counted below, as the audit counts a line that is not JSON.
      }
    }
    if (!parsed) {
      if (!this.allows(headerKey)) return this.#unauthorized(headerKey);
      return this.#badBody(bytes, text, headerKey);
    }
    const requestKey = headerKey ?? (isObject(body) && typeof body['writeKey'] === 'string' ? body['writeKey'] : undefined);
    if (!this.allows(requestKey)) return this.#unauthorized(requestKey);
    const receivedAt = new Date().toISOString();
    // A body whose every byte is ASCII has as many characters as bytes.
    const lines = requestLines(body, text!, route, receivedAt, requestKey, text!.length === bytes.length);
    if (!Array.isArray(lines)) return this.#refused(400, lines.code, lines.message);
    for (const l of lines) if (l.writeKey !== requestKey && !this.allows(l.writeKey)) return this.#unauthorized(l.writeKey);

    // Room in the forward queue is held before anything is counted: a full queue refuses the
    // whole request (503, which the SDKs retry), it never takes part of it.
    const forward = this.o.forward;
    const reserved = forward ? Buffer.byteLength(queueLines(lines)) : 0;
    if (forward && !forward.queue.reserve(reserved)) {
      this.refuse('queue-full');
      return { status: 503, retryAfter: 5, body: { error: 'queue-full', message: 'The forward queue is full (the upstream is behind or down); send again later.' } };
    }
    const queued: QueuedMessage[] = [];
    const quarantined: string[] = [];
    const texts: string[] = [];
    const checkedBy = this.#plan;
    const stored: { m: StoredMessage; message: unknown; span: SentSpan | undefined }[] = [];
    for (const l of lines) {
      const { line, header } = this.o.capture.take(true);
      if (header !== undefined) texts.push(header);
      texts.push(l.text);
      const outcome = this.#check(l.writeKey, (auditor, twin) => auditor.checkParsed(l.value, l.text, line, twin), l.text, header, l.bytes);
      if (outcome?.message && l.message && l.json !== undefined) {
        const m: StoredMessage = {
          seq: ++this.#seq,
          generation: this.generations.of(l.writeKey),
          line,
          receivedAt,
          ...(l.writeKey !== undefined ? { writeKey: l.writeKey } : {}),
          type: outcome.type,
          name: outcome.name,
          valid: !outcome.findings.some((f) => f.severity === 'error'),
          findings: outcome.findings,
          json: l.json,
          plan: checkedBy,
        };
        const verdict = applyControls(this.o.controls ?? CONTROLS_OFF, outcome.findings);
        if (verdict.blocked) m.blocked = verdict.blocked;
        if (verdict.omit.length > 0) m.omitted = verdict.omit;
        this.#count(m);
        this.#received++;
        if (m.generation === this.#gen.number) this.#gen.messages++;
        stored.push({ m, message: l.message, span: l.span });
        if (verdict.blocked) quarantined.push(Quarantine.line(verdict.blocked, receivedAt, l.writeKey, outcome.findings, l.json));
        else if (forward) queued.push({ ...(l.writeKey !== undefined ? { writeKey: l.writeKey } : {}), json: verdict.omit.length > 0 ? omitPaths(l.json, verdict.omit) : l.json });
      }
    }
    // A line of the client's own text is a slice of the body, and keeps all of it in memory
    // while the store holds the line: where what is stored is not most of the body (a large
    // member that is not a message beside small ones that are), the stored texts get strings of
    // their own, so the store's bound on bytes bounds memory (test/serve/store-memory.test.ts).
    // The client's own ASCII text is copied out of the body's bytes by the store itself.
    let storedChars = 0;
    for (const { m, span } of stored) if (!span) storedChars += m.json.length;
    if (storedChars > 0 && storedChars * 2 < text!.length) for (const { m, span } of stored) if (!span) m.json = ownCopy(m.json);
    for (const { m, span } of stored) this.store.add(m, span ? { body: bytes, span } : undefined);
    const appended = forward ? forward.queue.append(queued, reserved).then(() => true, () => false) : Promise.resolve(true);
    const kept = this.o.quarantine ? this.o.quarantine.write(quarantined).then(() => true, () => false) : Promise.resolve(true);
    try {
      await this.o.capture.write(texts);
    } catch {
      await Promise.all([appended, kept]);
      return this.#captureFailed();
    }
    if (!(await kept)) {
      this.refuse('quarantine-failed');
      await appended;
      return { status: 503, retryAfter: 5, body: { error: 'quarantine-failed', message: `Cannot write the quarantine ${this.o.quarantine!.file}; send again later.` } };
    }
    if (!(await appended)) {
      this.refuse('queue-failed');
      return { status: 503, retryAfter: 5, body: { error: 'queue-failed', message: 'Cannot write the forward queue; send again later.' } };
    }
    forward?.notify();
    for (const { m, message } of stored) this.waits.stored(m, message);
    if (this.#listeners.size > 0) for (const { m } of stored) for (const l of this.#listeners) l(m);
    return { status: 200, body: {} };
  }

  /** A body that is not UTF-8 or not JSON: one line of the capture, counted as the audit counts it there. */
  async #badBody(bytes: Buffer, text: string | undefined, key: string | undefined): Promise<Answer> {
    const line = oneLine(bytes, text);
    const { line: lineNo, header } = this.o.capture.take(false);
    const outcome = this.#check(key, (auditor, twin) => {
      twin?.checkBytes(line, lineNo);
      return auditor.checkBytes(line, lineNo);
    }, line, header);
    try {
      await this.o.capture.write(header !== undefined ? [header, line] : [line]);
    } catch {
      return this.#captureFailed();
    }
    const code = outcome && !outcome.message ? outcome.code : 'invalid-json';
    this.refuse(code);
    return { status: 400, body: { error: code, message: outcome && !outcome.message ? outcome.text : 'Not JSON.' } };
  }

  /**
   * Check a line with the all-time auditor, and with the current generation's when it belongs
   * there (`run` may count for both from one check: its second auditor).
   */
  #check(key: string | undefined, run: (a: Auditor, twin?: Auditor) => MessageOutcome[], text: string | Buffer, header: string | undefined, bytes?: number): MessageOutcome | undefined {
    const size = (bytes ?? (typeof text === 'string' ? Buffer.byteLength(text) : text.length)) + 1;
    this.o.capture.counted(size);
    const current = this.generations.of(key) === this.#gen.number;
    const outcome = run(this.#all, current ? this.#gen.auditor : undefined)[0];
    if (current) {
      this.#gen.lines += header !== undefined ? 2 : 1;
      this.#gen.bytes += size + (header !== undefined ? header.length + 1 : 0);
    }
    return outcome;
  }

  #count(m: StoredMessage): void {
    let event = m.name;
    if (!this.#eventLabels.has(event)) {
      if (this.#eventLabels.size < MAX_EVENT_LABELS) this.#eventLabels.add(event);
      else event = 'other';
    }
    const verdict = m.blocked !== undefined ? 'blocked' : m.valid ? 'valid' : 'invalid';
    const key = `${m.type}\u0000${event}\u0000${verdict}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    for (const f of m.findings) this.violationCounts[f.code] = (this.violationCounts[f.code] ?? 0) + 1;
    this.omittedCount += m.omitted?.length ?? 0;
  }

  /** Start a new generation: its number and the write key issued for it. */
  reset(): { generation: number; writeKey: string } {
    const next = this.generations.next();
    this.#gen = this.#newGeneration(next.generation);
    this.waits.reset(next.generation);
    return next;
  }

  /** The audit's report of the current generation's messages, or of every message (`all`): what `trackplan audit` says of the capture. */
  report(which: 'current' | 'all', limits: AuditLimits): AuditReport {
    return this.reportWithTimeline(which, limits).report;
  }

  /** The report, and the messages over time that the HTML report charts (not part of the report model). */
  reportWithTimeline(which: 'current' | 'all', limits: AuditLimits): { report: AuditReport; timeline?: Timeline } {
    const summary = which === 'all' ? this.#all.snapshot(this.o.capture.lines, this.o.capture.bytes) : this.#gen.auditor.snapshot(this.#gen.lines, this.#gen.bytes);
    flagEmptyInputs(summary);
    locateGroups(summary, this.#plan.plan, this.#plan.locate);
    return { report: buildReport(summary, this.#plan.plan, limits), ...(summary.timeline ? { timeline: summary.timeline } : {}) };
  }

  /** Stored messages of the current generation, oldest first, that `keep` keeps; the last `limit` of them. */
  current(keep: (m: StoredMessage) => boolean = () => true, limit = Infinity): StoredMessage[] {
    const out: StoredMessage[] = [];
    for (const m of this.store.newestFirst()) {
      if (m.seq < this.#gen.firstSeq || out.length >= limit) break;
      if (m.generation === this.#gen.number && keep(m)) out.push(m);
    }
    return out.reverse();
  }

  /** A stored message as the API shows it, as JSON text (the message's own JSON is spliced in, not parsed again). */
  messageJson(m: StoredMessage): string {
    const violations: Violation[] = m.findings.map((f) => {
      const plan = m.plan.place(m.type, m.name, f.code, f.path);
      return { ...f, ...(plan ? { plan } : {}) };
    });
    const head: Omit<ReceivedMessage, 'message'> = { seq: m.seq, generation: m.generation, line: m.line, receivedAt: m.receivedAt, ...(m.writeKey !== undefined ? { writeKey: m.writeKey } : {}), planRevision: m.plan.revision, valid: m.valid, violations, ...(m.blocked !== undefined ? { blocked: m.blocked as 'unplanned-event' | 'violations' } : {}), ...(m.omitted ? { omitted: m.omitted } : {}) };
    return `${JSON.stringify(head).slice(0, -1)},"message":${m.json}}`;
  }

  status(): ServeStatus {
    const plan = this.#plan.plan;
    const capture = this.o.capture;
    return {
      generation: this.#gen.number,
      writeKey: this.generations.keyFor(),
      plan: { file: plan.file, ...(plan.name !== undefined ? { name: plan.name } : {}), ...(plan.version !== undefined ? { version: plan.version } : {}), revision: this.#plan.revision },
      messages: { received: this.#received, generation: this.#gen.messages, stored: this.store.size },
      rejected: { ...this.rejected },
      ...(capture.file !== undefined ? { capture: { file: capture.file, lines: capture.lines, bytes: capture.bytes } } : {}),
    };
  }

  #newGeneration(n: number): Generation {
    return { number: n, auditor: new Auditor(this.#plan.index, this.o.capture.name), lines: 0, bytes: 0, messages: 0, firstSeq: this.#seq + 1 };
  }

  #refused(status: 400, code: string, message: string): Answer {
    this.refuse(code);
    return { status, body: { error: code, message } };
  }

  #unauthorized(key: string | undefined): Answer {
    this.refuse('unauthorized');
    return { status: 401, body: { error: 'unauthorized', message: key === undefined ? 'This server takes only the write keys it was given (--write-key); the request had none.' : 'This server takes only the write keys it was given (--write-key), and the keys `reset` issues.' } };
  }

  #captureFailed(): Answer {
    this.refuse('capture-failed');
    return { status: 503, body: { error: 'capture-failed', message: `Cannot write the capture: ${this.o.capture.error?.message ?? 'write failed'}.` } };
  }
}

/** A copy of a string that shares no memory with the one it was cut from. */
function ownCopy(s: string): string {
  return Buffer.from(s, 'utf8').toString('utf8');
}

/** The bytes a request's messages may take in the forward queue (its JSON lines, and their envelopes). */
function queueLines(lines: readonly { json?: string; writeKey?: string }[]): string {
  return lines.map((l) => (l.json === undefined ? '' : `{"k":${JSON.stringify(l.writeKey ?? '')},"m":${l.json}}\n`)).join('');
}

/**
 * A body that is not JSON, as one line: its line breaks become spaces, as long as it still
 * fails to parse (a break inside a string made it invalid, and a space would mend it: then
 * U+0001, which JSON allows nowhere), so the audit reads it as the one bad line it was.
 */
function oneLine(bytes: Buffer, text: string | undefined): Buffer {
  if (!bytes.includes(10) && !bytes.includes(13)) return bytes;
  const spaced = replaceBreaks(bytes, 32);
  if (text === undefined) return spaced;
  try {
    JSON.parse(spaced.toString('utf8'));
  } catch {
    return spaced;
  }
  return replaceBreaks(bytes, 1);
}

function replaceBreaks(bytes: Buffer, by: number): Buffer {
  const out = Buffer.from(bytes);
  for (let i = 0; i < out.length; i++) if (out[i] === 10 || out[i] === 13) out[i] = by;
  return out;
}
