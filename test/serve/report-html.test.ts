import { describe, expect, it } from 'vitest';
import { LIVE_PAGE } from '../../src/serve/live-page.js';
import { order, post, send, serve } from './helpers.js';

describe('GET /trackplan/report?format=html', () => {
  it("answers the audit's HTML report with charts of what arrived, and the live page links to it", async () => {
    const server = await serve();
    try {
      await post(server.url, '/v1/batch', { batch: [{ ...order('o-1'), timestamp: '2026-11-26T08:00:00Z' }, { ...order('o-2', { total: -1 }), timestamp: '2026-11-26T09:30:00Z' }] });
      const r = await send(server.url, '/trackplan/report?format=html', { method: 'GET' });
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(r.headers['x-trackplan-verdict']).toBe('failed');
      expect(r.text).toMatch(/<p class="verdict failed" role="status">FAILED: /);
      expect(r.text).toContain("for a discrete scale with 2 values: 2026-11-26 08:00, 2026-11-26 09:00");
      const bad = await send(server.url, '/trackplan/report?format=pdf', { method: 'GET' });
      expect(bad.status).toBe(400);
    } finally {
      await server.close();
    }
    expect(LIVE_PAGE).toContain('<a href="/trackplan/report?format=html">Report with charts</a>');
  });
});
