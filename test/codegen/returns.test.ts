import { describe, expect, it } from 'vitest';
import * as generic from '../golden/edge-cases/generic/index.js';
import * as next from '../golden/ecommerce/analytics-next/index.js';

// What the generated functions give back when the SDK is not analytics-next's own instance
// (that case runs in Chromium: analytics-next-browser.test.ts).
describe('generated calls return what the SDK returns', () => {
  it('generic: the SDK call value, passed through untouched', () => {
    const token = { sent: true };
    generic.setAnalytics({ track: () => token, page: () => 'page-result' });
    expect(generic.event404Seen()).toBe(token);
    expect(generic.pageHome({})).toBe('page-result');
    generic.setAnalytics({ track: () => undefined });
    expect(generic.event404Seen()).toBeUndefined();
  });

  it('analytics-next: a thenable is awaited; a snippet stub that returns itself gives a promise of undefined', async () => {
    const calls: unknown[][] = [];
    // What the Segment snippet leaves in window.analytics until analytics.js loads: a queue
    // whose methods record the call and return the queue itself.
    const stub = Object.assign([] as unknown[][], {
      track(...args: unknown[]) { calls.push(['track', ...args]); return stub; },
      identify(...args: unknown[]) { calls.push(['identify', ...args]); return stub; },
      group() { return stub; },
      page(...args: unknown[]) { calls.push(['page', ...args]); return stub; },
      screen() { return stub; },
    });
    next.setAnalytics(stub);
    const products = [{ product_id: 'p1' }];
    await expect(next.orderCompleted({ order_id: 'o1', currency: 'USD', products })).resolves.toBeUndefined();
    await expect(next.pageHome()).resolves.toBeUndefined();
    expect(calls.map((c) => c[0])).toEqual(['track', 'page']);
    // A loaded instance resolves to the delivered context (here, something context-shaped).
    const ctx = { event: { messageId: 'm1' } };
    next.setAnalytics({ ...stub, track: () => Promise.resolve(ctx) });
    await expect(next.orderCompleted({ order_id: 'o2', currency: 'USD', products })).resolves.toBe(ctx);
    // A failed delivery rejects as the SDK's promise did.
    next.setAnalytics({ ...stub, track: () => Promise.reject(new Error('offline')) });
    await expect(next.orderCompleted({ order_id: 'o3', currency: 'USD', products })).rejects.toThrow('offline');
  });
});
