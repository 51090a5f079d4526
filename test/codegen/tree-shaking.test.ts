import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundle } from './bundle.js';
import { GOLDEN } from './golden-cases.js';

const dir = join(GOLDEN, 'ecommerce/analytics-next');
const entry = "import { orderCompleted } from './index.js';\norderCompleted({ order_id: 'o', currency: 'USD', products: [{ product_id: 'p' }] });\n";

describe('generated clients are tree-shakable', () => {
  it('a bundle that uses one event carries only that event and its validator', async () => {
    const dev = await bundle(entry, dir, 'development');
    expect(dev).toContain('"Order Completed"');
    expect(dev).not.toContain('"Order Refunded"');
    expect(dev).not.toContain('"Product Viewed"');
    // Its validator is there, with the Product type's checks, and no other event's.
    expect(dev).toContain('product_id');
    expect(dev).not.toContain('share_via');
  });

  it('a production bundle keeps the used validator but never runs it', async () => {
    // `process.env.NODE_ENV` is read inside try/catch so that a browser without a bundler
    // does not crash; the price is that bundlers cannot drop the validator code itself
    // (generate with --validate never for that). README: "Validation modes".
    const prod = await bundle(entry, dir, 'production');
    expect(prod).toContain('"Order Completed"');
    expect(prod).toMatch(/return"production"/);
  });

  it('needs no ajv and evaluates no strings (CSP-safe)', async () => {
    const all = await bundle("export * from './index.js';\nexport * from './validators.js';\n", dir, 'development');
    expect(all).not.toMatch(/\bajv\b/i);
    expect(all).not.toMatch(/\bnew Function\b|\beval\(/);
  });
});
