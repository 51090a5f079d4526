import { describe, expect, it } from 'vitest';
import { brief, loadText, yaml } from '../helpers.js';

// Each case: a plan, and the exact diagnostics (code@line:col) `check` must report for it.
const cases: { name: string; plan: string; expected: string[]; others?: Record<string, string> }[] = [
  {
    name: 'YAML syntax error',
    plan: yaml`
      trackplan: 1
      events:
        Order Completed: {properties: [}
    `,
    expected: ['yaml-syntax@3:34'],
  },
  {
    name: 'two events of the same name',
    plan: yaml`
      trackplan: 1
      events:
        Order Completed:
          description: first
        Order Completed:
          description: second
    `,
    expected: ['duplicate-key@5:3'],
  },
  {
    name: 'unknown key, with a suggestion',
    plan: yaml`
      trackplan: 1
      events:
        Order Completed:
          descriptoin: typo
    `,
    expected: ['unknown-key@4:5'],
  },
  {
    name: 'unknown key in a property definition',
    plan: yaml`
      trackplan: 1
      events:
        Order Completed:
          properties:
            total: {type: number, requird: true}
    `,
    expected: ['unknown-key@5:29'],
  },
  {
    name: 'wrong value types',
    plan: yaml`
      trackplan: 1
      strict: "yes"
      events:
        Order Completed:
          properties:
            total: {type: number, required: 1}
    `,
    expected: ['wrong-type@2:9', 'wrong-type@6:39'],
  },
  {
    name: 'unknown type name',
    plan: yaml`
      trackplan: 1
      events:
        Order Completed:
          properties:
            total: nubmer
            products: {type: array, items: Prodct}
    `,
    expected: ['unknown-type@5:14', 'unknown-type@6:38'],
  },
  {
    name: 'a property with no type and no shared definition',
    plan: yaml`
      trackplan: 1
      properties:
        order_id: string
      events:
        Order Completed:
          properties:
            order_idd: {required: true}
    `,
    expected: ['missing-type@7:7'],
  },
  {
    name: 'invalid regular expression',
    plan: yaml`
      trackplan: 1
      events:
        Order Completed:
          properties:
            currency: {type: string, pattern: "^[A-Z{3}$("}
    `,
    expected: ['invalid-pattern@5:41'],
  },
  {
    name: 'enum and const values that do not match the type',
    plan: yaml`
      trackplan: 1
      events:
        Order Completed:
          properties:
            plan: {type: string, enum: [free, 2]}
            count: {type: integer, const: 1.5}
    `,
    expected: ['enum-type-mismatch@5:41', 'const-type-mismatch@6:37'],
  },
  {
    name: 'minimum greater than maximum',
    plan: yaml`
      trackplan: 1
      events:
        Order Completed:
          properties:
            total: {type: number, minimum: 10, maximum: 1}
            name: {type: string, minLength: 5, maxLength: 2}
    `,
    expected: ['invalid-range@5:38', 'invalid-range@6:39'],
  },
  {
    name: 'a missing import',
    plan: yaml`
      trackplan: 1
      import:
        - lib/missing.yaml
    `,
    expected: ['import-not-found@3:5'],
  },
  {
    name: 'an import cycle',
    plan: yaml`
      trackplan: 1
      import: [a.yaml]
    `,
    others: { 'a.yaml': 'trackplan: 1\nimport: [plan.yaml]\n' },
    expected: ['import-cycle@2:10'],
  },
  {
    name: 'an unsupported format version',
    plan: yaml`
      trackplan: 2
      events:
        Whatever: {unknown: stuff}
    `,
    expected: ['unsupported-version@1:12'],
  },
  {
    name: 'a missing format version',
    plan: yaml`
      name: web
    `,
    expected: ['missing-version@1:1'],
  },
  {
    name: 'an empty file',
    plan: '',
    expected: ['empty-plan@1:1'],
  },
  {
    name: 'a file that is a list, not a map',
    plan: '- trackplan: 1\n',
    expected: ['wrong-type@1:1'],
  },
  {
    name: 'an unknown format',
    plan: yaml`
      trackplan: 1
      properties:
        email: {type: string, format: e-mail}
    `,
    expected: ['invalid-value@3:33'],
  },
  {
    name: 'a type defined in terms of itself',
    plan: yaml`
      trackplan: 1
      types:
        A: {type: [string, B]}
        B: {type: A}
    `,
    expected: ['type-cycle@3:13'],
  },
  {
    name: 'an empty event name',
    plan: yaml`
      trackplan: 1
      events:
        "": {}
    `,
    expected: ['empty-name@3:3'],
  },
  {
    name: 'a type name that is not an identifier',
    plan: yaml`
      trackplan: 1
      types:
        my type: string
    `,
    expected: ['invalid-name@3:3'],
  },
  {
    name: 'a version that is not semver',
    plan: yaml`
      trackplan: 1
      version: "1.0"
    `,
    expected: ['invalid-value@2:10'],
  },
];

describe('check reports each mistake at its exact place', () => {
  it.each(cases)('$name', async ({ plan, expected, others }) => {
    const result = await loadText(plan, others);
    expect(result.diagnostics.filter((d) => d.severity === 'error').map(brief)).toEqual(expected);
    expect(result.plan).toBeUndefined();
  });

  it('reports every problem at once, not only the first', async () => {
    const result = await loadText(yaml`
      trackplan: 1
      events:
        A Happened:
          descriptoin: x
          properties:
            n: {type: number, minimum: 3, maximum: 1}
        B Happened:
          properties:
            s: strin
    `);
    expect(result.diagnostics.map(brief)).toEqual(['unknown-key@4:5', 'invalid-range@6:34', 'unknown-type@9:10']);
  });

  it('says what to do: suggestions and both places of a duplicate', async () => {
    const result = await loadText(yaml`
      trackplan: 1
      events:
        Order Completed:
          descriptoin: x
        Order Completed: {}
    `);
    const [unknown, dup] = result.diagnostics;
    expect(unknown?.message).toContain('Did you mean `description`?');
    expect(dup?.message).toContain('first on line 3');
    expect(dup?.related?.[0]?.range?.start.line).toBe(3);
  });

  it('warns, without failing, about keywords that cannot apply to the type', async () => {
    const result = await loadText(yaml`
      trackplan: 1
      events:
        Order Completed:
          properties:
            total: {type: number, pattern: "^[0-9]+$"}
    `);
    expect(result.diagnostics.map((d) => `${brief(d)}:${d.severity}`)).toEqual(['inapplicable-keyword@5:29:warn']);
    expect(result.plan).toBeDefined();
  });

  it('reads files that are not UTF-8 as an error, not a crash', async () => {
    const { loadPlan } = await import('../../src/load/load-plan.js');
    const { memoryHost } = await import('../helpers.js');
    const result = await loadPlan('bad.yaml', { host: memoryHost({ 'bad.yaml': new Uint8Array([0x74, 0xff, 0xfe, 0x00]) }) });
    expect(result.diagnostics.map((d) => d.code)).toEqual(['unreadable-file']);
  });
});

describe('generated names', () => {
  it('refuses two events that would share a function name, naming both', async () => {
    const result = await loadText(yaml`
      trackplan: 1
      events:
        Order Completed: {}
        order_completed: {}
        Identify: {}
        Client: {}
    `);
    // `Identify` and `Client` name the client's own functions: they get a prefix instead.
    expect(result.diagnostics.map(brief)).toEqual(['codegen-name-collision@4:3']);
    expect(result.diagnostics[0]!.message).toBe(
      'Event `order_completed` and event `Order Completed` would both become the function `orderCompleted` in generated code. Give one a name of its own: `codegen: {name: orderCompleted2}`.',
    );
  });

  it('accepts a hand-set codegen.name, and checks it too', async () => {
    const ok = await loadText('trackplan: 1\nevents:\n  Order Completed: {}\n  order_completed: {codegen: {name: orderCompletedLegacy}}\n');
    expect(ok.diagnostics).toEqual([]);
    const reserved = await loadText('trackplan: 1\nevents:\n  Other: {codegen: {name: then}}\n  A: {codegen: {name: a}}\n  B: {codegen: {name: A}}\n');
    expect(reserved.diagnostics.map(brief)).toEqual(['codegen-name-collision@3:27', 'codegen-name-collision@5:23']);
    const clash = await loadText('trackplan: 1\nevents:\n  Order Completed: {}\n  Other: {codegen: {name: orderCompleted}}\n');
    expect(clash.diagnostics.map(brief)).toEqual(['codegen-name-collision@4:27']);
    const bad = await loadText('trackplan: 1\nevents:\n  Other: {codegen: {name: "not valid"}}\n');
    expect(bad.diagnostics.map(brief)).toEqual(['invalid-value@3:27']);
  });

  it('refuses a type named like a generated one', async () => {
    const result = await loadText('trackplan: 1\ntypes:\n  Violation: string\n  OrderCompletedProperties: string\n  Record: string\nevents:\n  Order Completed: {}\n');
    expect(result.diagnostics.map(brief)).toEqual(['codegen-name-collision@3:3', 'codegen-name-collision@4:3', 'codegen-name-collision@5:3']);
  });

  // Issue 10, item 14: these passed check, and the client's index.ts failed to compile (TS2308).
  it('refuses a type named like a function the client exports', async () => {
    const result = await loadText(yaml`
      trackplan: 1
      types:
        orderCompleted: string
        identify: string
        setAnalytics: string
        onViolation: string
        constructor: string
        pageHome: string
        screenSettings: string
        group: string
        defaultViolationHandler: string
        isValidating: string
        trackplanContext: string
        OrderCompleted: string
        Constructor: string
      events:
        Order Completed: {}
        Constructor: {}
      pages:
        Home: {}
      screens:
        Settings: {}
    `);
    expect(result.diagnostics.map(brief)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13].map((line) => `codegen-name-collision@${line}:3`));
    expect(result.diagnostics[0]!.message).toBe('Type `orderCompleted` has the name of the function generated for event `Order Completed`, exported beside it. Rename the type (type names are not sent), or give the event a function of its own: `codegen: {name: …}`.');
    expect(result.diagnostics[0]!.related).toEqual([{ file: 'plan.yaml', message: 'event `Order Completed` is defined here' }]);
    expect(result.diagnostics[1]!.message).toBe('Type `identify` has the name of a function generated clients export beside their types. Rename it (type names are not sent).');
    expect(result.diagnostics[5]!.message).toContain('the function generated for page `Home`');
    // Either way out passes.
    const renamed = await loadText('trackplan: 1\ntypes:\n  orderCompleted: string\nevents:\n  Order Completed: {codegen: {name: trackOrderCompleted}}\n');
    expect(renamed.diagnostics).toEqual([]);
  });
});

describe('mistakes found in review', () => {
  const cases: [string, string, string[]][] = [
    ['a shared property that contains itself', 'trackplan: 1\nproperties:\n  node: {type: object, properties: {node: }}\nevents: {E: {properties: {node: }}}\n', ['shared-property-cycle@3:37']],
    ['two shared properties that contain each other', 'trackplan: 1\nproperties:\n  a: {type: object, properties: {b: }}\n  b: {type: object, properties: {a: }}\n', ['shared-property-cycle@3:34', 'shared-property-cycle@4:34']],
    ['a type named like a built-in', 'trackplan: 1\ntypes:\n  string: {type: integer}\n', ['invalid-name@3:3']],
    ['a schema fragment that is not JSON Schema', 'trackplan: 1\nproperties:\n  raw: {schema: {type: strnig}}\n', ['invalid-schema@3:17']],
    ['a schema fragment with a dangling $ref', 'trackplan: 1\nproperties:\n  raw: {schema: {$ref: "#/definitions/Nope"}}\n', ['invalid-schema@3:17']],
    ['local properties beside a named object type', 'trackplan: 1\ntypes:\n  P: {type: object, properties: {id: string}}\nproperties:\n  p: {type: P, properties: {extra: string}}\n', ['conflicting-keywords@5:16']],
    ['minLength below zero, once', 'trackplan: 1\nproperties:\n  s: {type: string, minLength: -1}\n', ['invalid-value@3:32']],
    ['a refinement that conflicts, at each use', 'trackplan: 1\nproperties:\n  price: {type: number, minimum: 10}\nevents:\n  A:\n    properties:\n      price: {maximum: 5}\n  B:\n    properties:\n      price: {maximum: 4}\n', ['invalid-range@7:24', 'invalid-range@10:24']],
    // Issue 10, item 11: a map (no prototype) where a listed value belongs crashed the message.
    ['a map where one of a list of values belongs', 'trackplan: 1\nproperties:\n  x: {type: string, format: {a: 1}}\n', ['invalid-value@3:29']],
  ];
  it.each(cases)('%s', async (_name, plan, expected) => {
    const result = await loadText(plan);
    expect(result.diagnostics.filter((d) => d.severity === 'error').map(brief)).toEqual(expected);
  });

  it('warns about a fragment that strict validators would refuse', async () => {
    const result = await loadText('trackplan: 1\nproperties:\n  raw: {type: array, schema: {items: {minLength: 2}}}\n');
    expect(result.diagnostics.map((d) => `${brief(d)}:${d.severity}`)).toEqual(['fragment-not-strict@3:30:warn']);
  });

  it('suggests nullable for a null enum value or const', async () => {
    const result = await loadText('trackplan: 1\nproperties:\n  s: {type: string, enum: [a, null]}\n');
    expect(result.diagnostics[0]!.message).toContain('Add `nullable: true`');
  });

  it('lets a schema fragment refine a shared definition instead of replacing it', async () => {
    const { plan, diagnostics } = await loadText('trackplan: 1\nproperties:\n  order_id: {type: string, minLength: 1}\nevents:\n  E:\n    properties:\n      order_id: {required: true, schema: {maxLength: 5}}\n');
    expect(diagnostics).toEqual([]);
    expect(plan!.events[0]!.fields[0]!.shape).toMatchObject({ types: [{ name: 'string' }], minLength: 1, schema: { maxLength: 5 } });
  });
});

describe('imports and lists, found in review', () => {
  it.each([
    ['an absolute import', 'trackplan: 1\nimport: [/etc/passwd]\n', ['invalid-import@2:10']],
    ['an import that is not YAML', 'trackplan: 1\nimport: [notes.txt]\n', ['invalid-import@2:10']],
    ['a plan that imports itself', 'trackplan: 1\nimport: [plan.yaml]\n', ['import-cycle@2:10']],
    ['a wrong item in a list, counted from 1', 'trackplan: 1\nowners: [growth, 5]\n', ['wrong-type@2:18']],
    ['an import listed twice', 'trackplan: 1\nimport: [a.yaml, a.yaml]\n', ['invalid-value@2:18']],
  ])('%s', async (_name, plan, expected) => {
    const result = await loadText(plan, { 'a.yaml': 'trackplan: 1\n' });
    expect(result.diagnostics.map(brief)).toEqual(expected);
  });

  it('words list positions for people', async () => {
    const result = await loadText('trackplan: 1\nowners: [growth, 5]\n');
    expect(result.diagnostics[0]!.message).toBe('Item 2 of `owners` must be text, not number 5.');
    expect(result.diagnostics[0]!.path).toEqual(['owners', 1]);
    expect((await loadText('trackplan: 1\nimport: [plan.yaml]\n')).diagnostics[0]!.message).toBe('plan.yaml imports itself. Remove this import.');
  });
});
