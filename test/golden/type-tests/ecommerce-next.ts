// Type tests for the analytics-next client: see ecommerce-node.ts.
import { AnalyticsBrowser } from '@segment/analytics-next';
import * as tp from '../ecommerce/analytics-next/index.js';

tp.setAnalytics(AnalyticsBrowser.load({ writeKey: 'test' }));

const products = [{ product_id: 'p1', price: 19, quantity: 1 }];

tp.orderCompleted({ order_id: 'o1', currency: 'USD', products });
tp.orderCompleted({ order_id: 'o1', currency: 'USD', products }, { context: { page: { path: '/' } } }, () => {});
tp.cartViewed();

// @ts-expect-error a misspelt property
tp.orderCompleted({ order_id: 'o1', currency: 'USD', products, totl: 1 });

// @ts-expect-error a missing required property
tp.orderCompleted({ currency: 'USD', products });

// @ts-expect-error a value outside the enum
tp.productReviewed({ product_id: 'p1', rating: '6' });
tp.productReviewed({ product_id: 'p1', rating: '5' });

// @ts-expect-error a required property of an item of an array of a named type
tp.orderCompleted({ order_id: 'o1', currency: 'USD', products: [{ price: 1 }] });

tp.identify('u1', { email: 'a@b.co' });
tp.pageHome();

// A call returns the SDK's promise of the delivered context (issue 11): a page can await it.
async function beforeNavigating(): Promise<void> {
  const delivered = await tp.orderCompleted({ order_id: 'o1', currency: 'USD', products });
  const ctx: import('@segment/analytics-next').Context | undefined = delivered;
  void ctx?.event.messageId;
  // @ts-expect-error it may be undefined (the snippet's stub returns nothing to wait for)
  void delivered.event;
  await tp.identify('u1', { email: 'a@b.co' });
  await tp.pageHome();
}
void beforeNavigating;

// The run-time switch wins over NODE_ENV, and can be handed back to it.
const before: boolean | undefined = tp.setValidation(true);
tp.setValidation(before);
tp.setValidation(undefined);
// @ts-expect-error a boolean or undefined, nothing else
tp.setValidation('yes');
const checking: boolean = tp.isValidating();
void checking;
