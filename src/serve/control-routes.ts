import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LimitError, parseAuditLimits } from '../audit/limits.js';
import { AUDIT_FORMATS, type AuditFormat, renderAudit } from '../report/audit-reporters.js';
import type { ResetResult } from './api-types.js';
import { methodNotAllowed, refusal } from './http-errors.js';
import type { Intake } from './intake.js';
import { matches } from './match.js';
import { plural } from '../report/count-words.js';
import type { StoredMessage } from './store.js';
import { closestTo } from './waits.js';

/** The longest a wait may be asked to wait, and how deep its match may nest. */
export const MAX_WAIT_MS = 60_000;
const MAX_MATCH_DEPTH = 64;
const TYPES = ['track', 'identify', 'page', 'screen', 'group', 'alias'];
const CONTENT_TYPES: Record<AuditFormat, string> = { json: 'application/json; charset=utf-8', junit: 'application/xml; charset=utf-8', markdown: 'text/markdown; charset=utf-8', github: 'text/plain; charset=utf-8', pretty: 'text/plain; charset=utf-8', html: 'text/html; charset=utf-8' };

interface MessagesQuery {
  type?: string;
  event?: string;
  valid?: boolean;
  limit?: number;
}

interface WaitBody {
  match: Record<string, unknown>;
  count?: number;
  timeoutMs?: number;
}

interface ReportQuery {
  format?: AuditFormat;
  generation?: 'current' | 'all';
  'fail-on'?: string;
  'max-violations'?: string;
  'max-rate'?: string;
  'min-coverage'?: string;
}

/** The server's own API, for tests: `/trackplan/messages`, `/wait`, `/reset`, `/report`, `/status`, and `/healthz`. */
export async function controlRoutes(app: FastifyInstance, opts: { intake: Intake }): Promise<void> {
  const { intake } = opts;
  // A POST without a body (`reset`) is fine even when it says it is JSON.
  const json = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => (body === '' ? done(null, undefined) : json(req, body as string, done)));

  const route = (method: 'GET' | 'POST', url: string, options: object, handler: (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>) => {
    app.route({ method, url, ...options, handler });
    app.route({ method: method === 'GET' ? ['POST', 'PUT', 'DELETE', 'PATCH'] : ['GET', 'HEAD', 'PUT', 'DELETE', 'PATCH'], url, handler: methodNotAllowed(intake, method === 'GET' ? 'GET, HEAD' : 'POST') });
  };

  route('GET', '/healthz', {}, async (_req, reply) => reply.send({ ok: true }));
  route('GET', '/trackplan/status', {}, async (_req, reply) => reply.send(intake.status()));

  route(
    'GET',
    '/trackplan/messages',
    { schema: { querystring: { type: 'object', additionalProperties: false, properties: { type: { enum: TYPES }, event: { type: 'string' }, valid: { type: 'boolean' }, limit: { type: 'integer', minimum: 1 } } } } },
    async (req, reply) => {
      const q = req.query as MessagesQuery;
      const found = intake.current((m) => (q.type === undefined || m.type === q.type) && (q.event === undefined || (m.name === q.event && (m.type === 'track' || m.type === 'page' || m.type === 'screen'))) && (q.valid === undefined || m.valid === q.valid), q.limit);
      return reply.type('application/json; charset=utf-8').send(`[${found.map((m) => intake.messageJson(m)).join(',')}]`);
    },
  );

  route(
    'POST',
    '/trackplan/wait',
    {
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['match'],
          properties: { match: { type: 'object' }, count: { type: 'integer', minimum: 1, maximum: 100_000 }, timeoutMs: { type: 'integer', minimum: 0, maximum: MAX_WAIT_MS } },
        },
      },
    },
    async (req, reply) => {
      const body = req.body as WaitBody;
      if (depth(body.match) > MAX_MATCH_DEPTH) return refusal(reply, intake, 400, 'invalid-request', `body/match nests deeper than ${MAX_MATCH_DEPTH} levels.`);
      const count = body.count ?? 1;
      const timeoutMs = body.timeoutMs ?? 5000;
      const generation = intake.generation;
      // Parsed one at a time, and only until enough match.
      const earlier = function* () {
        for (const stored of intake.current()) yield { stored, message: JSON.parse(stored.json) as unknown };
      };
      return new Promise<void>((resolve) => {
        const drop = intake.waits.wait(generation, body.match, count, timeoutMs, earlier(), (end) => {
          if (end.kind === 'matched') {
            void reply.type('application/json; charset=utf-8').send(`{"generation":${generation},"messages":[${end.messages.map((m) => intake.messageJson(m)).join(',')}]}`);
          } else if (end.kind === 'timeout') {
            void reply.code(408).type('application/json; charset=utf-8').send(timeoutBody(intake, generation, body.match, count, timeoutMs));
          } else if (end.kind === 'reset') {
            void reply.code(409).send({ error: 'reset', message: `The generation this wait was for (${generation}) ended: /trackplan/reset was called while it waited.` });
          } else {
            void reply.code(503).send({ error: 'closing', message: 'The server is shutting down.' });
          }
          resolve();
        });
        // A client that gives up (its own timeout, a closed test) leaves no wait behind.
        reply.raw.once('close', () => {
          if (!reply.raw.writableFinished) {
            drop();
            // Nobody is left to answer: the half-closed connection is ended here, or it would
            // linger (and hold up the server's close) until the keep-alive timeout.
            reply.hijack();
            reply.raw.destroy();
            resolve();
          }
        });
      });
    },
  );

  route('POST', '/trackplan/reset', {}, async (_req, reply) => reply.send(intake.reset() satisfies ResetResult));

  route(
    'GET',
    '/trackplan/report',
    {
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { format: { enum: [...AUDIT_FORMATS] }, generation: { enum: ['current', 'all'] }, 'fail-on': { type: 'string' }, 'max-violations': { type: 'string' }, 'max-rate': { type: 'string' }, 'min-coverage': { type: 'string' } },
        },
      },
    },
    async (req, reply) => {
      const q = req.query as ReportQuery;
      let limits;
      try {
        limits = parseAuditLimits({ failOn: q['fail-on'], maxViolations: q['max-violations'], maxRate: q['max-rate'], minCoverage: q['min-coverage'] });
      } catch (e) {
        if (e instanceof LimitError) return refusal(reply, intake, 400, 'invalid-request', e.message);
        throw e;
      }
      const format = q.format ?? 'json';
      const { report, timeline } = intake.reportWithTimeline(q.generation ?? 'current', limits);
      return reply
        .header('x-trackplan-verdict', report.verdict.failed ? 'failed' : 'passed')
        .type(CONTENT_TYPES[format])
        .send(await renderAudit(format, report, timeline ? { timeline } : {}));
    },
  );
}

/** The 408 of a wait: how many matched, and the messages closest to the match, with where they differ. */
function timeoutBody(intake: Intake, generation: number, match: Record<string, unknown>, count: number, timeoutMs: number): string {
  const candidates = intake.current().map((stored: StoredMessage) => ({ stored, message: JSON.parse(stored.json) as unknown }));
  const found = candidates.filter((c) => matches(match, c.message)).length;
  const closest = closestTo(match, candidates, 5);
  const status = intake.status();
  const head = {
    error: 'timeout',
    message: `Waited ${timeoutMs} ms for ${plural(count, 'message')} matching; ${found} matched, of ${plural(candidates.length, 'message')} stored in generation ${generation}.`,
    generation,
    count,
    found,
    timeoutMs,
  };
  const list = closest.map((c) => `${JSON.stringify(c.closeness).slice(0, -1)},"message":${intake.messageJson(c.stored)}}`);
  return `${JSON.stringify(head).slice(0, -1)},"closest":[${list.join(',')}],"received":${JSON.stringify({ messages: status.messages.generation, rejected: status.rejected })}}`;
}

/** How deep a value nests (a match is walked recursively: a deep one is refused, not a stack overflow). */
function depth(v: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[v, 1]];
  while (stack.length > 0) {
    const [x, d] = stack.pop()!;
    if (x === null || typeof x !== 'object') continue;
    max = Math.max(max, d);
    if (max > MAX_MATCH_DEPTH) return max;
    for (const c of Object.values(x)) stack.push([c, d + 1]);
  }
  return max;
}
