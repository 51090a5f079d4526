{{header}}
import type { Callback, Context, Options } from '@segment/analytics-next';
{{runtimeImport}}
import type * as T from './types.js';
{{validatorImport}}

export type { Callback, Options };

/** What the generated functions call: an `AnalyticsBrowser`, an `Analytics`, or `window.analytics`. */
export interface AnalyticsLike {
  track(event: string, properties?: object, options?: Options, callback?: Callback): unknown;
  identify(userId?: string | null, traits?: object, options?: Options, callback?: Callback): unknown;
  group(groupId: string, traits?: object, options?: Options, callback?: Callback): unknown;
  page(category: string | null, name: string, properties?: object, options?: Options, callback?: Callback): unknown;
  screen(category: string | null, name: string, properties?: object, options?: Options, callback?: Callback): unknown;
}

let analytics: AnalyticsLike | undefined;

/** Send every call below through this client (by default: `window.analytics`). */
export function setAnalytics(client: AnalyticsLike): void {
  analytics = client;
}

function client(): AnalyticsLike {
  const found = analytics ?? (globalThis as { analytics?: AnalyticsLike }).analytics;
  if (!found) throw new Error('trackplan: no analytics instance. Call setAnalytics(AnalyticsBrowser.load({ writeKey })) or load the Segment snippet first.');
  return found;
}

{{helpers}}

/**
 * What every function returns: the SDK's promise of the delivered event's context, so that a
 * page can `await orderCompleted(...)` before it navigates away. The snippet's stub (what
 * `window.analytics` is until analytics.js has loaded) queues the call and returns nothing to
 * wait for: then the promise resolves at once, to undefined.
 */
function delivered(result: unknown): Promise<Context | undefined> {
  const thenable = typeof (result as { then?: unknown } | null | undefined)?.then === 'function';
  return thenable ? Promise.resolve(result as PromiseLike<Context>) : Promise.resolve(undefined);
}

function stamp(options: Options | undefined): Options {
  return { ...options, context: { ...options?.context, trackplan: trackplanContext } };
}
{{functions}}
