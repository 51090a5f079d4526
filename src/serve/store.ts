import type { MessageFinding } from '../audit/auditor.js';
import type { SentSpan } from './message-lines.js';
import type { PlanRevision } from './plan-revision.js';

/** A message as the store holds it: its JSON text (smaller than the parsed object), and what the audit found. */
export interface StoredMessage {
  seq: number;
  generation: number;
  line: number;
  receivedAt: string;
  writeKey?: string;
  type: string;
  /** The event name of a track, the name of a page or screen; '' for the others. */
  name: string;
  valid: boolean;
  findings: readonly MessageFinding[];
  /** Set when a control blocked it (not forwarded; quarantined): `unplanned-event` or `violations`. */
  blocked?: string;
  /** The unplanned properties a control took out before forwarding. */
  omitted?: readonly string[];
  /** The message as stored, as JSON (parsed again only when a wait looks back through the store). */
  json: string;
  /** The plan it was checked against (the plan file may change while `serve` runs). */
  plan: PlanRevision;
}

/** Where a message's JSON is the request body's own bytes (ASCII), and the body they are in. */
export interface SentBytes {
  body: Buffer;
  span: SentSpan;
}

/** What few messages have: findings, a control's verdict. Kept beside the columns, only where set. */
interface Extra {
  findings: readonly MessageFinding[];
  blocked?: string;
  omitted?: readonly string[];
}

const NO_FINDINGS: readonly MessageFinding[] = Object.freeze([]);
/** Names and write keys are shared by many messages: each distinct text is kept once, up to this many. */
const MAX_INTERNED = 4096;
/** The bytes of stored texts are written into blocks of this size (a message is at most 32 KB). */
const BLOCK_BYTES = 4 * 1024 * 1024;
/** Let-go blocks kept for reuse. */
const SPARE_BLOCKS = 2;

/**
 * The most recent messages, in arrival order: a ring of at most `maxMessages` messages and
 * `maxBytes` of their JSON, so a long run takes bounded memory. The oldest go first.
 *
 * Held as columns (typed arrays for numbers, arrays of shared strings), not as an object per
 * message, and the text of a message that is the client's own ASCII is copied into blocks of
 * bytes off the JS heap: a store of 100,000 messages that turns over many times a second is what
 * made serve's collector dear (every stored object and string outlives the young generation, is
 * copied twice and then marked by every full collection). An object, and the message's JSON as
 * a string, are made again only when a message is read back.
 */
export class MessageStore {
  #capacity = 0;
  #start = 0;
  #size = 0;
  #bytes = 0;
  #seq = new Float64Array(0);
  #generation = new Float64Array(0);
  #line = new Float64Array(0);
  #valid = new Uint8Array(0);
  /** The JSON, as a string; or undefined where it is in a block (the next four columns say where). */
  #json: (string | undefined)[] = [];
  #block = new Float64Array(0);
  #offset = new Float64Array(0);
  #length = new Float64Array(0);
  #tail: (string | undefined)[] = [];
  #type: string[] = [];
  #name: string[] = [];
  #receivedAt: string[] = [];
  #writeKey: (string | undefined)[] = [];
  #plan: (PlanRevision | undefined)[] = [];
  #extra: (Extra | undefined)[] = [];
  readonly #interned = new Map<string, string>();
  /** The blocks in use, oldest first; `#firstBlock` numbers the first of them. */
  #blocks: Buffer[] = [];
  #firstBlock = 0;
  #used = 0;
  /** Let-go blocks kept for reuse, so a store that turns over does not allocate them again and again. */
  #spare: Buffer[] = [];
  /** Blocks a view read back from (#at) points into: never reused. */
  #lent = new WeakSet<Buffer>();

  constructor(
    readonly maxMessages: number,
    readonly maxBytes: number,
  ) {}

  get size(): number {
    return this.#size;
  }

  /** The bytes of the blocks in use and kept for reuse (off the JS heap). */
  get blockBytes(): number {
    let n = 0;
    for (const b of this.#blocks) n += b.length;
    for (const b of this.#spare) n += b.length;
    return n;
  }

  /** Store a message; with `sent`, its JSON is taken from the body's bytes (`m.json` is not kept). */
  add(m: StoredMessage, sent?: SentBytes): void {
    // Grows to its limit before it wraps: a short test run never allocates 100,000 slots.
    if (this.#size === this.#capacity && this.#capacity < this.maxMessages) this.#grow(Math.min(this.maxMessages, Math.max(64, this.#capacity * 2)));
    if (this.#size === this.#capacity) this.#dropOldest();
    const i = (this.#start + this.#size) % this.#capacity;
    this.#seq[i] = m.seq;
    this.#generation[i] = m.generation;
    this.#line[i] = m.line;
    this.#valid[i] = m.valid ? 1 : 0;
    if (sent) {
      this.#copy(i, sent);
      this.#json[i] = undefined;
    } else {
      this.#json[i] = m.json;
      this.#tail[i] = undefined;
    }
    this.#type[i] = m.type;
    this.#name[i] = this.#intern(m.name);
    this.#receivedAt[i] = m.receivedAt;
    this.#writeKey[i] = m.writeKey === undefined ? undefined : this.#intern(m.writeKey);
    this.#plan[i] = m.plan;
    this.#extra[i] = m.findings.length > 0 || m.blocked !== undefined || m.omitted !== undefined ? { findings: m.findings, ...(m.blocked !== undefined ? { blocked: m.blocked } : {}), ...(m.omitted !== undefined ? { omitted: m.omitted } : {}) } : undefined;
    this.#size++;
    this.#bytes += m.json.length;
    while (this.#bytes > this.maxBytes && this.#size > 1) this.#dropOldest();
  }

  /** Messages from the most recent back (stop iterating to stop early). */
  *newestFirst(): Generator<StoredMessage> {
    for (let k = this.#size - 1; k >= 0; k--) yield this.#at((this.#start + k) % this.#capacity);
  }

  #at(i: number): StoredMessage {
    const extra = this.#extra[i];
    const json = this.#json[i];
    let text: Text;
    if (json !== undefined) text = json;
    else {
      const block = this.#blocks[this.#block[i]! - this.#firstBlock]!;
      // A block a view reads is never written again (see #release).
      this.#lent.add(block);
      const from = this.#offset[i]!;
      text = { block, from, to: from + this.#length[i]!, tail: this.#tail[i]! };
    }
    return new StoredView(this.#seq[i]!, this.#generation[i]!, this.#line[i]!, this.#receivedAt[i]!, this.#writeKey[i], this.#type[i]!, this.#name[i]!, this.#valid[i] === 1, extra, this.#plan[i]!, text);
  }

  /** Copy the message's bytes after the last ones written, in a new block when they do not fit. */
  #copy(i: number, { body, span }: SentBytes): void {
    let block = this.#blocks[this.#blocks.length - 1];
    if (block === undefined || this.#used + span.length > block.length) {
      block = (span.length <= BLOCK_BYTES ? this.#spare.pop() : undefined) ?? Buffer.allocUnsafeSlow(Math.max(BLOCK_BYTES, span.length));
      this.#blocks.push(block);
      this.#used = 0;
    }
    body.copy(block, this.#used, span.from, span.from + span.length);
    this.#block[i] = this.#firstBlock + this.#blocks.length - 1;
    this.#offset[i] = this.#used;
    this.#length[i] = span.length;
    this.#tail[i] = span.tail;
    this.#used += span.length;
  }

  /** One string for each distinct name (the clients' texts are new strings in every request); bounded, as names come from clients. */
  #intern(s: string): string {
    const known = this.#interned.get(s);
    if (known !== undefined) return known;
    if (this.#interned.size >= MAX_INTERNED) return s;
    this.#interned.set(s, s);
    return s;
  }

  /** Larger columns, the ring laid out again from its start. */
  #grow(capacity: number): void {
    const order = (k: number) => (this.#start + k) % this.#capacity;
    const numbers = (a: Float64Array) => {
      const b = new Float64Array(capacity);
      for (let k = 0; k < this.#size; k++) b[k] = a[order(k)]!;
      return b;
    };
    const list = <T>(a: T[]): T[] => {
      const b = new Array<T>(capacity);
      for (let k = 0; k < this.#size; k++) b[k] = a[order(k)]!;
      return b;
    };
    this.#seq = numbers(this.#seq);
    this.#generation = numbers(this.#generation);
    this.#line = numbers(this.#line);
    this.#block = numbers(this.#block);
    this.#offset = numbers(this.#offset);
    this.#length = numbers(this.#length);
    const valid = new Uint8Array(capacity);
    for (let k = 0; k < this.#size; k++) valid[k] = this.#valid[order(k)]!;
    this.#valid = valid;
    this.#json = list(this.#json);
    this.#tail = list(this.#tail);
    this.#type = list(this.#type);
    this.#name = list(this.#name);
    this.#receivedAt = list(this.#receivedAt);
    this.#writeKey = list(this.#writeKey);
    this.#plan = list(this.#plan);
    this.#extra = list(this.#extra);
    this.#start = 0;
    this.#capacity = capacity;
  }

  #dropOldest(): void {
    const i = this.#start;
    const json = this.#json[i];
    this.#bytes -= json !== undefined ? json.length : this.#length[i]! + this.#tail[i]!.length;
    if (json === undefined) this.#release(this.#block[i]!);
    // Let go of what the slot holds: the texts, findings and plan of a message the store no longer has.
    this.#json[i] = undefined;
    this.#tail[i] = undefined;
    this.#extra[i] = undefined;
    this.#writeKey[i] = undefined;
    this.#plan[i] = undefined;
    this.#start = (this.#start + 1) % this.#capacity;
    this.#size--;
  }

  /**
   * Blocks before the one the oldest message left is in are free (messages are dropped in the
   * order they were written). One is reused unless a message was read back from it: that view
   * may be kept (a wait's matches) and read after its message left the store.
   */
  #release(block: number): void {
    while (this.#firstBlock < block) {
      const free = this.#blocks.shift()!;
      this.#firstBlock++;
      if (this.#spare.length < SPARE_BLOCKS && free.length === BLOCK_BYTES && !this.#lent.has(free)) this.#spare.push(free);
    }
  }
}

/** A message's JSON: a string, or where its bytes are in a block, and the tail the server added. */
type Text = string | { block: Buffer; from: number; to: number; tail: string };

/** A stored message read back: its JSON is made when first read (filters by type or event never read it). */
class StoredView implements StoredMessage {
  readonly writeKey?: string;
  readonly findings: readonly MessageFinding[];
  readonly blocked?: string;
  readonly omitted?: readonly string[];
  #text: Text;

  constructor(
    readonly seq: number,
    readonly generation: number,
    readonly line: number,
    readonly receivedAt: string,
    writeKey: string | undefined,
    readonly type: string,
    readonly name: string,
    readonly valid: boolean,
    extra: Extra | undefined,
    readonly plan: PlanRevision,
    text: Text,
  ) {
    if (writeKey !== undefined) this.writeKey = writeKey;
    this.findings = extra?.findings ?? NO_FINDINGS;
    if (extra?.blocked !== undefined) this.blocked = extra.blocked;
    if (extra?.omitted !== undefined) this.omitted = extra.omitted;
    this.#text = text;
  }

  get json(): string {
    const t = this.#text;
    if (typeof t === 'string') return t;
    // The bytes are ASCII: latin1 reads each as the character it is.
    const json = t.block.toString('latin1', t.from, t.to) + t.tail;
    this.#text = json;
    return json;
  }
}
