import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexPlan } from '../../src/audit/plan-spec.js';
import { loadTemplates } from '../../src/cli/templates-dir.js';
import { generateClient } from '../../src/codegen/generate.js';
import { resolveLintConfig } from '../../src/lint/config.js';
import { lintPlan } from '../../src/lint/lint.js';
import { loadPlan } from '../../src/load/load-plan.js';
import { functionName } from '../../src/model/names.js';
import { auditText, findings } from '../audit/helpers.js';
import { runTsc, tscProject } from '../codegen/tsc-project.js';
import { EXAMPLE_COUNTS, READINGS } from './segment-spec-readings.js';
import { CONSTRAINTS, everyShape, type Expected, fieldAt, fieldPaths, mismatch, parseSpecType, readExamples, readTables, ROOT, type Spec, SPECS, valueFor, valuePaths, withParents } from './segment-spec-tables.js';

// Segment's spec plans (plans/segment/) against their pages, as transcribed in
// test/fixtures/segment-spec/<spec>/ (tables.json: the property tables; examples.ndjson: the
// example calls). The readings where a plan departs from the letter of a table are listed, with
// reasons, in segment-spec-readings.ts.

const MIRROR_COMMIT = '747b35d8f5f1889b041f2101185d562d7c4c016e';
const PAGES: Record<Spec, string> = {
  ecommerce: 'https://segment.com/docs/connections/spec/ecommerce/v2/',
  'b2b-saas': 'https://segment.com/docs/connections/spec/b2b-saas/',
  video: 'https://segment.com/docs/connections/spec/video/',
  mobile: 'https://segment.com/docs/connections/spec/mobile/',
};

async function load(spec: Spec) {
  const file = join(ROOT, 'plans/segment', `${spec}.yaml`);
  const loaded = await loadPlan(file);
  if (!loaded.plan) throw new Error(JSON.stringify(loaded.diagnostics));
  return { ...loaded, plan: loaded.plan, file };
}

/** The type the plan must give a row: the reading's, where one is listed, else the table's words. */
function expectedFor(spec: Spec, event: string, path: string, written: string | null): Expected {
  return READINGS[spec].types.find((r) => r.events(event) && r.path === path)?.expected ?? parseSpecType(written);
}

/** Properties for one event with every documented property set to a value of its type (context rows apart). */
function buildProperties(spec: Spec, event: string, rows: [string, string | null][], variant: number, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const heads = [...new Set(rows.map(([p]) => p.split('.')[0]!.replace(/\[\]$/, '')))];
  for (const head of heads) {
    const own = rows.find(([p]) => p === head);
    const nested = rows.filter(([p]) => p.startsWith(`${head}.`) || p.startsWith(`${head}[].`));
    const throughArray = nested.some(([p]) => p.startsWith(`${head}[].`));
    const children = nested.length ? buildProperties(spec, event, nested.map(([p, t]) => [p.slice(p.indexOf('.') + 1), t]), variant, `${prefix}${head}${throughArray ? '[]' : ''}.`) : undefined;
    const expected = own ? expectedFor(spec, event, prefix + head, own[1]) : ({ kind: 'plain', type: throughArray ? 'array' : 'object' } as const);
    out[head] = valueFor(expected, variant, children);
  }
  return out;
}

describe.each(SPECS)('plans/segment/%s.yaml', async (spec) => {
  const { plan, diagnostics, locate, file } = await load(spec);
  const tables = readTables(spec);
  const readings = READINGS[spec];
  const index = await indexPlan(plan);
  const rows = Object.entries(tables).flatMap(([event, props]) => Object.entries(props).map(([path, type]) => ({ event, path, type })));

  it('loads with no diagnostics, and names its page, the docs commit read, its name and strict: false', () => {
    expect(diagnostics).toEqual([]);
    const text = readFileSync(file, 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../../schema/trackplan.schema.json');
    expect(text).toContain(`# Page: ${PAGES[spec]}`);
    expect(text).toContain(MIRROR_COMMIT);
    expect(plan.name).toBe(`segment-${spec}`);
    expect(plan.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(plan.strict).toBe(false);
    for (const e of plan.events) expect(e.strict, e.name).toBe(false);
  });

  it("has exactly the page's events, spelt and ordered as the page", () => {
    expect(plan.events.map((e) => e.name)).toEqual(Object.keys(tables));
  });

  it.each(rows)('$event: $path is $type', ({ event, path, type }) => {
    const fields = plan.events.find((e) => e.name === event)!.fields;
    if (path.startsWith('context.')) {
      // Not a property: it travels in the message's context, which a plan does not describe.
      expect(fieldAt(plan, fields, 'context')).toBeUndefined();
      expect(fields.map((f) => f.name)).not.toContain(path.slice('context.'.length));
      return;
    }
    const field = fieldAt(plan, fields, path);
    expect(field, `${event} has no ${path}`).toBeDefined();
    expect(mismatch(plan, field!.shape, expectedFor(spec, event, path, type))).toBeUndefined();
    expect(field!.shape.description ?? plan.types.get(field!.shape.types[0]?.name ?? '')?.shape.description, 'a description').toMatch(/\w{3}/);
  });

  it("has no property the tables do not list, except the readings' extras", () => {
    for (const e of plan.events) {
      const listed = withParents(Object.keys(tables[e.name]!));
      for (const x of readings.extra.filter((r) => r.event === e.name)) for (const p of x.paths(tables)) listed.add(p);
      expect(fieldPaths(plan, e.fields).map((p) => p.path).filter((p) => !listed.has(p)), e.name).toEqual([]);
    }
  });

  it('admits null exactly where a reading says the page does', () => {
    const expected = plan.events.flatMap((e) => readings.nullable.filter((r) => r.events(e.name)).flatMap((r) => r.paths.map((p) => `${e.name}: ${p}`)));
    const actual = plan.events.flatMap((e) => fieldPaths(plan, e.fields).filter((p) => p.field.shape.nullable).map((p) => `${e.name}: ${p.path}`));
    expect(actual.sort()).toEqual(expected.sort());
  });

  it('requires nothing, and constrains values only where the page gives the constraint', () => {
    const shapes = everyShape(plan);
    expect(shapes.filter((s) => s.required).map((s) => s.where)).toEqual(readings.required);
    const constraints = new Set<string>();
    for (const { where, shape } of shapes) {
      const name = where.split(/[.: ]+/).at(-1)!.replace(/\[\]$/, '');
      for (const key of CONSTRAINTS) if (shape[key] !== undefined) constraints.add(`${name} ${key}=${JSON.stringify(shape[key])}`);
    }
    expect([...constraints].sort()).toEqual([...readings.constraints].sort());
  });

  it('lints clean under the recommended rules, except where a rule and the page disagree (listed)', () => {
    const { active } = resolveLintConfig({ extends: 'recommended' });
    const found = lintPlan(plan, active, locate).map((d) => `${d.code} ${d.path.join('.')}`);
    expect(found.sort()).toEqual([...readings.lint].sort());
  });

  it("audits the page's examples clean: no violation, no warning, no bad input", async () => {
    const text = readExamples(spec);
    expect(text.trimEnd().split('\n')).toHaveLength(EXAMPLE_COUNTS[spec]);
    const summary = await auditText(index, text);
    expect(findings(summary)).toEqual([]);
    expect(summary.messages.read).toBe(EXAMPLE_COUNTS[spec]);
    if (spec === 'b2b-saas') {
      // The page sends the account in context.groupId on every event.
      for (const line of text.trimEnd().split('\n')) expect((JSON.parse(line) as { context?: { groupId?: unknown } }).context?.groupId).toBe('acct_123');
    }
  });

  const generated = Object.entries(tables).flatMap(([event, props]) =>
    [0, 1, 2].map((variant) => {
      const own = Object.entries(props).filter(([p]) => !p.startsWith('context.'));
      const message: Record<string, unknown> = { type: 'track', event, userId: 'user-1', properties: buildProperties(spec, event, own, variant) };
      if (Object.keys(props).some((p) => p.startsWith('context.'))) message['context'] = { groupId: 'acct_1' };
      return { event, variant, message, documented: [...withParents(own.map(([p]) => p))] };
    }),
  );

  it('audits clean a message per event with every documented property set to a value of its type', async () => {
    for (const g of generated) expect(valuePaths(g.message['properties'] as Record<string, unknown>).sort(), `${g.event} #${g.variant}`).toEqual([...g.documented].sort());
    const summary = await auditText(index, generated.map((g) => JSON.stringify(g.message)).join('\n') + '\n');
    expect(findings(summary)).toEqual([]);
    expect(summary.messages.read).toBe(generated.length);
  });

  it('reports a wrong type: the audit bites', async () => {
    // A documented property of the first event that has one, given a value of another JSON type.
    const g = generated.find((x) => x.documented.length > 0)!;
    const props = g.message['properties'] as Record<string, unknown>;
    const [key, value] = Object.entries(props).find(([, v]) => typeof v !== 'object')!;
    const wrong = { ...g.message, properties: { ...props, [key]: typeof value === 'string' ? 19.5 : String(value) } };
    const summary = await auditText(index, JSON.stringify(wrong) + '\n');
    expect(findings(summary)).toEqual([`type-mismatch@1:properties.${key}`]);
  });
});

describe('page faults and the readings taken, as the audit sees them', () => {
  it('a price sent as text is a type-mismatch, at the top and inside products', async () => {
    const index = await indexPlan((await load('ecommerce')).plan);
    const lines = readExamples('ecommerce').trimEnd().split('\n').map((l) => JSON.parse(l) as { event: string; properties: Record<string, unknown> & { products?: Record<string, unknown>[] } });
    const clicked = lines.find((m) => m.event === 'Product Clicked')!;
    const completed = lines.find((m) => m.event === 'Order Completed')!;
    const bad = [
      { ...clicked, properties: { ...clicked.properties, price: '19.50' } },
      { ...completed, properties: { ...completed.properties, products: [{ ...completed.properties.products![0], price: '19.50' }] } },
    ];
    const summary = await auditText(index, bad.map((m) => JSON.stringify(m)).join('\n') + '\n');
    expect(findings(summary)).toEqual(['type-mismatch@1:properties.price', 'type-mismatch@2:properties.products[].price']);
  });

  it("the page's own Coupon Denied example (coupon, not coupon_id) gets one warning, not an error", async () => {
    const index = await indexPlan((await load('ecommerce')).plan);
    const page = { type: 'track', event: 'Coupon Denied', anonymousId: 'a', properties: { order_id: '50314b8e9bcf000000000000', cart_id: '923923929jd29jd92dj9j93fj3', coupon: 'may_deals_2016', reason: 'Coupon expired' } };
    const summary = await auditText(index, JSON.stringify(page) + '\n');
    expect(findings(summary)).toEqual(['unplanned-property@1:properties.coupon']);
    expect(Object.values(summary.groups).map((g) => g.severity)).toEqual(['warn']);
  });

  it("the Video Spec's example lifecycle with its plural ad names gets warnings for them, not errors", async () => {
    const index = await indexPlan((await load('video')).plan);
    const page = { type: 'track', event: 'Video Playback Started', userId: 'u', properties: { session_id: '12345', content_asset_ids: ['0129370'], ad_asset_ids: ['ad123', 'ad097'], ad_pod_ids: ['adSegA', 'adSegB'], ad_types: ['mid-roll', 'post-roll'] } };
    const summary = await auditText(index, JSON.stringify(page) + '\n');
    expect(findings(summary)).toEqual(['unplanned-property@1:properties.ad_asset_ids', 'unplanned-property@1:properties.ad_pod_ids', 'unplanned-property@1:properties.ad_types']);
    expect(new Set(Object.values(summary.groups).map((g) => g.severity))).toEqual(new Set(['warn']));
  });

  it('an ad type outside the Video Spec\'s Enum is refused, as the page gives the list', async () => {
    const index = await indexPlan((await load('video')).plan);
    const summary = await auditText(index, JSON.stringify({ type: 'track', event: 'Video Ad Started', userId: 'u', properties: { type: 'pre_roll' } }) + '\n');
    expect(findings(summary)).toEqual(['not-in-enum@1:properties.type']);
  });
});

describe('generated clients of the spec plans', () => {
  it("compile under the strictest tsconfig for every client, and type the pages' examples and fully documented messages", async () => {
    const dir = tscProject();
    const templates = await loadTemplates();
    for (const spec of SPECS) {
      const { plan } = await load(spec);
      for (const client of ['analytics-node', 'analytics-next', 'generic'] as const) {
        mkdirSync(join(dir, spec, client), { recursive: true });
        const planFile = `plans/segment/${spec}.yaml`;
        for (const f of await generateClient(plan, { client, validate: 'dev', templates, planFile, command: `trackplan generate ${planFile} --out ${spec}/${client} --client ${client}` })) {
          writeFileSync(join(dir, spec, client, f.path), f.contents);
        }
      }
      // Every example of the page, as an analytics-node call: the generated types accept them.
      const calls = readExamples(spec).trimEnd().split('\n').map((line) => {
        const m = JSON.parse(line) as { event: string; properties: unknown; context?: unknown };
        const context = m.context ? `, context: ${JSON.stringify(m.context)}` : '';
        return `tp.${functionName({ kind: 'track', name: m.event })}({ userId: 'u'${context}, properties: ${JSON.stringify(m.properties)} });`;
      });
      writeFileSync(join(dir, spec, 'usage.ts'), [`import * as tp from './analytics-node/index.js';`, ...calls, ''].join('\n'));
    }
    // And a wrong type does not compile (strict: false adds an index signature, but not over a declared key).
    writeFileSync(join(dir, 'ecommerce', 'wrong.ts'), [`import * as tp from './analytics-node/index.js';`, `// @ts-expect-error a price given as text`, `tp.productClicked({ userId: 'u', properties: { price: '19.50' } });`, ''].join('\n'));
    expect(runTsc(dir)).toBe('');
  });
});

describe('the package', () => {
  it('ships plans/segment/ and no other plan', () => {
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
    const files = (JSON.parse(out) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path).filter((p) => p.startsWith('plans/'));
    expect(files.sort()).toEqual(SPECS.map((s) => `plans/segment/${s}.yaml`).sort());
  });
});
