import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { compilePlan, type Manifest } from '../../src/compile/compile-plan.js';
import { schemaContext, shapeSchema } from '../../src/compile/shape-schema.js';
import { FORMAT_SYNTAX, helperSource } from '../../src/compile/validator/helpers.js';
import { loadValidators, validatorModule } from '../../src/compile/validator/module.js';
import { loadPlan } from '../../src/load/load-plan.js';
import { allMessages, type Format, type Shape } from '../../src/model/plan.js';
import { FORMAT_SAMPLES, rng, ValueGenerator } from './value-generator.js';

const addFormats = addFormatsModule.default;
const root = fileURLToPath(new URL('../..', import.meta.url));
const PLANS = ['plans/ecommerce.yaml', 'plans/saas.yaml', 'test/fixtures/plans/edge-cases.yaml'];
const PER_MESSAGE = 300;

function newAjv(): Ajv {
  // ownProperties: without it ajv reads inherited members, so an absent `constructor`
  // property "is" Object's constructor and fails `type: string`. JSON has no prototypes.
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, ownProperties: true });
  addFormats(ajv);
  return ajv;
}

describe('generated validators agree with ajv on the compiled JSON Schema', () => {
  it.each(PLANS)('%s: the same verdict on every payload of a seeded corpus', async (file) => {
    const { plan, diagnostics } = await loadPlan(join(root, file));
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const files = new Map(compilePlan(plan!).map((f) => [f.path, f.contents]));
    const manifest = JSON.parse(files.get('index.json')!) as Manifest;
    const validators = await loadValidators(validatorModule(plan!, { typed: false }));
    const ajv = newAjv();
    const random = rng(42);
    let valid = 0;
    let invalid = 0;
    for (const m of allMessages(plan!)) {
      const entry = manifest.messages.find((e) => e.type === m.kind && (e.name ?? '') === m.name)!;
      const schemaCheck = ajv.compile(JSON.parse(files.get(entry.file)!));
      const ours = validators.get(m)!;
      const payloadKey = m.kind === 'identify' || m.kind === 'group' ? 'traits' : 'properties';
      const shape: Shape = { types: [{ kind: 'primitive', name: 'object' }], nullable: false, properties: m.fields, origin: m.origin };
      for (let i = 0; i < PER_MESSAGE; i++) {
        const gen = new ValueGenerator(plan!, random, i % 3 === 0 ? 0 : 0.08);
        const payload = gen.object(shape, 0);
        const message: Record<string, unknown> = { type: m.kind, userId: 'u1', [payloadKey]: payload };
        if (m.kind === 'track') message['event'] = m.name;
        if (m.kind === 'page' || m.kind === 'screen') message['name'] = m.name;
        if (m.kind === 'group') message['groupId'] = 'g1';
        const expected = schemaCheck(message);
        const violations = ours(payload);
        if (expected !== (violations.length === 0)) {
          throw new Error(`${m.kind} ${JSON.stringify(m.name)}: ajv says ${expected ? 'valid' : `invalid (${ajv.errorsText(schemaCheck.errors)})`}, ours says ${JSON.stringify(violations)} for ${JSON.stringify(payload)}`);
        }
        if (expected) valid++;
        else invalid++;
      }
    }
    // The corpus must exercise both verdicts, or the comparison proves little.
    expect(valid).toBeGreaterThan(PER_MESSAGE / 10);
    expect(invalid).toBeGreaterThan(PER_MESSAGE / 10);
  });
});

describe("the audit's shared layout reports exactly what the inline layout reports", () => {
  it.each(PLANS)('%s', async (file) => {
    const { plan } = await loadPlan(join(root, file));
    const inline = await loadValidators(validatorModule(plan!, { typed: false, warnUnplanned: true }));
    const sharedModule = validatorModule(plan!, { typed: false, warnUnplanned: true, share: true });
    const shared = await loadValidators(sharedModule);
    // Properties of the same name and definition share one function (ecommerce's `currency`
    // and friends appear in many events), so there are fewer checks than property uses.
    const checks = sharedModule.code.match(/^function pc\d+\(/gm)?.length ?? 0;
    const uses = (sharedModule.code.match(/\bpc\d+\b/g)?.length ?? 0) - checks;
    expect(checks).toBeGreaterThan(0);
    if (file === 'plans/ecommerce.yaml') expect(uses - checks).toBeGreaterThan(checks);
    const random = rng(7);
    let violations = 0;
    for (const m of allMessages(plan!)) {
      const shape: Shape = { types: [{ kind: 'primitive', name: 'object' }], nullable: false, properties: m.fields, origin: m.origin };
      for (let i = 0; i < PER_MESSAGE; i++) {
        const payload = new ValueGenerator(plan!, random, i % 3 === 0 ? 0 : 0.1).object(shape, 0);
        const expected = inline.get(m)!(payload);
        expect(shared.get(m)!(payload)).toEqual(expected);
        violations += expected.length;
      }
    }
    expect(violations).toBeGreaterThan(PER_MESSAGE);
  });
});

describe('format checks agree with ajv-formats on the compiled schema', () => {
  const ajv = newAjv();
  const mod = `${helperSource(['isDateTime', 'isDate', 'isTime', 'reEmail', 'isUri', 'reUuid', 'reIpv4', 'reIpv6', 'reHostname'], false)}\nexport { isDateTime, isDate, isTime, reEmail, isUri, reUuid, reIpv4, reIpv6, reHostname };`;
  const load = import(`data:text/javascript;base64,${Buffer.from(mod).toString('base64')}`) as Promise<Record<string, ((s: string) => boolean) | RegExp>>;
  const names: Record<string, string> = { 'date-time': 'isDateTime', date: 'isDate', time: 'isTime', email: 'reEmail', uri: 'isUri', uuid: 'reUuid', ipv4: 'reIpv4', ipv6: 'reIpv6', hostname: 'reHostname' };
  it.each(Object.entries(FORMAT_SAMPLES))('%s', async (format, samples) => {
    const helpers = await load;
    const h = helpers[names[format]!]!;
    const ours = (s: string) => (h instanceof RegExp ? h.test(s) : h(s));
    // What `compile` writes for `{type: string, format}`: `format`, plus FORMAT_SYNTAX.
    const shape: Shape = { types: [{ kind: 'primitive', name: 'string' }], nullable: false, format: format as Format, origin: { file: 'plan.yaml', path: [] } };
    const theirs = ajv.compile(shapeSchema(shape, true, schemaContext('draft-07')));
    for (const s of samples.good) expect([s, ours(s), theirs(s)]).toEqual([s, true, true]);
    for (const s of samples.bad) expect([s, ours(s), theirs(s)]).toEqual([s, false, false]);
    // ajv-formats alone accepts some of what the plan's rules refuse: why the syntax is written.
    const formatAlone = ajv.compile({ type: 'string', format });
    expect(samples.bad.some((s) => formatAlone(s))).toBe(FORMAT_SYNTAX[format] !== undefined);
  });
});
