{{header}}
{{runtimeImport}}
import type * as T from './types.js';
{{validatorImport}}

/** Per-call options: `context`, `integrations`, `timestamp` and whatever else your SDK accepts. */
export interface Options {
  context?: Record<string, unknown>;
  integrations?: Record<string, unknown>;
  [key: string]: unknown;
}

/** Called by the SDK after the call; its arguments depend on the SDK. */
export type Callback = (...args: never[]) => void;

/** Any SDK with the analytics.js call shapes (Segment, RudderStack and others): methods the plan does not use may be missing. */
export interface AnalyticsLike {
  track(event: string, properties?: object, options?: Options, callback?: Callback): unknown;
  identify?(userId?: string | null, traits?: object, options?: Options, callback?: Callback): unknown;
  group?(groupId: string, traits?: object, options?: Options, callback?: Callback): unknown;
  page?(category: string | null, name: string, properties?: object, options?: Options, callback?: Callback): unknown;
  screen?(category: string | null, name: string, properties?: object, options?: Options, callback?: Callback): unknown;
}

/**
 * Declare what your SDK's calls return, once, and every function below returns it typed
 * (by default `unknown`, passed through as the SDK returned it):
 *
 *   declare module './analytics/client.js' {
 *     interface Register { result: Promise<void> }
 *   }
 */
export interface Register {}

type Returned = Register extends { result: infer R } ? R : unknown;

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
