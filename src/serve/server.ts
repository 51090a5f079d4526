import type { AddressInfo, Socket } from 'node:net';
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import cors from '@fastify/cors';
import Fastify, { type FastifyInstance } from 'fastify';
import { indexPlan } from '../audit/plan-spec.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { loadPlan } from '../load/load-plan.js';
import type { Plan } from '../model/plan.js';
import { checkReportTargets, ReportPathError, whyUnwritable } from '../output/report-files.js';
import { Capture } from './capture.js';
import { Connections } from './connections.js';
import { controlRoutes } from './control-routes.js';
import { errorHandler, refusal } from './http-errors.js';
import { CONTROL_VALUES, CONTROLS_OFF, type Controls, Quarantine } from './controls.js';
import { ForwardQueue, QueueError } from './forward-queue.js';
import { FORWARD_DEFAULTS, type ForwardOptions, Forwarder } from './forwarder.js';
import { Intake } from './intake.js';
import { MAX_BATCH_BYTES } from './message-lines.js';
import { metricsRoutes } from './metrics.js';
import { segmentRoutes } from './segment-routes.js';
import { liveRoutes } from './live-events.js';
import { type PlanChange, watchPlan } from './plan-watch.js';

/** How to run `trackplan serve` (the CLI's flags, and the options of `start()` in `trackplan/collector`). */
export interface ServeOptions {
  /** The plan file (YAML). */
  plan: string;
  /** The address to listen on (default 127.0.0.1: nothing outside this machine can send). */
  host?: string;
  /** The port (default 0: a free one; the URL says which). */
  port?: number;
  /** Write every line the server checks to this NDJSON file (replaced if it exists), before answering. */
  out?: string;
  /** Accept only these write keys (and the keys `reset` issues); any key when empty. */
  writeKeys?: readonly string[];
  /** The store keeps the most recent messages: at most this many (default 100,000)… */
  maxMessages?: number;
  /** …and at most this many bytes of their JSON (default 256 MiB). */
  maxStoredBytes?: number;
  /** A client must send its headers within this time (default 10 s)… */
  headersTimeoutMs?: number;
  /** …and its whole request within this one (default 30 s); then it gets a 408 and its connection is closed. */
  requestTimeoutMs?: number;
  /** An idle keep-alive connection is closed after this time (default 5 s). */
  keepAliveTimeoutMs?: number;
  /** Send accepted messages on to this upstream (Segment's API, `https://api.segment.io`, or one like it): `<url>/v1/batch`. */
  forward?: string;
  /** The forward queue's folder (default `.trackplan/forward-queue`, under the working directory). */
  queueDir?: string;
  /** The forward queue holds at most this many bytes (default 256 MiB); then messages get 503 with Retry-After. */
  queueMaxBytes?: number;
  /** On close, the forwarder sends for at most this long (default 10 s); what is left stays in the queue. */
  shutdownGraceMs?: number;
  /** Protocols' controls (each `allow` unless given). */
  controls?: Partial<Controls>;
  /** Append blocked messages, with their violations, to this NDJSON file. */
  quarantine?: string;
  /** The forwarder's batch limits, timeout and retry schedule (tests shorten them). */
  forwarding?: Partial<Omit<ForwardOptions, 'url' | 'deadLetter'>>;
  /** Watch the plan and its imports, and check later messages against each change that passes `check` (default false; the CLI watches unless `--no-watch`). */
  watch?: boolean;
  /** Told of each change to the plan's files: swapped in, or refused with its errors (the old plan stays). */
  onPlanChange?: (change: PlanChange) => void;
}

/** What `trackplan serve` uses for the options not given. */
export const SERVE_DEFAULTS = {
  host: '127.0.0.1',
  port: 0,
  maxMessages: 100_000,
  maxStoredBytes: 256 * 1024 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  queueDir: '.trackplan/forward-queue',
  queueMaxBytes: 256 * 1024 * 1024,
  shutdownGraceMs: 10_000,
} as const;

/** A server that could not start: a plan with errors (its diagnostics attached), an --out refused, a port taken. One line. */
export class ServeError extends Error {
  override name = 'ServeError';
  constructor(
    message: string,
    readonly diagnostics: readonly Diagnostic[] = [],
  ) {
    super(message);
  }
}

/** A running server. */
export interface RunningServer {
  /** `http://127.0.0.1:PORT`: Segment's API is under `/v1/`, the server's own under `/trackplan/`. */
  readonly url: string;
  /** The plan messages are checked against now (it changes when a watched plan file does). */
  readonly plan: Plan;
  readonly intake: Intake;
  /** With `forward`: the sender (its stats) and its queue (its depth). */
  readonly forwarder?: Forwarder;
  /** Stop accepting, answer the requests in flight (waits end with 503), flush the capture; with `forward`, send what the upstream takes within the grace period and keep the rest on disk. */
  close(): Promise<void>;
}

/** Load the plan, open the capture, and listen; resolves once the server accepts connections. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const o = { ...SERVE_DEFAULTS, ...definedOnly(options), plan: options.plan };
  checkNumbers(o);
  const controls: Controls = { ...CONTROLS_OFF, ...definedOnly(options.controls ?? {}) };
  for (const [k, v] of Object.entries(controls)) if (!(CONTROL_VALUES[k as keyof Controls] as readonly string[]).includes(v)) throw new ServeError(`The control ${k} takes ${CONTROL_VALUES[k as keyof Controls].join(' or ')}, not ${JSON.stringify(v)}.`);
  const loaded = await loadPlan(o.plan);
  if (!loaded.plan) {
    const errors = loaded.diagnostics.filter((d) => d.severity === 'error').length;
    throw new ServeError(`${o.plan} has ${errors} error${errors === 1 ? '' : 's'}; fix them (see \`trackplan check ${o.plan}\`) before serving.`, loaded.diagnostics);
  }
  if (options.out !== undefined) {
    try {
      await checkReportTargets([{ flag: `--out ${options.out}`, path: options.out, what: 'capture' }], [...loaded.sources.keys()].map((file) => ({ file, what: 'a file of the plan' })));
    } catch (e) {
      if (e instanceof ReportPathError) throw new ServeError(e.message);
      throw e;
    }
  }
  const upstream = options.forward !== undefined ? upstreamUrl(options.forward) : undefined;
  const index = await indexPlan(loaded.plan);
  let capture: Capture;
  try {
    capture = options.out !== undefined ? await Capture.open(options.out) : Capture.none();
  } catch (e) {
    throw new ServeError(`Cannot write --out ${options.out}: ${whyUnwritable(e)}.`);
  }
  let forwarder: Forwarder | undefined;
  if (upstream !== undefined) {
    let queue: ForwardQueue;
    try {
      queue = await ForwardQueue.open(o.queueDir, o.queueMaxBytes);
    } catch (e) {
      await capture.close();
      if (e instanceof QueueError) throw new ServeError(e.message);
      throw e;
    }
    forwarder = new Forwarder(queue, { ...FORWARD_DEFAULTS, ...definedOnly(options.forwarding ?? {}), url: upstream, deadLetter: join(o.queueDir, 'dead-letter.ndjson') });
  }
  let quarantine: Quarantine | undefined;
  if (options.quarantine !== undefined) {
    try {
      await appendFile(options.quarantine, '');
      quarantine = new Quarantine(options.quarantine);
    } catch (e) {
      await capture.close();
      await forwarder?.queue.close();
      throw new ServeError(`Cannot write --quarantine ${options.quarantine}: ${whyUnwritable(e)}.`);
    }
  }
  const intake = new Intake({ controls, ...(quarantine ? { quarantine } : {}), plan: loaded.plan, locate: loaded.locate, index, capture, maxMessages: o.maxMessages, maxBytes: o.maxStoredBytes, ...(options.writeKeys ? { writeKeys: options.writeKeys } : {}), ...(forwarder ? { forward: { queue: forwarder.queue, notify: () => forwarder.notify() } } : {}) });
  const app = build(intake, o);
  void app.register(metricsRoutes, { intake, forwarder });
  try {
    await app.listen({ host: o.host, port: o.port });
  } catch (e) {
    await app.close().catch(() => undefined);
    await capture.close();
    await forwarder?.queue.close();
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'EADDRINUSE' ? 'the port is in use' : code === 'EACCES' ? 'permission denied (ports below 1024 need privileges)' : code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' ? 'no such address on this machine' : (e as Error).message;
    throw new ServeError(`Cannot listen on ${o.host}:${o.port}: ${why}.`);
  }
  const addr = app.server.address() as AddressInfo;
  const url = `http://${addr.family === 'IPv6' ? `[${addr.address}]` : addr.address}:${addr.port}`;
  // Leftover segments of a previous run go first (the queue holds them oldest first).
  forwarder?.start();
  const watcher = options.watch ? watchPlan(o.plan, loaded.sources, intake, options.onPlanChange ?? (() => undefined)) : undefined;
  const close = async () => {
    watcher?.close();
    await app.close();
    if (forwarder) {
      await forwarder.drain(o.shutdownGraceMs);
      await forwarder.queue.close();
    }
  };
  return {
    url,
    get plan() {
      return intake.plan.plan;
    },
    intake,
    ...(forwarder ? { forwarder } : {}),
    close,
  };
}

/** `--forward`'s URL, checked: http or https, no query; a trailing `/` and `/v1` are taken off (batches go to `<url>/v1/batch`). */
function upstreamUrl(s: string): string {
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    throw new ServeError(`--forward takes the upstream's URL (https://api.segment.io, or one like it), not ${JSON.stringify(s)}.`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new ServeError(`--forward takes an http or https URL, not ${JSON.stringify(s)}.`);
  if (u.search !== '' || u.hash !== '') throw new ServeError(`--forward takes the upstream's base URL without a query or fragment, not ${JSON.stringify(s)}.`);
  return `${u.origin}${u.pathname.replace(/\/+$/, '').replace(/\/v1$/, '')}`;
}

function build(intake: Intake, o: Required<Omit<ServeOptions, 'out' | 'writeKeys' | 'forward' | 'forwarding' | 'controls' | 'quarantine' | 'watch' | 'onPlanChange'>>): FastifyInstance {
  // Sockets the request timeout ended: their requests' errors are counted once, as timeouts.
  const timedOut = new WeakSet<object>();
  // Set once the server exists (below); the client error handler is given before.
  let connections: Connections | undefined;
  const app = Fastify({
    logger: false,
    bodyLimit: MAX_BATCH_BYTES,
    // No idle timeout on a socket: a long poll is idle by design. Slow clients are held to the
    // header and request timeouts instead, checked often enough to matter.
    connectionTimeout: 0,
    keepAliveTimeout: o.keepAliveTimeoutMs,
    requestTimeout: o.requestTimeoutMs,
    http: { headersTimeout: o.headersTimeoutMs, connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(o.headersTimeoutMs / 4))) },
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // Unknown query parameters and body keys are mistakes to report, not to drop quietly.
    ajv: { customOptions: { removeAdditional: false } },
    clientErrorHandler: (err: NodeJS.ErrnoException, socket: Socket) => {
      if (err.code === 'ECONNRESET' || socket.destroyed) return;
      const timeout = err.code === 'ERR_HTTP_REQUEST_TIMEOUT';
      if (timeout) timedOut.add(socket);
      // A client that went away in the middle of a request: that request's error says so (`aborted`), once.
      else if (connections?.busy(socket)) return void socket.destroy();
      intake.refuse(timeout ? 'timeout' : err.code === 'HPE_HEADER_OVERFLOW' ? 'headers-too-large' : 'bad-http');
      const [status, text, error, message] = timeout ? [408, 'Request Timeout', 'timeout', 'The request did not arrive in time.'] : err.code === 'HPE_HEADER_OVERFLOW' ? [431, 'Request Header Fields Too Large', 'headers-too-large', 'The headers are too large.'] : [400, 'Bad Request', 'bad-http', 'Not an HTTP request this server can read.'];
      const body = JSON.stringify({ error, message });
      if (socket.writable) socket.write(`HTTP/1.1 ${status} ${text}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${body}`);
      socket.destroy();
    },
  });
  // Pages on another local port send with an Authorization header: a preflight, answered here.
  void app.register(cors, { origin: true, credentials: true, maxAge: 600, exposedHeaders: ['X-Trackplan-Verdict'] });
  app.setErrorHandler(errorHandler(intake, timedOut));
  app.setNotFoundHandler((req, reply) => refusal(reply, intake, 404, 'not-found', `Nothing at ${req.method} ${req.url.split('?')[0]}: Segment's API is under /v1/ (/v1/batch, /v1/track, …), this server's own under /trackplan/.`));
  void app.register(segmentRoutes, { intake });
  void app.register(controlRoutes, { intake });
  void app.register(liveRoutes, { intake });
  const open = (connections = new Connections(app.server));
  app.addHook('preClose', (done) => {
    // Waits are answered (503) rather than held to their timeout; requests in flight have until
    // the request timeout to finish, connections without one are ended now.
    intake.waits.closeAll();
    open.close(o.requestTimeoutMs);
    done();
  });
  app.addHook('onClose', async () => {
    open.closed();
    await intake.capture.close();
  });
  return app;
}

function checkNumbers(o: { port: number; maxMessages: number; maxStoredBytes: number; headersTimeoutMs: number; requestTimeoutMs: number; keepAliveTimeoutMs: number; queueMaxBytes: number; shutdownGraceMs: number }): void {
  const whole = (v: number, name: string, lo: number, hi: number) => {
    if (!Number.isInteger(v) || v < lo || v > hi) throw new ServeError(`${name} takes a whole number from ${lo} to ${hi}, not ${v}.`);
  };
  whole(o.port, '--port', 0, 65535);
  whole(o.maxMessages, '--max-messages', 1, 10_000_000);
  whole(o.maxStoredBytes, 'maxStoredBytes', 1024, Number.MAX_SAFE_INTEGER);
  whole(o.headersTimeoutMs, 'headersTimeoutMs', 1, 3_600_000);
  whole(o.requestTimeoutMs, 'requestTimeoutMs', o.headersTimeoutMs, 3_600_000);
  whole(o.keepAliveTimeoutMs, 'keepAliveTimeoutMs', 1, 3_600_000);
  whole(o.queueMaxBytes, '--queue-max-bytes', 64 * 1024, Number.MAX_SAFE_INTEGER);
  whole(o.shutdownGraceMs, '--shutdown-grace', 0, 3_600_000);
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
