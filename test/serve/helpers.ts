import { request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import { type RunningServer, type ServeOptions, startServer } from '../../src/serve/server.js';

/** The small plan serve tests check against (test/serve/fixtures/shop.yaml). */
export const SHOP = fileURLToPath(new URL('./fixtures/shop.yaml', import.meta.url));

/** `trackplan serve` in this process, on a free port of 127.0.0.1, with timeouts short enough for tests. */
export function serve(options: Partial<ServeOptions> = {}): Promise<RunningServer> {
  return startServer({ plan: SHOP, headersTimeoutMs: 400, requestTimeoutMs: 800, ...options });
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: Record<string, unknown>;
}

/**
 * One HTTP request with exactly the bytes given (node:http, a new connection each time): fetch
 * would not send a lying gzip or a body cut short as it is.
 */
export function send(url: string, path: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<RawResponse> {
  const u = new URL(path, url);
  const body = typeof options.body === 'string' ? Buffer.from(options.body) : options.body;
  // A header given as '' is left out (a request without Content-Type).
  const headers = Object.fromEntries(Object.entries({ ...(body ? { 'content-type': 'application/json', 'content-length': String(body.length) } : {}), ...options.headers }).filter(([, v]) => v !== ''));
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: u.hostname, port: u.port, path: `${u.pathname}${u.search}`, method: options.method ?? 'POST', agent: false, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: Record<string, unknown> = {};
          try {
            json = JSON.parse(text) as Record<string, unknown>;
          } catch {
            // Not JSON (a report in another format).
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** POST a JSON value (stringified) to one of Segment's paths. */
export function post(url: string, path: string, value: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  return send(url, path, { body: JSON.stringify(value), headers });
}

/** `Authorization: Basic base64(key:)`, as Segment's SDKs send a write key. */
export function basic(key: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` };
}

/** A track message of the shop plan, valid unless `properties` say otherwise. */
export function order(orderId: string, properties: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'track', event: 'Order Completed', userId: 'u1', messageId: `m-${orderId}`, properties: { order_id: orderId, total: 10, currency: 'EUR', ...properties } };
}
