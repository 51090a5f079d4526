{{header}}
import type { Analytics } from '@segment/analytics-node';
{{runtimeImport}}
import type * as T from './types.js';
{{validatorImport}}

type Params = Parameters<Analytics['track']>[0];

/** Called when the message was delivered, or failed to be. */
export type Callback = Parameters<Analytics['track']>[1];

/** Who a message is about: a `userId`, an `anonymousId`, or both. */
export type Identity = { userId: string; anonymousId?: string } | { userId?: string; anonymousId: string };

/** The fields every message may carry besides its properties or traits. */
export type Options = Identity & Pick<Params, 'context' | 'timestamp' | 'integrations' | 'messageId'>;

let analytics: Analytics | undefined;

/** Send every call below through this `@segment/analytics-node` client. */
export function setAnalytics(client: Analytics): void {
  analytics = client;
}

function client(): Analytics {
  if (!analytics) throw new Error('trackplan: no analytics client. Call setAnalytics(new Analytics({ writeKey })) first.');
  return analytics;
}

{{helpers}}

/**
 * analytics-node throws on a message about nobody, naming four fields at once; Segment files
 * every message under a `userId` or an `anonymousId`, so say that, and which call it was.
 */
function requireIdentity(fn: string, message: Identity): void {
  const { userId, anonymousId } = message as { userId?: unknown; anonymousId?: unknown };
  if (userId == null && anonymousId == null) {
    throw new TypeError(`trackplan: ${fn}() needs a userId or an anonymousId (or both): Segment files every message under one of them. Pass the signed-in user's id as userId, or a stable id for the visitor as anonymousId.`);
  }
  for (const [key, value] of [['userId', userId], ['anonymousId', anonymousId]] as const) {
    if (value != null && typeof value !== 'string') throw new TypeError(`trackplan: ${fn}() was given a ${typeof value} as ${key}; it must be a string.`);
  }
}

function stamp(context: Params['context']): NonNullable<Params['context']> {
  return { ...context, trackplan: trackplanContext };
}
{{functions}}
