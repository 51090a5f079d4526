import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Intake } from './intake.js';
import type { SegmentRouteConfig } from './segment-routes.js';

/** Answer a refused request with `{error, message}` and count it by reason. */
export function refusal(reply: FastifyReply, intake: Intake, status: number, code: string, message: string): FastifyReply {
  intake.refuse(code);
  return reply.code(status).send({ error: code, message });
}

/** 405 for a path that exists under another method, naming the methods it takes. */
export function methodNotAllowed(intake: Intake, allow: string) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    reply.header('allow', allow);
    return refusal(reply, intake, 405, 'method-not-allowed', `${req.method} is not allowed on ${req.routeOptions.url ?? req.url}; use ${allow}.`);
  };
}

const ZLIB = new Set(['Z_DATA_ERROR', 'Z_BUF_ERROR', 'Z_NEED_DICT', 'Z_STREAM_ERROR', 'ERR_ZLIB_INITIALIZATION_FAILED']);

/**
 * Every error as a JSON answer, with the status Segment gives (a body over the limit is a 400,
 * as Segment answers it, not fastify's 413), counted by reason. Bad input never gets a 5xx:
 * SDKs retry those, and would send the same bad request again and again.
 */
export function errorHandler(intake: Intake, timedOut: WeakSet<object>) {
  return (err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const kind = (req.routeOptions.config as SegmentRouteConfig | undefined)?.kind;
    // The socket was ended by the request timeout (counted there), or the client went away.
    if (timedOut.has(req.raw.socket) || req.raw.socket.destroyed) {
      if (!timedOut.has(req.raw.socket)) intake.refuse('aborted');
      return reply.code(400).send({ error: 'aborted', message: 'The request ended before its body did.' });
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      if (kind === 'batch') return refusal(reply, intake, 400, 'batch-too-large', "The batch is over Segment's limit of 500 KB a request.");
      if (kind === undefined || kind === 'metrics') return refusal(reply, intake, 400, 'body-too-large', 'The body is larger than this path takes.');
      return refusal(reply, intake, 400, 'message-too-large', "The message is over Segment's limit of 32 KB a call.");
    }
    if (ZLIB.has(err.code)) return refusal(reply, intake, 400, 'bad-gzip', `The body is not the gzip data Content-Encoding says it is (${err.message}).`);
    if (err.code === 'TRACKPLAN_UNSUPPORTED_ENCODING') return refusal(reply, intake, 415, 'unsupported-encoding', err.message);
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      const type = req.headers['content-type'];
      return refusal(reply, intake, 415, 'unsupported-media-type', `${type === undefined ? 'The request has no Content-Type' : `Content-Type ${JSON.stringify(type)} is not read here`}; send application/json (or text/plain JSON, as analytics-next does).`);
    }
    if (err.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') return refusal(reply, intake, 400, 'bad-content-length', 'The body is not as long as Content-Length says.');
    if (err.validation) return refusal(reply, intake, 400, 'invalid-request', err.message);
    const status = err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status < 500) return refusal(reply, intake, status, 'invalid-request', err.message);
    intake.refuse('internal-error');
    return reply.code(500).send({ error: 'internal-error', message: `trackplan serve failed on this request: ${err.message}. This is a bug; please report it.` });
  };
}
