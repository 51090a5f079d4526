import type { Closest } from './api-types.js';
import { compare, matches } from './match.js';
import type { StoredMessage } from './store.js';

/** How a wait ended. */
export type WaitEnd = { kind: 'matched'; messages: StoredMessage[] } | { kind: 'timeout' } | { kind: 'reset' } | { kind: 'closing' };

interface Waiter {
  generation: number;
  match: Record<string, unknown>;
  count: number;
  found: StoredMessage[];
  end(e: WaitEnd): void;
}

/**
 * Long polls (`POST /trackplan/wait`): each waiter is told of every message of its generation
 * as it is stored, and answered once enough match; nothing polls. A reset ends the waits of
 * the generation it ends; closing the server ends them all.
 */
export class Waits {
  readonly #waiters = new Set<Waiter>();

  get size(): number {
    return this.#waiters.size;
  }

  /**
   * Wait for `count` messages that match. `earlier` are the messages of the generation already
   * stored (oldest first); `end` is called once, with how the wait ended.
   */
  wait(generation: number, match: Record<string, unknown>, count: number, timeoutMs: number, earlier: Iterable<{ stored: StoredMessage; message: unknown }>, end: (e: WaitEnd) => void): () => void {
    const found: StoredMessage[] = [];
    for (const { stored, message } of earlier) {
      if (matches(match, message)) found.push(stored);
      if (found.length === count) {
        end({ kind: 'matched', messages: found });
        return () => undefined;
      }
    }
    const waiter: Waiter = {
      generation,
      match,
      count,
      found,
      end: (e) => {
        clearTimeout(timer);
        this.#waiters.delete(waiter);
        end(e);
      },
    };
    const timer = setTimeout(() => waiter.end({ kind: 'timeout' }), timeoutMs);
    this.#waiters.add(waiter);
    // The caller's way to drop the wait (the client went away).
    return () => {
      clearTimeout(timer);
      this.#waiters.delete(waiter);
    };
  }

  /** A message was stored (and captured): tell the waits of its generation. */
  stored(m: StoredMessage, message: unknown): void {
    for (const w of this.#waiters) {
      if (w.generation !== m.generation || !matches(w.match, message)) continue;
      w.found.push(m);
      if (w.found.length === w.count) w.end({ kind: 'matched', messages: w.found });
    }
  }

  /** A new generation began: waits of older ones end. */
  reset(generation: number): void {
    for (const w of this.#waiters) if (w.generation < generation) w.end({ kind: 'reset' });
  }

  /** The server is closing: every wait ends now rather than holding the close up. */
  closeAll(): void {
    for (const w of this.#waiters) w.end({ kind: 'closing' });
  }
}

/** The messages closest to a match: most matching values first, then the most recent; at most `n`. */
export function closestTo(match: Record<string, unknown>, candidates: Iterable<{ stored: StoredMessage; message: unknown }>, n: number): { stored: StoredMessage; closeness: Omit<Closest, 'message'> }[] {
  const scored: { stored: StoredMessage; closeness: Omit<Closest, 'message'> }[] = [];
  for (const { stored, message } of candidates) scored.push({ stored, closeness: compare(match, message) });
  return scored.sort((a, b) => b.closeness.matched - a.closeness.matched || b.stored.seq - a.stored.seq).slice(0, n);
}
