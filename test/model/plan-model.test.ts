import { describe, expect, it } from 'vitest';
import { brief, loadText, yaml } from '../helpers.js';

describe('the plan model', () => {
  it('reads the shorthand `total: number` as `{type: number}`', async () => {
    const { plan, diagnostics } = await loadText(yaml`
      trackplan: 1
      events:
        Order Completed:
          properties:
            total: number
            tags: [string, "null"]
    `);
    expect(diagnostics).toEqual([]);
    const [total, tags] = plan!.events[0]!.fields;
    expect(total).toMatchObject({ name: 'total', required: false, shape: { types: [{ kind: 'primitive', name: 'number' }] } });
    expect(tags!.shape.types.map((t) => t.name)).toEqual(['string', 'null']);
  });

  it('takes a shared definition for a property with no type, refined by its own keys', async () => {
    const { plan, diagnostics } = await loadText(yaml`
      trackplan: 1
      properties:
        order_id: {type: string, description: Unique order id, minLength: 1}
        currency: {type: string, pattern: "^[A-Z]{3}$"}
      events:
        Order Completed:
          properties:
            order_id: {required: true}
            currency:
    `);
    expect(diagnostics).toEqual([]);
    const [orderId, currency] = plan!.events[0]!.fields;
    expect(orderId).toMatchObject({ required: true, shape: { description: 'Unique order id', minLength: 1 }, shared: { path: ['properties', 'order_id'] } });
    expect(currency).toMatchObject({ required: false, shape: { pattern: '^[A-Z]{3}$' } });
  });

  it('reports a refinement mistake where it was written, not in the shared library', async () => {
    const { diagnostics } = await loadText(yaml`
      trackplan: 1
      properties:
        plan: {type: string}
      events:
        Signed Up:
          properties:
            plan: {enum: [free, 3]}
    `);
    expect(diagnostics.map(brief)).toEqual(['enum-type-mismatch@7:27']);
  });

  it('uses types and shared properties from imports, transitively', async () => {
    const { plan, diagnostics } = await loadText(
      yaml`
        trackplan: 1
        import: [lib/commerce.yaml]
        events:
          Product Viewed:
            properties:
              product: {type: Product, required: true}
              currency:
      `,
      {
        'lib/commerce.yaml': 'trackplan: 1\nimport: [base.yaml]\ntypes:\n  Product: {type: object, properties: {price: Money}}\n',
        'lib/base.yaml': 'trackplan: 1\ntypes:\n  Money: {type: number, minimum: 0}\nproperties:\n  currency: {type: string}\n',
      },
    );
    expect(diagnostics).toEqual([]);
    expect([...plan!.types.keys()].sort()).toEqual(['Money', 'Product']);
    expect(plan!.imports).toEqual(['lib/base.yaml', 'lib/commerce.yaml']);
    expect(plan!.events[0]!.fields[1]!.shared).toEqual({ file: 'lib/base.yaml', path: ['properties', 'currency'] });
  });

  it('reports problems inside an imported file against that file', async () => {
    const { diagnostics } = await loadText('trackplan: 1\nimport: [lib.yaml]\n', { 'lib.yaml': 'trackplan: 1\ntypes:\n  Money: nubmer\n' });
    expect(diagnostics.map((d) => `${d.file}:${brief(d)}`)).toEqual(['lib.yaml:unknown-type@3:10']);
  });

  it('refuses the same name defined in two files', async () => {
    const { diagnostics } = await loadText('trackplan: 1\nimport: [lib.yaml]\ntypes:\n  Money: number\n', { 'lib.yaml': 'trackplan: 1\ntypes:\n  Money: integer\n' });
    expect(diagnostics.map((d) => `${d.file}:${brief(d)}`)).toEqual(['plan.yaml:duplicate-definition@4:3']);
  });

  it('keeps unicode and quote-laden names exactly', async () => {
    const { plan, diagnostics } = await loadText(yaml`
      trackplan: 1
      events:
        "Bestellung abgeschlossen ✓": {}
        "He said \"hi\"": {}
        'It''s done': {}
        "注文完了": {}
        "../../etc/passwd": {}
    `);
    expect(diagnostics).toEqual([]);
    expect(plan!.events.map((e) => e.name)).toEqual(['Bestellung abgeschlossen ✓', 'He said "hi"', "It's done", '注文完了', '../../etc/passwd']);
  });

  it('builds identify, group, pages and screens', async () => {
    const { plan } = await loadText(yaml`
      trackplan: 1
      strict: false
      identify:
        traits:
          email: {type: string, format: email, required: true}
      group:
        traits:
          employees: integer
      pages:
        Home: {}
      screens:
        Settings:
          strict: true
          properties:
            tab: {type: string, enum: [general, billing]}
    `);
    expect(plan!.identify!.fields[0]).toMatchObject({ name: 'email', required: true });
    expect(plan!.group!.fields[0]!.name).toBe('employees');
    expect(plan!.pages.map((p) => [p.name, p.strict])).toEqual([['Home', false]]);
    expect(plan!.screens.map((p) => [p.name, p.strict])).toEqual([['Settings', true]]);
  });

  it('accepts recursive types through properties or items', async () => {
    const { diagnostics } = await loadText(yaml`
      trackplan: 1
      types:
        Category:
          type: object
          properties:
            name: string
            children: {type: array, items: Category}
    `);
    expect(diagnostics).toEqual([]);
  });
});
