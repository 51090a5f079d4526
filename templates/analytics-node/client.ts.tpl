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

function stamp(context: Params['context']): NonNullable<Params['context']> {
  return { ...context, trackplan: trackplanContext };
}
{{functions}}
