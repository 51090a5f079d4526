import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonTooDeep } from '../../src/import/json-depth.js';
import { importSegmentPlan } from '../../src/import/segment.js';
import { loadPlan } from '../../src/load/load-plan.js';
import { TOO_DEEP_MESSAGE } from '../../src/load/parse-yaml.js';
import { cli } from '../cli/run-cli.js';
import { compileClients } from '../codegen/tsc-project.js';

const rule = (type: string, key: string, jsonSchema: Record<string, unknown>, version = 1) => ({ type, key, version, jsonSchema: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', ...jsonSchema } });

describe('import segment', () => {
  const source = {
    name: 'Web',
    description: 'The web plan',
    rules: [
      rule('TRACK', 'Order Completed', { properties: { total: { type: ['number', 'null'] }, channel: { type: 'string', enum: ['web', 'ios', null] } }, required: ['total'] }, 1),
      rule('TRACK', 'Order Completed', { properties: { total: { type: 'number' }, tags: { type: 'array', items: { type: 'string' } } }, required: ['total'] }, 2),
      rule('IDENTIFY', '', { properties: { email: { type: 'string', format: 'email' } }, required: ['email'] }),
      rule('GROUP', '', { properties: { employees: { type: 'integer', minimum: 1 } } }),
      rule('PAGE', 'Home', { properties: { variant: { type: 'string', pattern: '^[ab]$' } } }),
      rule('SCREEN', 'Settings', { properties: { tab: { oneOf: [{ type: 'string' }, { type: 'integer' }] } } }),
      rule('COMMON', '', { properties: { context: { type: 'object' } } }),
      rule('TRACK', 'Odd', { properties: { when: { type: 'string', format: 'iso-week' }, any_thing: { description: 'no type' }, nested: { properties: { a: { type: 'string' } }, required: ['a'] } } }),
    ],
  };

  it('converts track, identify, group, page and screen rules into a plan that passes check', async () => {
    const result = importSegmentPlan(source, 'web.json');
    const { plan, diagnostics } = await loadPlan('web.yaml', { text: result.yaml });
    expect(diagnostics).toEqual([]);
    expect(plan!.name).toBe('Web');
    expect(plan!.events.map((e) => e.name)).toEqual(['Odd', 'Order Completed']);
    expect(plan!.identify!.fields[0]).toMatchObject({ name: 'email', required: true, shape: { format: 'email' } });
    expect(plan!.group!.fields[0]).toMatchObject({ name: 'employees', shape: { minimum: 1 } });
    expect(plan!.pages[0]!.fields[0]!.shape.pattern).toBe('^[ab]$');
    expect(plan!.screens[0]!.fields[0]!.shape.schema).toEqual({ oneOf: [{ type: 'string' }, { type: 'integer' }] });
    const odd = plan!.events[0]!;
    expect(odd.fields.map((f) => [f.name, f.shape.types.map((t) => t.name)])).toEqual([['when', ['string']], ['any_thing', ['any']], ['nested', ['object']]]);
    expect(odd.fields[0]!.shape.schema).toEqual({ format: 'iso-week' });
    expect(odd.fields[2]!.shape.properties![0]).toMatchObject({ name: 'a', required: true });
  });

  it('keeps the newest version and notes everything that changes form', () => {
    const { yaml, notes } = importSegmentPlan(source, 'web.json');
    expect(yaml).toContain('tags:');
    const codes = notes.map((n) => `${n.code}:${n.severity}`);
    expect(codes).toContain('older-version:warn');
    expect(codes).toContain('unconverted:warn'); // the COMMON rule
    expect(notes.filter((n) => n.code === 'kept-as-schema').map((n) => n.path.join('.'))).toEqual([
      'rules.5.jsonSchema.properties.tab',
      'rules.7.jsonSchema.properties.when',
    ]);
  });

  it('reads a Config API export with identify and group traits', async () => {
    const config = {
      display_name: 'Old',
      name: 'workspaces/x/tracking-plans/rs_1',
      rules: {
        events: [{ name: 'Signed Up', description: 'd', version: 1, rules: { properties: { properties: { properties: { plan: { type: 'string' } }, required: ['plan'] }, context: { properties: { ip: { type: 'string' } } } } } }],
        identify_traits: { properties: { name: { type: 'string' } } },
        group_traits: [],
      },
    };
    const result = importSegmentPlan(config, 'old.json');
    const { plan, diagnostics } = await loadPlan('old.yaml', { text: result.yaml });
    expect(diagnostics).toEqual([]);
    expect(plan!.name).toBe('Old');
    expect(plan!.events[0]!.fields[0]).toMatchObject({ name: 'plan', required: true });
    expect(plan!.identify!.fields.map((f) => f.name)).toEqual(['name']);
    expect(result.notes.some((n) => n.code === 'unconverted' && n.message.includes('`context`'))).toBe(true);
  });
});

describe('import segment: shapes found in review', () => {
  it("reads rules whose JSON Schema is the whole message (Segment's Public API)", async () => {
    const source = {
      name: 'Real',
      rules: [
        { type: 'TRACK', key: 'Product Added', version: 1, jsonSchema: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { context: {}, traits: { type: 'object' }, properties: { type: 'object', properties: { sku: { type: 'string' }, plan: { type: 'string', enum: ['a', null] } }, required: ['sku'] } }, required: ['properties'] } },
        { type: 'IDENTIFY', key: '', version: 1, jsonSchema: { type: 'object', properties: { context: { properties: { ip: { type: 'string' } } }, traits: { type: 'object', properties: { name: { type: 'string' } } } } } },
        { type: 'PAGE', key: 'Home', version: 1, jsonSchema: { properties: {} } },
        { type: 'TRACK', key: 'Page Home', version: 1, jsonSchema: { properties: { '<<': { type: 'string' }, ref: { $ref: '#/definitions/Money' } }, definitions: { Money: { type: 'number', minimum: 0 } } } },
      ],
    };
    const result = importSegmentPlan(source, 'real.json');
    const { plan, diagnostics } = await loadPlan('real.yaml', { text: result.yaml });
    expect(diagnostics).toEqual([]);
    const added = plan!.events.find((e) => e.name === 'Product Added')!;
    expect(added.fields.map((f) => [f.name, f.required, f.shape.nullable])).toEqual([['sku', true, false], ['plan', false, true]]);
    expect(added.fields[1]!.shape.enum).toEqual(['a']);
    expect(plan!.identify!.fields.map((f) => f.name)).toEqual(['name']);
    expect(result.notes.some((n) => n.code === 'unconverted' && n.message.includes('`context`'))).toBe(true);
    const pageHome = plan!.events.find((e) => e.name === 'Page Home')!;
    expect(pageHome.codegenName).toBe('pageHome2');
    expect(pageHome.fields.map((f) => f.name)).toEqual(['<<', 'ref']);
    expect(pageHome.fields[1]!.shape).toMatchObject({ types: [{ name: 'number' }], minimum: 0 });
  });

  it('reads Config API identify, group and global rules', async () => {
    const source = {
      display_name: 'Cfg',
      rules: {
        events: [],
        identify: { properties: { traits: { properties: { occupation: { type: 'string' }, age: { type: 'integer' } }, required: ['occupation'] } } },
        group: { properties: { traits: { properties: { industry: { type: 'string' } } } } },
        global: { properties: { context: { properties: { ip: { type: 'string' } } } } },
        identify_traits: [],
        group_traits: [],
      },
    };
    const result = importSegmentPlan(source, 'cfg.json');
    const { plan, diagnostics } = await loadPlan('cfg.yaml', { text: result.yaml });
    expect(diagnostics).toEqual([]);
    expect(plan!.identify!.fields.map((f) => [f.name, f.required])).toEqual([['occupation', true], ['age', false]]);
    expect(plan!.group!.fields.map((f) => f.name)).toEqual(['industry']);
    expect(result.notes.some((n) => n.path.join('.') === 'rules.global')).toBe(true);
  });
});

// Issue 10, items 12 and 13: the command as a user runs it.
describe('import segment: the input file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trackplan-import-'));
  const exportText = JSON.stringify({ name: 'Web', rules: [{ type: 'TRACK', key: 'Order Completed', version: 1, jsonSchema: { properties: { properties: { type: 'object', properties: { total: { type: 'number' } } } } } }] }, null, 2);

  it('reads an export saved with a BOM, as plans and audit inputs are read', () => {
    writeFileSync(join(dir, 'bom.json'), `\ufeff${exportText}`);
    const r = cli(['import', 'segment', 'bom.json', '--out', 'bom.yaml', '--verbose'], { cwd: dir });
    expect(r.stderr).not.toContain('not valid JSON');
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'bom.yaml'), 'utf8')).toContain('Order Completed:');
    // Notes are placed as in the same file without a BOM.
    writeFileSync(join(dir, 'plain.json'), exportText);
    const plain = cli(['import', 'segment', 'plain.json', '--out', 'plain.yaml', '--verbose'], { cwd: dir });
    expect(r.stderr.replaceAll('bom.json', 'plain.json')).toBe(plain.stderr);
    // A syntax error after a BOM is placed in the text as an editor shows it, in one line.
    writeFileSync(join(dir, 'bad.json'), '\ufeff{\n  "name": "x"\n  "rules": []\n}\n');
    expect(cli(['import', 'segment', 'bad.json', '--out', 'bad.yaml'], { cwd: dir }).stderr).toBe("trackplan: bad.json:3:3: not valid JSON (Expected ',' or '}' after property value). Export the plan again from Segment.\n");
    writeFileSync(join(dir, 'bad.json'), '\ufeff{\n  "name": x\n}\n');
    expect(cli(['import', 'segment', 'bad.json', '--out', 'bad.yaml'], { cwd: dir }).stderr).toBe("trackplan: bad.json: not valid JSON (Unexpected token 'x'). Export the plan again from Segment.\n");
  });

  it('says yaml-too-deep, in the words check uses, for an export nested 3,000 deep', () => {
    let schema = '{"type":"string"}';
    for (let i = 0; i < 1500; i++) schema = `{"type":"object","properties":{"a":${schema}}}`;
    const text = `{"name":"Deep","rules":[{"type":"TRACK","key":"Order Completed","version":1,"jsonSchema":{"properties":{"properties":${schema}}}}]}`;
    writeFileSync(join(dir, 'deep.json'), text);
    const r = cli(['import', 'segment', 'deep.json', '--out', 'deep.yaml'], { cwd: dir });
    // The first schema is 5 levels deep and each adds 2: the 98th is 201 deep. Its key is named.
    const offset = text.indexOf('{"type":"object"') + '{"type":"object","properties":{"a":'.length * 97 + '{"type":"object","properties":{'.length;
    expect(r.stderr).toBe(`trackplan: deep.json:1:${offset + 1}: ${TOO_DEEP_MESSAGE} [yaml-too-deep]\n`);
    expect(r.code).toBe(2);
    expect(existsSync(join(dir, 'deep.yaml'))).toBe(false);
  });

  it('finds the first value too deep exactly, brackets in strings aside', () => {
    const nest = (n: number, inner: string) => `${'['.repeat(n)}${inner}${']'.repeat(n)}`;
    expect(jsonTooDeep(nest(200, '1'), 200)).toBeUndefined();
    expect(jsonTooDeep(nest(201, ''), 200)).toBeUndefined();
    expect(jsonTooDeep(nest(201, '1'), 200)).toBe(201);
    expect(jsonTooDeep(nest(200, '{"a": 1}'), 200)).toBe(201);
    expect(jsonTooDeep(nest(200, '"[[[\\"[[["'), 200)).toBeUndefined();
    expect(jsonTooDeep(`{"k": "${'['.repeat(500)}"}`, 1)).toBeUndefined();
  });
});

// Issue 11: what `import segment` keeps as raw fragments gets real types in generated clients.
describe('import segment: kept fragments in generated clients', () => {
  const rule = (key: string, properties: Record<string, unknown>, required: string[]) => ({
    type: 'TRACK',
    key,
    version: 1,
    jsonSchema: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { properties: { type: 'object', properties, required } }, definitions: { Money: { type: 'number', minimum: 0 }, Price: { $ref: '#/definitions/Money' } } },
  });
  const source = {
    name: 'Shop',
    rules: [
      rule('Checkout Started', {
        payment: { type: 'object', oneOf: [{ properties: { type: { const: 'card' }, last4: { type: 'string' } }, required: ['type', 'last4'] }, { properties: { type: { const: 'paypal' }, email: { type: 'string', format: 'email' } }, required: ['type', 'email'] }] },
        discount: { anyOf: [{ type: 'number' }, { type: 'string', enum: ['none'] }] },
        coords: { type: 'array', items: [{ type: 'number' }, { type: 'number' }], additionalItems: false },
        week: { type: 'string', format: 'iso-week' },
        meta: { type: 'object', patternProperties: { '^x-': { type: 'string' } } },
        total: { oneOf: [{ $ref: '#/definitions/Price' }, { type: 'null' }] },
      }, ['payment']),
    ],
  };

  it('keeps the definitions a fragment refers to inside it, so the plan passes check', async () => {
    const { yaml, notes } = importSegmentPlan(source, 'shop.json');
    expect(notes.filter((n) => n.code === 'kept-as-schema').map((n) => n.path.at(-1))).toEqual(['payment', 'discount', 'coords', 'week', 'meta', 'total']);
    const { plan, diagnostics } = await loadPlan('shop.yaml', { text: yaml });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // Price refers to Money: both travel with the fragment, under the pointer it uses.
    expect(plan!.events[0]!.fields.find((f) => f.name === 'total')!.shape.schema).toEqual({ oneOf: [{ $ref: '#/definitions/Price' }, { type: 'null' }], definitions: { Money: { type: 'number', minimum: 0 }, Price: { $ref: '#/definitions/Money' } } });
  });

  it('generates clients that compile on every SDK and refuse what the fragments refuse', async () => {
    const { plan } = await loadPlan('shop.yaml', { text: importSegmentPlan(source, 'shop.json').yaml });
    const tests = [
      "import * as tp from './generic/index.js';",
      'tp.setAnalytics({ track: () => {} });',
      "tp.checkoutStarted({ payment: { type: 'card', last4: '4242' }, discount: 'none', coords: [1, 2], week: '2026-W48', meta: { 'x-ref': 'a' }, total: 5 });",
      "tp.checkoutStarted({ payment: { type: 'paypal', email: 'a@b.co' }, discount: 3, coords: [], total: null });",
      '// @ts-expect-error a card needs last4',
      "tp.checkoutStarted({ payment: { type: 'card' } });",
      '// @ts-expect-error discount is a number or "none"',
      "tp.checkoutStarted({ payment: { type: 'card', last4: '1' }, discount: 'half' });",
      '// @ts-expect-error two coordinates at most',
      "tp.checkoutStarted({ payment: { type: 'card', last4: '1' }, coords: [1, 2, 3] });",
      '// @ts-expect-error total is a number (the referenced definition) or null',
      "tp.checkoutStarted({ payment: { type: 'card', last4: '1' }, total: '5' });",
      '',
    ].join('\n');
    expect(await compileClients(plan!, tests, ['analytics-node', 'analytics-next', 'generic'])).toBe('');
  });
});
