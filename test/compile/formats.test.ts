// What the plan's formats mean (README, property table): date-time and time are RFC 3339's,
// hostname is RFC 1123's in ASCII. The audit, generated clients and compiled schemas must
// agree, also where ajv-formats alone would accept more.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { indexPlan } from '../../src/audit/plan-spec.js';
import { compilePlan } from '../../src/compile/compile-plan.js';
import { schemaContext, shapeSchema } from '../../src/compile/shape-schema.js';
import { helperSource } from '../../src/compile/validator/helpers.js';
import { loadValidators, validatorModule } from '../../src/compile/validator/module.js';
import type { Format, Shape } from '../../src/model/plan.js';
import { loadText } from '../helpers.js';

const addFormats = addFormatsModule.default;

interface Group {
  file: string;
  description: string;
  schema: { format: Format };
  tests: { description: string; data: unknown; valid: boolean }[];
}
const GROUPS = (JSON.parse(readFileSync(new URL('fixtures/json-schema-test-suite/draft7-formats.json', import.meta.url), 'utf8')) as Group[]).map((g) => ({ ...g, tests: g.tests.filter((t) => typeof t.data === 'string') }));

// The checks as validators and clients run them (one source; clients get it with types).
const CHECKS = (async () => {
  const mod = `${helperSource(['isDateTime', 'isTime', 'reHostname'], false)}\nexport { isDateTime, isTime, reHostname };`;
  const ns = (await import(`data:text/javascript;base64,${Buffer.from(mod).toString('base64')}`)) as { isDateTime(s: string): boolean; isTime(s: string): boolean; reHostname: RegExp };
  return { 'date-time': ns.isDateTime, time: ns.isTime, hostname: (s: string) => ns.reHostname.test(s) } as Record<string, (s: string) => boolean>;
})();

/** What `compile` writes for `{type: string, format}` (and extra plan keywords), checked by ajv with ajv-formats. */
function compiledCheck(format: Format, extra: Partial<Shape> = {}, draft: 'draft-07' | '2020-12' = 'draft-07') {
  const shape: Shape = { types: [{ kind: 'primitive', name: 'string' }], nullable: false, format, origin: { file: 'plan.yaml', path: [] }, ...extra };
  const ajv = draft === 'draft-07' ? new Ajv({ strict: true }) : new Ajv2020({ strict: true });
  addFormats(ajv);
  return ajv.compile(shapeSchema(shape, true, schemaContext(draft)));
}

// Where the plan's rules depart from the suite, on purpose, and where ajv-formats does.
const IDNA_GROUP = 'validation of A-label (punycode) host names';
const AJV_FORMATS_ROUNDS_SECONDS = 'a second fraction of fifteen nines is valid';

describe("the JSON Schema Test Suite's draft-07 date-time, time and hostname cases", () => {
  it.each(GROUPS.map((g) => [`${g.file}: ${g.description}`, g] as const))('%s', async (_name, g) => {
    const ours = (await CHECKS)[g.schema.format]!;
    const compiled = compiledCheck(g.schema.format);
    for (const t of g.tests) {
      const s = t.data as string;
      // IDNA is not checked: an `xn--` label is a label like any other (all of these are).
      const expected = g.description === IDNA_GROUP ? true : t.valid;
      expect([t.description, s, ours(s)]).toEqual([t.description, s, expected]);
      // ajv-formats reads the seconds as a float, so 59.999999999999999 is 60: not a leap second.
      if (t.description === AJV_FORMATS_ROUNDS_SECONDS) expect(compiled(s)).toBe(false);
      else expect([t.description, s, 'compiled', compiled(s)]).toEqual([t.description, s, 'compiled', expected]);
    }
  });
});

describe('date-time and hostname, issue 10 item 21', () => {
  const REFUSED = { 'date-time': ['1985-04-12T23:20:50+01', '1985-04-12T23:20:50+0100', '2016-12-31T24:59:60+01:00', '1985-04-12 23:20:50Z'], hostname: ['example.com.', 'localhost.'] };

  it('are refused by the checks of validators and clients, and by compiled schemas in both drafts', async () => {
    const checks = await CHECKS;
    for (const [format, values] of Object.entries(REFUSED) as [Format, string[]][]) {
      for (const draft of ['draft-07', '2020-12'] as const) {
        const compiled = compiledCheck(format, {}, draft);
        for (const s of values) expect([format, s, draft, checks[format]!(s), compiled(s)]).toEqual([format, s, draft, false, false]);
      }
    }
  });

  it('are refused beside a plan pattern or length of their own (the syntax goes in an allOf)', () => {
    const dt = compiledCheck('date-time', { pattern: '^1985' });
    expect([dt('1985-04-12T23:20:50Z'), dt('1985-04-12T23:20:50+01'), dt('2000-04-12T23:20:50Z')]).toEqual([true, false, false]);
    const host = compiledCheck('hostname', { maxLength: 300 });
    expect([host('example.com'), host('example.com.'), host(`${'a.'.repeat(127)}a`)]).toEqual([true, false, false]);
  });

  it('by the audit in properties and in the envelope, and by the compiled message schema', async () => {
    const { plan } = await loadText('trackplan: 1\nevents:\n  E:\n    properties:\n      at: {type: string, format: date-time}\n      host: {type: string, format: hostname}\n');
    const index = await indexPlan(plan!);
    const validate = index.track.get('E')!.validate;
    const file = JSON.parse(compilePlan(plan!).find((f) => f.path.startsWith('track/'))!.contents) as object;
    const ajv = new Ajv({ allowUnionTypes: true });
    addFormats(ajv);
    const message = ajv.compile(file);
    const clients = await loadValidators(validatorModule(plan!, { typed: false }));
    for (const at of REFUSED['date-time']) {
      expect(index.isDateTime(at)).toBe(false);
      expect(validate({ at }).map((v) => v.rule)).toEqual(['format-mismatch']);
      expect(clients.get(plan!.events[0]!)!({ at }).map((v) => v.rule)).toEqual(['format-mismatch']);
      expect(message({ type: 'track', event: 'E', userId: 'u', properties: { at } })).toBe(false);
      expect(message({ type: 'track', event: 'E', userId: 'u', timestamp: at, properties: {} })).toBe(false);
    }
    for (const host of REFUSED.hostname) {
      expect(validate({ host }).map((v) => v.rule)).toEqual(['format-mismatch']);
      expect(message({ type: 'track', event: 'E', userId: 'u', properties: { host } })).toBe(false);
    }
    const good = { at: '1985-04-12T23:20:50.52+01:00', host: 'xn--bcher-kva.example' };
    expect(validate(good)).toEqual([]);
    expect(message({ type: 'track', event: 'E', userId: 'u', timestamp: '1985-04-12t23:20:50z', properties: good })).toBe(true);
  });
});
