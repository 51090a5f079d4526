import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Intake } from './intake.js';
import { MAX_BATCH_BYTES, MAX_MESSAGE_BYTES, type RouteKind } from './message-lines.js';
import { cdnSettings } from './settings.js';
import { methodNotAllowed, refusal } from './http-errors.js';

/** Segment's paths, and the short ones analytics-next posts to (`/v1/t`, `/v1/b` when batching). */
const ROUTES: [string[], RouteKind][] = [
  [['/v1/track', '/v1/t'], 'track'],
  [['/v1/identify', '/v1/i'], 'identify'],
  [['/v1/page', '/v1/p'], 'page'],
  [['/v1/screen', '/v1/s'], 'screen'],
  [['/v1/group', '/v1/g'], 'group'],
  [['/v1/alias', '/v1/a'], 'alias'],
  [['/v1/batch', '/v1/b', '/v1/import'], 'batch'],
];

/** Route config: which of Segment's calls a path takes (read by the error handler for the size limit's words). */
export interface SegmentRouteConfig {
  kind?: RouteKind | 'metrics';
}

/**
 * Segment's HTTP API as the SDKs send it: JSON or `text/plain` JSON (analytics-next), plain or
 * gzip, the write key in `Authorization: Basic` or in the body. Registered in a context of its
 * own: bodies are read as bytes here (the intake reads them as the audit reads a line), while
 * the server's own API keeps fastify's JSON parser.
 */
export async function segmentRoutes(app: FastifyInstance, opts: { intake: Intake }): Promise<void> {
  const { intake } = opts;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.addHook('preParsing', async (req, _reply, payload) => decoded(req, payload));

  for (const [paths, kind] of ROUTES) {
    for (const url of paths) {
      app.post(url, { bodyLimit: kind === 'batch' ? MAX_BATCH_BYTES : MAX_MESSAGE_BYTES, config: { kind } satisfies SegmentRouteConfig }, async (req, reply) => {
        const answer = await intake.accept((req.body as Buffer | undefined) ?? Buffer.alloc(0), kind, basicAuthKey(req.headers.authorization));
        if (answer.retryAfter !== undefined) void reply.header('retry-after', String(answer.retryAfter));
        return reply.code(answer.status).send(answer.body);
      });
      app.route({ method: ['GET', 'HEAD', 'PUT', 'DELETE', 'PATCH'], url, handler: methodNotAllowed(intake, 'POST') });
    }
  }

  // analytics-next's remote metrics: answered, not stored (they are about the library, not the product).
  app.post('/v1/m', { bodyLimit: 64 * 1024, config: { kind: 'metrics' } satisfies SegmentRouteConfig }, async (_req, reply) => reply.code(200).send({}));
  app.route({ method: ['GET', 'HEAD', 'PUT', 'DELETE', 'PATCH'], url: '/v1/m', handler: methodNotAllowed(intake, 'POST') });

  app.get('/v1/projects/:writeKey/settings', async (req: FastifyRequest<{ Params: { writeKey: string } }>, reply: FastifyReply) => {
    const key = req.params.writeKey;
    if (!intake.allows(key)) return refusal(reply, intake, 401, 'unauthorized', 'This server takes only the write keys it was given (--write-key), and the keys `reset` issues.');
    // The host the page reached this server by (localhost, 127.0.0.1, a name), so its calls go there too.
    const host = req.host || `${req.socket.localAddress?.includes(':') ? `[${req.socket.localAddress}]` : req.socket.localAddress}:${req.socket.localPort}`;
    return reply.send(cdnSettings(key, `${host}/v1`));
  });
  app.route({ method: ['POST', 'PUT', 'DELETE', 'PATCH'], url: '/v1/projects/:writeKey/settings', handler: methodNotAllowed(intake, 'GET, HEAD') });
}

/** The write key of `Authorization: Basic base64(writeKey:)`, as analytics-node and analytics-next send it. */
export function basicAuthKey(header: string | undefined): string | undefined {
  const m = header === undefined ? null : /^\s*basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
  if (!m) return undefined;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const key = colon === -1 ? decoded : decoded.slice(0, colon);
  return key === '' ? undefined : key;
}

/**
 * The body as sent, decompressed when `Content-Encoding: gzip` says so. fastify holds the
 * decompressed bytes to the route's limit (so a small bomb is refused as too large) and checks
 * `Content-Length` against the bytes that came over the wire (`receivedEncodedLength`). Damaged
 * or cut gzip data fails the stream, and the request is refused (400), never half read.
 */
function decoded(req: FastifyRequest, payload: Readable): Readable {
  const encoding = (req.headers['content-encoding'] ?? '').trim().toLowerCase();
  if (encoding === '' || encoding === 'identity') return payload;
  if (encoding !== 'gzip' && encoding !== 'x-gzip') throw Object.assign(new Error(`Content-Encoding ${JSON.stringify(encoding)} is not supported; send gzip or no encoding.`), { statusCode: 415, code: 'TRACKPLAN_UNSUPPORTED_ENCODING' });
  const gunzip = createGunzip() as ReturnType<typeof createGunzip> & { receivedEncodedLength: number };
  gunzip.receivedEncodedLength = 0;
  payload.on('data', (chunk: Buffer) => {
    gunzip.receivedEncodedLength += chunk.length;
  });
  pipeline(payload, gunzip, () => {
    // Errors reach fastify through the gunzip stream it reads.
  });
  return gunzip;
}
