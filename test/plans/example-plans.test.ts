import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { compilePlan, type Manifest } from '../../src/compile/compile-plan.js';
import { loadPlan } from '../../src/load/load-plan.js';

const addFormats = addFormatsModule.default;
const root = fileURLToPath(new URL('../..', import.meta.url));
const planFiles = ['plans/ecommerce.yaml', 'plans/saas.yaml', 'plans/lib/commerce-common.yaml'];

describe('the example plans', () => {
  it('are every plan in plans/', () => {
    const found = [
      ...readdirSync(join(root, 'plans')).filter((f) => f.endsWith('.yaml')).map((f) => `plans/${f}`),
      ...readdirSync(join(root, 'plans/lib')).map((f) => `plans/lib/${f}`),
    ].sort();
    expect(found).toEqual([...planFiles].sort());
  });

  it.each(planFiles)('%s is clean: no errors and no warnings', async (file) => {
    const { plan, diagnostics } = await loadPlan(join(root, file));
    expect(diagnostics).toEqual([]);
    expect(plan).toBeDefined();
  });

  it.each(planFiles)('%s points editors at the shipped format schema', (file) => {
    const first = readFileSync(join(root, file), 'utf8').split('\n')[0]!;
    const m = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
    expect(m, first).not.toBeNull();
    expect(resolve(dirname(join(root, file)), m![1]!)).toBe(join(root, 'schema/trackplan.schema.json'));
  });
});

describe('plans/ecommerce.yaml compiled', async () => {
  const { plan } = await loadPlan(join(root, 'plans/ecommerce.yaml'));
  const files = new Map(compilePlan(plan!).map((f) => [f.path, JSON.parse(f.contents) as Record<string, unknown>]));
  const manifest = files.get('index.json') as unknown as Manifest;
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv);
  const validator = (type: string, name?: string) => ajv.compile(files.get(manifest.messages.find((m) => m.type === type && m.name === name)!.file)!);

  it('validates against the draft-07 meta-schema, every file', () => {
    expect(files.size).toBe(manifest.messages.length + 1);
    for (const [path, schema] of files) {
      if (path === 'index.json') continue;
      expect(schema['$schema']).toBe('http://json-schema.org/draft-07/schema#');
      expect(ajv.validateSchema(schema), `${path}: ${ajv.errorsText()}`).toBe(true);
    }
  });

  const order = {
    type: 'track',
    event: 'Order Completed',
    userId: 'user-1',
    messageId: 'm-1',
    timestamp: '2026-11-26T10:00:00.000Z',
    context: { library: { name: 'analytics.js', version: '2.0.0' } },
    properties: {
      checkout_id: 'fksdjfsdjfisjf9sdfjsd9f',
      order_id: '50314b8e9bcf000000000000',
      affiliation: 'Google Store',
      total: 27.5,
      subtotal: 22.5,
      revenue: 25.0,
      shipping: 3,
      tax: 2,
      discount: 2.5,
      coupon: 'hasbros',
      currency: 'USD',
      products: [
        { product_id: '507f1f77bcf86cd799439011', sku: '45790-32', name: 'Monopoly: 3rd Edition', price: 19, quantity: 1, category: 'Games', url: 'https://www.example.com/product/path', image_url: 'https://www.example.com/product/path.jpg' },
        { product_id: '505bd76785ebb509fc183733', sku: '46493-32', name: 'Uno Card Game', price: 3, quantity: 2, category: 'Games' },
      ],
    },
  };

  it("accepts Segment's own Order Completed example", () => {
    const v = validator('track', 'Order Completed');
    expect(v(order), ajv.errorsText(v.errors)).toBe(true);
  });

  it.each([
    ['a lowercase currency', { currency: 'usd' }],
    ['no order_id', { order_id: undefined }],
    ['an empty products list', { products: [] }],
    ['an unplanned property', { colour: 'red' }],
    ['a negative total', { total: -1 }],
  ])('rejects an Order Completed with %s', (_what, change) => {
    const v = validator('track', 'Order Completed');
    const properties = JSON.parse(JSON.stringify({ ...order.properties, ...change }));
    expect(v({ ...order, properties })).toBe(false);
  });

  it('checks identify traits', () => {
    const v = validator('identify');
    expect(v({ type: 'identify', userId: 'u1', traits: { email: 'peter@example.com', plan: 'premium', age: 30 } }), ajv.errorsText(v.errors)).toBe(true);
    expect(v({ type: 'identify', userId: 'u1', traits: { email: 'not-an-email' } })).toBe(false);
  });
});
