import { formatDiagnostics } from '../report/diagnostics-text.js';
import { CONTROL_VALUES, CONTROLS_OFF, type Controls, describeControls } from '../serve/controls.js';
import type { PlanChange } from '../serve/plan-watch.js';
import { ServeError, startServer } from '../serve/server.js';
import { readConfig } from './config-file.js';
import { EXIT, InputError, UsageError } from './errors.js';
import { paintFor } from './terminal.js';

export interface ServeCliOptions {
  port?: string;
  host?: string;
  out?: string;
  writeKey?: string[];
  maxMessages?: string;
  forward?: string;
  queueDir?: string;
  queueMaxBytes?: string;
  shutdownGrace?: string;
  unplannedEvents?: string;
  unplannedProperties?: string;
  violations?: string;
  quarantine?: string;
  /** False with `--no-watch`. */
  watch?: boolean;
}

/**
 * `trackplan serve <plan>`: a Segment-compatible endpoint that checks messages as they arrive.
 * The first line on stdout is the URL, printed once the server accepts connections; SIGINT or
 * SIGTERM stops it (requests in flight are answered, the capture flushed) with exit code 0.
 */
export async function runServe(plan: string, opts: ServeCliOptions): Promise<number> {
  const port = whole(opts.port, '--port', 0, 65535);
  const maxMessages = whole(opts.maxMessages, '--max-messages', 1, 10_000_000);
  const queueMaxBytes = whole(opts.queueMaxBytes, '--queue-max-bytes', 64 * 1024, Number.MAX_SAFE_INTEGER);
  const grace = whole(opts.shutdownGrace, '--shutdown-grace', 0, 3600);
  const controls = await controlsOf(opts);
  if (opts.host !== undefined && opts.host.trim() === '') throw new UsageError('--host takes an address to listen on (127.0.0.1, ::1, 0.0.0.0), not an empty string.');
  for (const k of opts.writeKey ?? []) if (k === '' || /[\s:]/.test(k)) throw new UsageError(`--write-key takes a key without spaces or colons (it is sent as \`Basic base64(key:)\`), not ${JSON.stringify(k)}.`);

  let server;
  try {
    server = await startServer({
      plan,
      ...(opts.host !== undefined ? { host: opts.host } : {}),
      ...(port !== undefined ? { port } : {}),
      ...(opts.out !== undefined ? { out: opts.out } : {}),
      ...(opts.writeKey !== undefined ? { writeKeys: opts.writeKey } : {}),
      ...(maxMessages !== undefined ? { maxMessages } : {}),
      ...(opts.forward !== undefined ? { forward: opts.forward } : {}),
      ...(opts.queueDir !== undefined ? { queueDir: opts.queueDir } : {}),
      ...(queueMaxBytes !== undefined ? { queueMaxBytes } : {}),
      ...(grace !== undefined ? { shutdownGraceMs: grace * 1000 } : {}),
      controls,
      ...(opts.quarantine !== undefined ? { quarantine: opts.quarantine } : {}),
      watch: opts.watch !== false,
      onPlanChange: (c) => process.stderr.write(planChangeText(plan, c)),
    });
  } catch (e) {
    if (!(e instanceof ServeError)) throw e;
    if (e.diagnostics.length > 0) process.stderr.write(formatDiagnostics(e.diagnostics, { paint: paintFor(process.stderr) }));
    throw new InputError(e.message);
  }
  const p = server.plan;
  const on = describeControls({ ...CONTROLS_OFF, ...controls });
  // Signals are taken before the URL is printed: a test that stops the server as soon as it has
  // read the first lines must find the handler there (before it, SIGTERM kills the process).
  const stopped = new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  process.stdout.write(`${server.url}\n`);
  process.stdout.write(`trackplan serve: checking messages against ${plan}${p.name ? ` (${p.name}${p.version ? ` ${p.version}` : ''})` : ''}; ${opts.out !== undefined ? `capture ${opts.out}` : 'no capture file'}; ${opts.writeKey?.length ? `write keys ${opts.writeKey.join(', ')}` : 'any write key'}. Segment's API at ${server.url}/v1, this server's own at ${server.url}/trackplan.${on !== '' ? ` Controls: ${on}${opts.quarantine !== undefined ? ` (quarantine ${opts.quarantine})` : ''}.` : ''} Ctrl-C stops it.\n`);
  if (server.forwarder) {
    const d = server.forwarder.queue.depth;
    process.stdout.write(`trackplan serve: forwarding to ${opts.forward} through the queue ${opts.queueDir ?? '.trackplan/forward-queue'}${d.messages > 0 ? ` (${d.messages} message${d.messages === 1 ? '' : 's'} left by a previous run go first)` : ''}.\n`);
  }

  // A capture that cannot be written (a full disk): said at once; messages are refused (503, so
  // the SDKs keep them and retry) from then on, and the exit code says the file is not whole.
  void server.intake.capture.failed.then((e) => process.stderr.write(`trackplan serve: cannot write ${opts.out}: ${e.message}; messages are refused (503) from now on.\n`));

  await stopped;
  // A second signal while closing ends the process at once (the default action is back).
  await server.close();
  const status = server.intake.status();
  const left = server.forwarder?.queue.depth;
  process.stderr.write(`trackplan serve: stopped after ${status.messages.received} message${status.messages.received === 1 ? '' : 's'}${status.capture ? `; ${status.capture.file} has ${status.capture.lines} line${status.capture.lines === 1 ? '' : 's'}` : ''}${server.forwarder ? `; forwarded ${server.forwarder.stats.forwarded}, ${left!.messages} left in the queue` : ''}.\n`);
  const failed = server.intake.capture.error;
  if (failed) throw new InputError(`The capture ${opts.out} is not whole: writing it failed (${failed.message}).`);
  return EXIT.ok;
}

/** The controls: a flag wins over `serve:` in trackplan.config.yaml. */
async function controlsOf(opts: ServeCliOptions): Promise<Partial<Controls>> {
  const flags: Record<keyof Controls, string> = { unplannedEvents: '--unplanned-events', unplannedProperties: '--unplanned-properties', violations: '--violations' };
  const found = await readConfig();
  const out: Record<string, string> = { ...(found?.config.serve ?? {}) };
  for (const [key, flag] of Object.entries(flags) as [keyof Controls, string][]) {
    const v = opts[key];
    if (v === undefined) continue;
    const modes: readonly string[] = CONTROL_VALUES[key];
    if (!modes.includes(v)) throw new UsageError(`${flag} takes ${modes.join(' or ')}, not "${v}".`);
    out[key] = v;
  }
  return out as Partial<Controls>;
}

/** A change to the plan, for stderr: one line when it is swapped in, one line per error when it is refused. */
function planChangeText(plan: string, c: PlanChange): string {
  if (c.kind === 'loaded') return `trackplan serve: ${plan} changed; later messages are checked against it (plan revision ${c.revision}).\n`;
  const lines = c.diagnostics.map((d) => `${d.file}${d.range ? `:${d.range.start.line}:${d.range.start.col}` : ''}: error ${d.code}: ${d.message.replace(/\s*\n\s*/g, ' ')}`);
  return `${lines.join('\n')}\ntrackplan serve: ${plan} changed but has ${c.diagnostics.length} error${c.diagnostics.length === 1 ? '' : 's'}; messages are still checked against the plan loaded before. Fix the file and save it again.\n`;
}

function whole(v: string | undefined, flag: string, lo: number, hi: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || n < lo || n > hi) throw new UsageError(`${flag} takes a whole number from ${lo} to ${hi}, not "${v}".`);
  return n;
}
