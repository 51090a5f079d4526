import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/serve/server.js';
import { order, serve } from './helpers.js';

// A stored message's text starts as a slice of its request's body (src/serve/member-spans.ts),
// and a slice can keep the whole body in memory. A body that is mostly not messages must not
// stay behind the one small message stored from it: the store's bound on bytes has to bound
// memory.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

describe('the store holds what it counts', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await serve();
  });
  afterAll(() => server.close());

  // An ASCII body's messages are copied into the store's blocks; another body's are strings.
  it.each([
    ['ASCII', 'x', 30 * 1024],
    ['not ASCII', 'é', 15 * 1024],
  ])('keeps no 400 KB body alive behind the small message stored from it (%s)', async (_, c, n) => {
    const filler = c.repeat(n);
    const bodies = 60;
    const before = heap();
    for (let i = 0; i < bodies; i++) {
      // One message beside thirteen 30 KB members that are not messages (no type): dropped, not stored.
      const body = JSON.stringify({ batch: [order(`m${c}${i}`), ...Array.from({ length: 13 }, (_, k) => ({ note: `${k}${filler}` }))] });
      const answer = await server.intake.accept(Buffer.from(body), 'batch', undefined);
      expect(answer.status).toBe(200);
    }
    expect(server.intake.current((m) => m.json.includes(`m${c}`)).length).toBe(bodies);
    const grown = heap() - before;
    // Retained bodies would be 60 × 400 KB = 24 MB; what is stored is 60 small messages.
    expect(grown).toBeLessThan(4 * 1024 * 1024);
  });

  it('still shares the body when the messages stored are most of it (the common case, no copy)', async () => {
    const body = JSON.stringify({ batch: Array.from({ length: 50 }, (_, i) => order(`all${i}`)) });
    expect((await server.intake.accept(Buffer.from(body), 'batch', undefined)).status).toBe(200);
    const stored = server.intake.current((m) => m.json.includes('"all'));
    expect(stored).toHaveLength(50);
    expect(stored.map((m) => JSON.parse(m.json).properties.order_id)).toEqual(Array.from({ length: 50 }, (_, i) => `all${i}`));
  });
});

function heap(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}
