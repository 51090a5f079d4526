// Type tests for generated code: each @ts-expect-error line must fail to compile, and every
// other line must compile. `tsc -p test/golden` runs them (test/codegen/golden.test.ts).
import { Analytics } from '@segment/analytics-node';
import * as tp from '../ecommerce/analytics-node/index.js';

tp.setAnalytics(new Analytics({ writeKey: 'test' }));

const products = [{ product_id: 'p1', price: 19, quantity: 1 }] as const;

// A complete, correct call compiles.
tp.orderCompleted({ userId: 'u1', properties: { order_id: 'o1', currency: 'USD', products, total: 27.5 } });
tp.orderCompleted({ anonymousId: 'a1', properties: { order_id: 'o1', currency: 'USD', products }, context: { ip: '1.2.3.4' } }, () => {});

// @ts-expect-error a misspelt property is not part of the event
tp.orderCompleted({ userId: 'u1', properties: { order_id: 'o1', currency: 'USD', products, totl: 1 } });

// @ts-expect-error a required property (order_id) is missing
tp.orderCompleted({ userId: 'u1', properties: { currency: 'USD', products } });

// @ts-expect-error a wrong property type
tp.orderCompleted({ userId: 'u1', properties: { order_id: 42, currency: 'USD', products } });

// @ts-expect-error a value outside the enum
tp.productReviewed({ userId: 'u1', properties: { product_id: 'p1', rating: '6' } });
tp.productReviewed({ userId: 'u1', properties: { product_id: 'p1', rating: '5' } });
tp.productShared({ userId: 'u1', properties: { product_id: 'p1', share_via: 'email' } });

// @ts-expect-error neither userId nor anonymousId
tp.productShared({ properties: { product_id: 'p1', share_via: 'email' } });

// @ts-expect-error a misspelt event has no function
tp.orderCompleeted({ userId: 'u1', properties: {} });

// Optional-only events may omit properties; exact optional types forbid an explicit undefined.
tp.cartViewed({ userId: 'u1' });
// @ts-expect-error exactOptionalPropertyTypes: undefined is not "absent"
tp.orderCompleted({ userId: 'u1', properties: { order_id: 'o1', currency: 'USD', products, coupon: undefined } });

// Identify is typed from the plan's traits.
tp.identify({ userId: 'u1', traits: { email: 'a@b.co', plan: 'premium' } });
// @ts-expect-error plan must be one of the plan's values
tp.identify({ userId: 'u1', traits: { plan: 'gold' } });

// Violations reach a handler with the event and the paths.
const previous = tp.onViolation((report: tp.ViolationReport) => {
  const first: tp.Violation | undefined = report.violations[0];
  void first?.path;
});
tp.onViolation(previous);

// analytics-node's calls return nothing (delivery is reported to the callback): so do ours.
// @ts-expect-error void is not a promise
void tp.orderCompleted({ userId: 'u1', properties: { order_id: 'o1', currency: 'USD', products } }).then;
tp.setValidation(false);
