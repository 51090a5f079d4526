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
tp.productShared({ product_id: 'p1', share_via: 'carrier pigeon' });

// @ts-expect-error a required property of an item of an array of a named type
tp.orderCompleted({ order_id: 'o1', currency: 'USD', products: [{ price: 1 }] });

tp.identify('u1', { email: 'a@b.co' });
tp.pageHome();
