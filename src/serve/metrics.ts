import type { FastifyInstance } from 'fastify';
import type { Forwarder } from './forwarder.js';
import type { Intake } from './intake.js';

/** Prometheus' text exposition format, version 0.0.4. */
export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

type Sample = [labels: Record<string, string>, value: number];

/**
 * The server's counters in Prometheus' text format: messages by type, event and verdict,
 * violations by code, bad requests by reason, and with `--forward` the queue's depth, what
 * went upstream and the upstream's failures by status. Pure: the same counts give the same text
 * (samples sorted by their labels).
 */
export function metricsText(intake: Intake, forwarder: Forwarder | undefined): string {
  const out: string[] = [];
  const metric = (name: string, type: 'counter' | 'gauge', help: string, samples: Sample[]) => {
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    const lines = samples.map(([labels, v]) => `${name}${labelText(labels)} ${v}`);
    out.push(...lines.sort());
  };
  const messages: Sample[] = [...intake.counts].map(([key, v]) => {
    const [type, event, verdict] = key.split('\u0000') as [string, string, string];
    return [{ type, event, verdict }, v];
  });
  metric('trackplan_messages_total', 'counter', 'Messages received, by type, event (the first 50 names seen; the rest are "other") and verdict (valid, invalid, blocked).', messages);
  metric('trackplan_violations_total', 'counter', 'Violations found, by code.', Object.entries(intake.violationCounts).map(([code, v]) => [{ code }, v]));
  metric('trackplan_bad_requests_total', 'counter', 'Requests refused, by reason.', Object.entries(intake.rejected).map(([reason, v]) => [{ reason }, v]));
  metric('trackplan_omitted_properties_total', 'counter', 'Unplanned properties taken out before forwarding (--unplanned-properties omit).', [[{}, intake.omittedCount]]);
  if (forwarder) {
    const d = forwarder.queue.depth;
    const s = forwarder.stats;
    metric('trackplan_forward_queue_messages', 'gauge', 'Messages in the forward queue, not yet accepted upstream.', [[{}, d.messages]]);
    metric('trackplan_forward_queue_bytes', 'gauge', 'Bytes of the forward queue on disk.', [[{}, d.bytes]]);
    metric('trackplan_forwarded_total', 'counter', 'Messages the upstream accepted.', [[{}, s.forwarded]]);
    metric('trackplan_forward_rejected_total', 'counter', 'Messages the upstream refused for good (4xx other than 408 and 429), written to the dead letter file.', [[{}, s.rejected]]);
    metric('trackplan_upstream_failures_total', 'counter', 'Failed attempts to send a batch upstream, by status (timeout and network when there was none).', Object.entries(s.failures).map(([status, v]) => [{ status }, v]));
  }
  return `${out.join('\n')}\n`;
}

function labelText(labels: Record<string, string>): string {
  const e = Object.entries(labels);
  if (e.length === 0) return '';
  return `{${e.map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`).join(',')}}`;
}

/** `GET /metrics`, and `GET /readyz`: ready unless the upstream's last answer was a failure (503 then, so a balancer sends elsewhere). */
export async function metricsRoutes(app: FastifyInstance, opts: { intake: Intake; forwarder: Forwarder | undefined }): Promise<void> {
  app.get('/metrics', async (_req, reply) => reply.header('content-type', METRICS_CONTENT_TYPE).send(metricsText(opts.intake, opts.forwarder)));
  app.get('/readyz', async (_req, reply) => {
    const f = opts.forwarder;
    if (!f || f.stats.healthy) return reply.send({ ready: true });
    return reply.code(503).send({ ready: false, reason: 'The upstream is failing; messages are kept in the forward queue.', queue: f.queue.depth });
  });
}
