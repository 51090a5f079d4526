import type { MessageFinding } from '../audit/auditor.js';
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

/**
 * The most recent messages, in arrival order: a ring of at most `maxMessages` messages and
 * `maxBytes` of their JSON, so a long run takes bounded memory. The oldest go first.
 */
export class MessageStore {
  #items: (StoredMessage | undefined)[] = [];
  #start = 0;
  #size = 0;
  #bytes = 0;

  constructor(
    readonly maxMessages: number,
    readonly maxBytes: number,
  ) {}

  get size(): number {
    return this.#size;
  }

  add(m: StoredMessage): void {
    // Grows to its limit before it wraps: a short test run never allocates 100,000 slots.
    if (this.#size === this.#items.length && this.#items.length < this.maxMessages) {
      this.#items.length = Math.min(this.maxMessages, Math.max(64, this.#items.length * 2));
      // Growing moves the wrapped part: re-lay the ring from its start.
      if (this.#start !== 0) {
        const old = this.#items.slice();
        for (let i = 0; i < this.#size; i++) this.#items[i] = old[(this.#start + i) % this.#size];
        for (let i = this.#size; i < this.#items.length; i++) this.#items[i] = undefined;
        this.#start = 0;
      }
    }
    if (this.#size === this.#items.length) this.#dropOldest();
    this.#items[(this.#start + this.#size) % this.#items.length] = m;
    this.#size++;
    this.#bytes += m.json.length;
    while (this.#bytes > this.maxBytes && this.#size > 1) this.#dropOldest();
  }

  /** Messages from the most recent back (stop iterating to stop early). */
  *newestFirst(): Generator<StoredMessage> {
    for (let i = this.#size - 1; i >= 0; i--) yield this.#items[(this.#start + i) % this.#items.length]!;
  }

  #dropOldest(): void {
    const m = this.#items[this.#start]!;
    this.#bytes -= m.json.length;
    this.#items[this.#start] = undefined;
    this.#start = (this.#start + 1) % this.#items.length;
    this.#size--;
  }
}
