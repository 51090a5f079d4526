import { appendDurably } from './durable-append.js';
import { ForwardQueue, type QueuedMessage, type Segment } from './forward-queue.js';

/** How the forwarder sends: the upstream, the batch limits, and the retry schedule. */
export interface ForwardOptions {
  /** The upstream's base URL: batches go to `<url>/v1/batch`. */
  url: string;
  /** At most this many messages in a batch (default 100)… */
  batchMessages: number;
  /** …and at most this many bytes of body (default 480 KB, under Segment's 500 KB). */
  batchBytes: number;
  /** A message waits at most this long before its segment is sent (default 1 s), as the SDKs' flushInterval. */
  flushIntervalMs: number;
  /** A request upstream that takes longer is abandoned and retried (default 15 s). */
  timeoutMs: number;
  /** The first retry waits up to this long (default 500 ms), doubling each time… */
  minBackoffMs: number;
  /** …up to this long (default 60 s). */
  maxBackoffMs: number;
  /** Where a batch the upstream refused for good (4xx other than 408/429) is written, one message a line. */
  deadLetter: string;
}

/** The longest an upstream's `Retry-After` is obeyed for. */
export const MAX_RETRY_AFTER_MS = 60_000;

export const FORWARD_DEFAULTS = { batchMessages: 100, batchBytes: 480 * 1024, flushIntervalMs: 1000, timeoutMs: 15_000, minBackoffMs: 500, maxBackoffMs: 60_000 } as const;

/** What the forwarder has done, for `/metrics` and `/trackplan/status`. */
export interface ForwardStats {
  forwarded: number;
  batches: number;
  /** Failed attempts by status (`timeout`, `network` when there was none). */
  failures: Record<string, number>;
  /** Messages the upstream refused for good (written to the dead letter file). */
  rejected: number;
  /** Whether the last attempt reached the upstream and was accepted (true before any). */
  healthy: boolean;
}

/**
 * Sends the queue's segments upstream, oldest first, as Segment's SDKs send: a segment's
 * messages grouped by write key (each batch with its own key, as `Authorization: Basic` and in
 * the body), in batches within the limits. A batch that fails with 5xx, 408, 429, a timeout or
 * a network error is sent again after an exponential backoff with full jitter (or the
 * `Retry-After` the upstream gave), for as long as it takes: nothing answered 200 is dropped.
 * A 4xx other than 408 and 429 is the upstream saying no for good: the batch goes to the dead
 * letter file and is counted. A segment's file is deleted once all its batches are done, so a
 * crash between the upstream's 200 and the deletion sends those batches again (same messageId).
 */
export class Forwarder {
  readonly stats: ForwardStats = { forwarded: 0, batches: 0, failures: {}, rejected: 0, healthy: true };
  #stopped = false;
  #wake: (() => void) | undefined;
  #abort = new AbortController();
  #loop: Promise<void> | undefined;
  #firstOpenAt: number | undefined;
  /** Batches already accepted of the segment in progress (its file is still there). */
  #doneInSegment = new WeakMap<Segment, number>();

  constructor(
    readonly queue: ForwardQueue,
    readonly o: ForwardOptions,
  ) {}

  start(): void {
    this.#loop ??= this.#run();
  }

  /** Messages were appended: the sender may have work. */
  notify(): void {
    this.#firstOpenAt ??= Date.now();
    this.#wake?.();
  }

  /**
   * Send what the upstream takes within `graceMs`, then stop (an attempt in flight is
   * abandoned: its batch stays on disk). Resolves once the sender has stopped.
   */
  async drain(graceMs: number): Promise<void> {
    const deadline = Date.now() + graceMs;
    this.#draining = true;
    this.#wake?.();
    while (!this.queue.empty && Date.now() < deadline && !this.#stopped) await sleep(Math.min(20, deadline - Date.now()));
    this.#stopped = true;
    this.#abort.abort();
    this.#wake?.();
    await this.#loop;
  }

  #draining = false;

  async #run(): Promise<void> {
    let attempt = 0;
    while (!this.#stopped) {
      const due = this.#draining || this.queue.openBytes >= this.o.batchBytes || (this.#firstOpenAt !== undefined && Date.now() - this.#firstOpenAt >= this.o.flushIntervalMs);
      const segment = await this.queue.oldest(due);
      if (!segment) {
        if (this.queue.openBytes === 0) this.#firstOpenAt = undefined;
        const wait = this.#firstOpenAt !== undefined ? Math.max(1, this.o.flushIntervalMs - (Date.now() - this.#firstOpenAt)) : 60_000;
        await this.#sleep(wait);
        continue;
      }
      if (this.queue.openBytes === 0) this.#firstOpenAt = undefined;
      else this.#firstOpenAt ??= Date.now();
      const batches = batchesOf(segment.messages, this.o.batchMessages, this.o.batchBytes);
      let i = this.#doneInSegment.get(segment) ?? 0;
      while (i < batches.length && !this.#stopped) {
        const b = batches[i]!;
        const r = await this.#send(b);
        if (r.ok) {
          attempt = 0;
          this.stats.healthy = true;
          this.stats.batches++;
          this.stats.forwarded += b.messages.length;
        } else if (r.reject) {
          try {
            await appendDurably(this.o.deadLetter, b.messages.map((m) => `{"status":${r.status},${m.writeKey !== undefined ? `"writeKey":${JSON.stringify(m.writeKey)},` : ''}"message":${m.json}}\n`).join(''));
          } catch {
            // The dead letter file cannot be written: the batch stays in the queue and is tried again later.
            this.stats.failures['dead-letter'] = (this.stats.failures['dead-letter'] ?? 0) + 1;
            await this.#sleep(this.o.maxBackoffMs);
            continue;
          }
          attempt = 0;
          this.stats.rejected += b.messages.length;
          this.stats.failures[r.status] = (this.stats.failures[r.status] ?? 0) + 1;
        } else {
          this.stats.healthy = false;
          if (!this.#stopped) this.stats.failures[r.status] = (this.stats.failures[r.status] ?? 0) + 1;
          const backoff = Math.min(this.o.maxBackoffMs, this.o.minBackoffMs * 2 ** attempt++);
          const wait = r.retryAfterMs !== undefined ? Math.min(MAX_RETRY_AFTER_MS, r.retryAfterMs) : Math.random() * backoff;
          await this.#sleep(wait);
          continue;
        }
        this.#doneInSegment.set(segment, ++i);
      }
      if (i === batches.length) await this.queue.done(segment);
    }
  }

  async #send(b: Batch): Promise<{ ok: true } | { ok: false; reject: boolean; status: string; retryAfterMs?: number }> {
    const body = `{"batch":[${b.messages.map((m) => m.json).join(',')}],${b.writeKey !== undefined ? `"writeKey":${JSON.stringify(b.writeKey)},` : ''}"sentAt":${JSON.stringify(new Date().toISOString())}}`;
    const timeout = AbortSignal.timeout(this.o.timeoutMs);
    try {
      const res = await fetch(`${this.o.url}/v1/batch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'trackplan-serve', ...(b.writeKey !== undefined ? { authorization: `Basic ${Buffer.from(`${b.writeKey}:`).toString('base64')}` } : {}) },
        body,
        signal: AbortSignal.any([timeout, this.#abort.signal]),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) return { ok: true };
      const retry = res.status >= 500 || res.status === 408 || res.status === 429;
      const ra = retryAfter(res.headers.get('retry-after'));
      return { ok: false, reject: !retry, status: String(res.status), ...(ra !== undefined ? { retryAfterMs: ra } : {}) };
    } catch {
      return { ok: false, reject: false, status: timeout.aborted ? 'timeout' : 'network' };
    }
  }

  #sleep(ms: number): Promise<void> {
    if (this.#stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        resolve();
      }
      this.#wake = () => {
        this.#wake = undefined;
        done();
      };
    });
  }
}

interface Batch {
  writeKey: string | undefined;
  messages: QueuedMessage[];
}

/** A segment's messages by write key (in order of first arrival), in batches within the limits. */
export function batchesOf(messages: readonly QueuedMessage[], maxMessages: number, maxBytes: number): Batch[] {
  const byKey = new Map<string | undefined, QueuedMessage[]>();
  for (const m of messages) {
    const list = byKey.get(m.writeKey);
    if (list) list.push(m);
    else byKey.set(m.writeKey, [m]);
  }
  const out: Batch[] = [];
  // Room for the envelope: {"batch":[…],"writeKey":…,"sentAt":…}.
  const envelope = 200;
  for (const [writeKey, list] of byKey) {
    let cur: QueuedMessage[] = [];
    let bytes = envelope + (writeKey?.length ?? 0);
    for (const m of list) {
      const n = Buffer.byteLength(m.json) + 1;
      if (cur.length > 0 && (cur.length >= maxMessages || bytes + n > maxBytes)) {
        out.push({ writeKey, messages: cur });
        cur = [];
        bytes = envelope + (writeKey?.length ?? 0);
      }
      cur.push(m);
      bytes += n;
    }
    if (cur.length > 0) out.push({ writeKey, messages: cur });
  }
  return out;
}

/** `Retry-After` in milliseconds: seconds, or an HTTP date. */
function retryAfter(v: string | null): number | undefined {
  if (v === null) return undefined;
  if (/^\s*\d+\s*$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, t - Date.now());
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, Math.max(0, ms)));
}
