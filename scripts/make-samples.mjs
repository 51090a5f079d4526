// Writes samples/ecommerce.ndjson: a morning of storefront traffic for plans/ecommerce.yaml
// with a few realistic mistakes, for `npm run demo` and the audit tests. Deterministic:
// rerunning it gives the same file. Run: node scripts/make-samples.mjs
import { writeFileSync } from 'node:fs';

const lines = [];
let clock = Date.parse('2026-11-26T08:00:00Z');
const ts = () => new Date((clock += 7000)).toISOString();
const ctx = { library: { name: 'analytics.js', version: '2.11.0' }, page: { path: '/' }, trackplan: { plan: 'ecommerce', version: '3.0.0' } };
// A browser tab opened before the deploy of 3.0.0 still runs the client generated from 2.0.0.
const staleTab = { ...ctx, trackplan: { plan: 'ecommerce', version: '2.0.0' } };
const msg = (m, context = ctx) => lines.push(JSON.stringify({ messageId: `m-${lines.length + 1}`, timestamp: ts(), context, ...m }));
const product = (i) => ({ product_id: `p-${100 + i}`, sku: `SKU-${i}`, name: `Rose bouquet ${i}`, price: 19.5 + i, quantity: 1, category: 'Flowers' });

for (let u = 1; u <= 6; u++) {
  const userId = `user-${u}`;
  const anonymousId = `anon-${u}`;
  msg({ type: 'page', anonymousId, name: 'Home', properties: { path: '/', url: 'https://shop.example/' } });
  msg({ type: 'track', anonymousId, event: 'Products Searched', properties: { query: 'roses' } });
  msg({ type: 'track', anonymousId, event: 'Product Viewed', properties: { ...product(u), currency: 'USD' } });
  msg({ type: 'track', anonymousId, event: 'Product Added', properties: { ...product(u), cart_id: `c-${u}` } });
  msg({ type: 'identify', userId, anonymousId, traits: { email: `shopper${u}@example.com`, plan: u % 2 ? 'plus' : 'free' } });
  msg({ type: 'track', userId, event: 'Checkout Started', properties: { order_id: `o-${u}`, currency: 'USD', value: 21.5, products: [product(u)] } });
  msg({ type: 'track', userId, event: 'Order Completed', properties: { order_id: `o-${u}`, checkout_id: `k-${u}`, total: 27.5, revenue: 25, currency: u === 4 ? 'usd' : 'USD', products: [product(u)] } });
}
// Mistakes teams really ship:
msg({ type: 'track', userId: 'user-7', event: 'Order Complete', properties: { order_id: 'o-7', total: 12 } }); // a typo'd event name
msg({ type: 'track', userId: 'user-8', event: 'Order Completed', properties: { order_id: 'o-8', currency: 'EUR', products: [{ ...product(8), price: '19.50' }], coupon_code: 'SPRING' } }); // price as text, unplanned key
msg({ type: 'track', userId: 'user-9', event: 'Order Completed', properties: { currency: 'EUR', products: [product(9)] } }); // no order_id
msg({ type: 'track', userId: 'user-9', event: 'Product Reviewed', properties: { product_id: 'p-109', review_id: 'r-1', rating: 6, review_body: 'Lovely!' } }, staleTab); // rating as a number (2.0.0's type), and out of range
msg({ type: 'track', userId: 'user-10', event: 'Product Favorited', properties: { product_id: 'p-110' } }, staleTab); // a deprecated event
msg({ type: 'identify', userId: 'user-10', traits: { email: 'not-an-email' } });
msg({ type: 'track', event: 'Cart Viewed', properties: { cart_id: 'c-11', products: [] } }); // an empty cart (fine), but neither userId nor anonymousId
lines.push('');
lines.push('{"type": "track", "event": "Product Viewed", "properties": {'); // a line cut off mid-write
lines.push(JSON.stringify({ batch: [{ type: 'track', userId: 'user-12', event: 'Cart Viewed', timestamp: ts(), properties: { cart_id: 'c-12' } }, { type: 'page', userId: 'user-12', name: 'Cart', timestamp: ts() }] }));
writeFileSync(new URL('../samples/ecommerce.ndjson', import.meta.url), lines.join('\n') + '\n');
console.log(`samples/ecommerce.ndjson: ${lines.length} lines`);
