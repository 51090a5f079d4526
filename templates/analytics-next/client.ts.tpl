{{header}}
import type { Callback, Options } from '@segment/analytics-next';
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

function stamp(options: Options | undefined): Options {
  return { ...options, context: { ...options?.context, trackplan: trackplanContext } };
}
{{functions}}
