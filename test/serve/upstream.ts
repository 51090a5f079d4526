import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A batch as the upstream received it. */
export interface Received {
  writeKey: string | undefined;
  bodyKey: unknown;
  messages: Record<string, unknown>[];
}

/** What the fake upstream does with a request: answer with a status (and headers), or `hang` past the sender's timeout. */
export type Behaviour = { status: number; headers?: Record<string, string>; delayMs?: number } | 'hang';

/**
 * A local stand-in for Segment's tracking API, on 127.0.0.1: it records every batch it
 * accepts (status 200) and answers the others as `next` says (500s, a 429, a request it never
 * answers), so the tests see what the forwarder does against an upstream that fails.
 */
export async function fakeUpstream(): Promise<{ url: string; accepted: Received[]; attempts: string[]; times: number[]; next: Behaviour[]; otherwise: Behaviour; close: () => Promise<void> }> {
  const state = { accepted: [] as Received[], attempts: [] as string[], times: [] as number[], next: [] as Behaviour[], otherwise: { status: 200 } as Behaviour };
  const hanging: ServerResponse[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const b = state.next.shift() ?? state.otherwise;
      state.attempts.push(b === 'hang' ? 'hang' : String(b.status));
      state.times.push(Date.now());
      if (b === 'hang') return void hanging.push(res);
      if (b.status === 200) {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { batch: Record<string, unknown>[]; writeKey?: unknown };
        const auth = req.headers.authorization;
        const key = auth ? Buffer.from(auth.replace(/^Basic /, ''), 'base64').toString('utf8').replace(/:$/, '') : undefined;
        if (req.url !== '/v1/batch') throw new Error(`unexpected path ${req.url}`);
        state.accepted.push({ writeKey: key, bodyKey: body.writeKey, messages: body.batch });
      }
      const answer = () => {
        if (res.destroyed) return;
        res.writeHead(b.status, { 'content-type': 'application/json', ...b.headers });
        res.end(b.status === 200 ? '{"success":true}' : '{"error":"no"}');
      };
      // Taken, then answered too late: the sender has given up on it by then.
      if (b.delayMs !== undefined) setTimeout(answer, b.delayMs);
      else answer();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    get accepted() {
      return state.accepted;
    },
    get attempts() {
      return state.attempts;
    },
    get times() {
      return state.times;
    },
    get next() {
      return state.next;
    },
    set next(v: Behaviour[]) {
      state.next = v;
    },
    get otherwise() {
      return state.otherwise;
    },
    set otherwise(v: Behaviour) {
      state.otherwise = v;
    },
    close: () =>
      new Promise<void>((r) => {
        for (const h of hanging) h.destroy();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Wait until `check` holds (the forwarder works in the background), or fail after `ms`. */
export async function until(check: () => boolean, ms = 5000): Promise<void> {
  const t0 = Date.now();
  while (!check()) {
    if (Date.now() - t0 > ms) throw new Error('timed out waiting for the upstream');
    await new Promise((r) => setTimeout(r, 10));
  }
}
