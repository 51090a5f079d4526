import { describe, expect, it } from 'vitest';
import { importSegmentPlan } from '../../src/import/segment.js';
import { loadPlan } from '../../src/load/load-plan.js';

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
