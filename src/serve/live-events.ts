import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { Intake } from './intake.js';
import { LIVE_PAGE, LIVE_PAGE_CSP } from './live-page.js';

/**
 * A client may fall this far behind (bytes written to its socket and not yet taken) before it is
 * dropped: a page in a background tab or a stalled reader must not make the server buffer without
 * bound. A dropped page's EventSource reconnects, and the page reads the store again.
 */
export const MAX_EVENT_LAG_BYTES = 1024 * 1024;
/** A comment line this often keeps proxies and idle timers from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;

/** The live page (`GET /`) and the stream it reads (`GET /trackplan/events`, server-sent events: one event per message stored). */
export async function liveRoutes(app: FastifyInstance, opts: { intake: Intake; lagBytes?: number }): Promise<void> {
  const { intake } = opts;
  const lagBytes = opts.lagBytes ?? MAX_EVENT_LAG_BYTES;
  const streams = new Set<ServerResponse>();

  app.get('/', async (_req, reply) => reply.type('text/html; charset=utf-8').header('content-security-policy', LIVE_PAGE_CSP).header('cache-control', 'no-store').send(LIVE_PAGE));

  app.get('/trackplan/events', async (req, reply) => {
    if (req.method === 'HEAD') return reply.type('text/event-stream; charset=utf-8').send();
    reply.hijack();
    const res = reply.raw;
    // A client gone between two writes: its close ends the stream below; nothing to throw.
    res.on('error', () => undefined);
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write(`retry: 1000\nevent: hello\ndata: ${JSON.stringify({ generation: intake.generation, planRevision: intake.plan.revision })}\n\n`);
    streams.add(res);
    const stop = intake.onMessage((m) => {
      if (res.destroyed || res.writableLength > lagBytes) return end();
      // A message's own JSON may hold line breaks (as sent, between tokens): each line its own `data:`.
      res.write(`data: ${intake.messageJson(m).split(/\r\n|\r|\n/).join('\ndata: ')}\n\n`);
    });
    const beat = setInterval(() => res.write(':\n\n'), HEARTBEAT_MS);
    beat.unref();
    const end = () => {
      stop();
      clearInterval(beat);
      streams.delete(res);
      if (!res.destroyed) res.destroy();
    };
    req.raw.once('close', end);
    res.once('close', end);
  });

  // Streams never end on their own: closing the server ends them.
  app.addHook('preClose', (done) => {
    for (const res of streams) res.destroy();
    done();
  });
}
