import { createHmac, randomBytes } from 'node:crypto';

const ISSUED = /^tp-(\d{1,15})-([0-9a-f]{20})$/;

/**
 * Generations and the write keys issued for them. `reset` starts a new generation and issues a
 * key for it; a message sent with an issued key belongs to that key's generation whenever it
 * arrives, so a client of an earlier test that flushes late is never counted in the current
 * one. A message sent with any other key (or none) belongs to the generation current when it
 * arrives. Keys are signed (an HMAC of the generation with a secret of this process), so the
 * server remembers no list of them and no client can make one up.
 */
export class Generations {
  #current = 1;
  readonly #secret = randomBytes(32);
  // The last keys checked: a client sends the same key with every message.
  readonly #checked = new Map<string, number | undefined>();

  get current(): number {
    return this.#current;
  }

  /** The key issued for a generation (the current one by default). */
  keyFor(generation = this.#current): string {
    return `tp-${generation}-${this.#sign(generation)}`;
  }

  /** Start the next generation; its key. */
  next(): { generation: number; writeKey: string } {
    this.#current++;
    return { generation: this.#current, writeKey: this.keyFor() };
  }

  /** The generation a key was issued for, or undefined for a key the server did not issue. */
  issued(key: string | undefined): number | undefined {
    if (key === undefined || !key.startsWith('tp-')) return undefined;
    if (this.#checked.has(key)) return this.#checked.get(key);
    const m = ISSUED.exec(key);
    const generation = m && Number(m[1]) <= this.#current && this.#sign(Number(m[1])) === m[2] ? Number(m[1]) : undefined;
    if (this.#checked.size >= 1024) this.#checked.clear();
    this.#checked.set(key, generation);
    return generation;
  }

  /** The generation a message sent with `key` belongs to, arriving now. */
  of(key: string | undefined): number {
    return this.issued(key) ?? this.#current;
  }

  #sign(generation: number): string {
    return createHmac('sha256', this.#secret).update(String(generation)).digest('hex').slice(0, 20);
  }
}
