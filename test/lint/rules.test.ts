import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { resolveLintConfig } from '../../src/lint/config.js';
import { lintPlan } from '../../src/lint/lint.js';
import { rules } from '../../src/lint/rules/index.js';
import { loadPlan } from '../../src/load/load-plan.js';
import { ROOT } from '../codegen/golden-cases.js';

async function lint(yaml: string, config: Parameters<typeof resolveLintConfig>[0] = { extends: 'all' }, only?: string): Promise<string[]> {
  const { plan, locate, diagnostics } = await loadPlan('plan.yaml', { text: yaml });
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const { active } = resolveLintConfig(config);
  return lintPlan(plan!, active, locate)
    .filter((d) => !only || d.code === only)
    .map((d) => `${d.code}@${d.range?.start.line}:${d.range?.start.col}`);
}

// Each case: a plan snippet, the rule, and the exact findings (rule@line:col) it must give.
const cases: { rule: keyof typeof rules; yaml: string; expected: string[]; options?: Record<string, unknown> }[] = [
  { rule: 'event-name-casing', yaml: 'trackplan: 1\nevents:\n  Order Completed: {}\n  Product Added to Wishlist: {}\n  order_completed: {codegen: {name: orderCompletedSnake}}\n  orderShipped: {}\n', expected: ['event-name-casing@5:3', 'event-name-casing@6:3'] },
  { rule: 'event-name-casing', options: { style: 'snake' }, yaml: 'trackplan: 1\nevents:\n  order_completed: {}\n  Order Completed: {codegen: {name: orderCompletedTitle}}\n', expected: ['event-name-casing@4:3'] },
  { rule: 'event-name-casing', options: { style: { pattern: '^[A-Z]' } }, yaml: 'trackplan: 1\nevents:\n  Order: {}\n  order: {codegen: {name: orderLower}}\n', expected: ['event-name-casing@4:3'] },
  { rule: 'event-name-tense', yaml: 'trackplan: 1\nevents:\n  Order Completed: {}\n  Email Sent: {}\n  Signed Up: {}\n  Order Complete: {}\n  Submit Form: {}\n', expected: ['event-name-tense@6:3', 'event-name-tense@7:3'] },
  { rule: 'event-name-tense', yaml: 'trackplan: 1\nevents:\n  Video Content Playing: {}\n  Order Shipping: {}\n', expected: ['event-name-tense@3:3', 'event-name-tense@4:3'] },
  { rule: 'property-name-casing', yaml: 'trackplan: 1\nproperties:\n  orderId: string\nevents:\n  A:\n    properties:\n      order_id: string\n      Total: number\n      nested: {type: object, properties: {innerKey: string}}\n', expected: ['property-name-casing@3:3', 'property-name-casing@8:7', 'property-name-casing@9:43'] },
  { rule: 'no-near-duplicate-events', yaml: 'trackplan: 1\nevents:\n  Order Completed: {}\n  completed_order: {codegen: {name: completedOrder}}\n  Order Shipped: {}\n', expected: ['no-near-duplicate-events@4:3'] },
  { rule: 'no-near-duplicate-properties', yaml: 'trackplan: 1\nevents:\n  A:\n    properties:\n      order_id: string\n  B:\n    properties:\n      orderId: string\n      id_order: string\n', expected: ['no-near-duplicate-properties@8:7', 'no-near-duplicate-properties@9:7'] },
  { rule: 'consistent-property-types', yaml: 'trackplan: 1\nevents:\n  A:\n    properties:\n      price: number\n  B:\n    properties:\n      price: number\n  C:\n    properties:\n      price: string\n      kind: {type: string, enum: [a]}\n  D:\n    properties:\n      kind: {type: string, enum: [b]}\n', expected: ['consistent-property-types@11:7', 'consistent-property-types@15:7'] },
  { rule: 'consistent-property-types', options: { allow: ['price'] }, yaml: 'trackplan: 1\nevents:\n  A:\n    properties:\n      price: number\n      kind: {type: string, enum: [a]}\n  B:\n    properties:\n      price: string\n      kind: {type: string, enum: [b]}\n', expected: ['consistent-property-types@10:7'] },
  { rule: 'description-required', yaml: 'trackplan: 1\nevents:\n  A:\n    description: A thing happened.\n    properties:\n      x: {type: string, description: short}\n      y: {type: string, description: Long enough to pass.}\n  B: {}\n', expected: ['description-required@6:7', 'description-required@8:3'] },
  { rule: 'enum-value-casing', yaml: "trackplan: 1\nevents:\n  A:\n    properties:\n      rating: {type: string, enum: ['1', '5', '10', 4K]}\n", expected: ['enum-value-casing@5:53'] },
  { rule: 'enum-value-casing', yaml: "trackplan: 1\nevents:\n  A:\n    properties:\n      m: {type: string, enum: [credit_card, ' paypal', Bank Transfer]}\n", expected: ['enum-value-casing@5:45', 'enum-value-casing@5:56'] },
  { rule: 'no-empty-events', yaml: 'trackplan: 1\nevents:\n  A: {}\n  B: {deprecated: gone}\n  C: {properties: {x: string}}\n', expected: ['no-empty-events@3:3'] },
  { rule: 'no-unused-definitions', yaml: 'trackplan: 1\ntypes:\n  Used: string\n  Unused: string\nproperties:\n  shared: string\n  orphan: string\nevents:\n  A:\n    properties:\n      shared:\n      x: Used\n', expected: ['no-unused-definitions@4:3', 'no-unused-definitions@7:3'] },
  { rule: 'deprecated-has-reason', yaml: 'trackplan: 1\nevents:\n  A: {deprecated: true}\n  B: {deprecated: Use A.}\n', expected: ['deprecated-has-reason@3:19'] },
  { rule: 'max-properties', options: { max: 2 }, yaml: 'trackplan: 1\nevents:\n  A: {properties: {a: string, b: string, c: string}}\n  B: {properties: {a: string}}\n', expected: ['max-properties@3:3'] },
  { rule: 'owner-required', yaml: 'trackplan: 1\nevents:\n  A: {owner: team}\n  B: {}\n', expected: ['owner-required@4:3'] },
];

describe('lint rules report exact places', () => {
  it.each(cases)('$rule', async ({ rule, yaml, expected, options }) => {
    const config = { extends: 'none' as const, rules: { [rule]: options ? (['error', options] as ['error', Record<string, unknown>]) : ('error' as const) } };
    expect(await lint(yaml, config, rule)).toEqual(expected);
  });
});

describe('the rule registry', () => {
  const dir = join(ROOT, 'src/lint/rules');
  it('has every rule file, each id matching its file, each documented and tested', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'index.ts').map((f) => f.replace(/\.ts$/, '')).sort();
    expect(Object.keys(rules).sort()).toEqual(files);
    for (const [id, rule] of Object.entries(rules)) {
      expect(rule.id).toBe(id);
      expect(existsSync(join(ROOT, 'docs/rules', `${id}.md`)), `docs/rules/${id}.md`).toBe(true);
      expect(rule.description.length).toBeGreaterThan(20);
      expect(cases.some((c) => c.rule === id), `a table test for ${id}`).toBe(true);
      expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain(`docs/rules/${id}.md`);
    }
  });

  it('reports unknown rules and bad options in the config', () => {
    expect(resolveLintConfig({ rules: { 'no-such-rule': 'error' } }).errors[0]!.message).toContain('Unknown lint rule "no-such-rule"');
    expect(resolveLintConfig({ rules: { 'event-name-casng': 'error' } }).errors[0]).toEqual({ path: ['rules', 'event-name-casng'], message: 'Unknown lint rule "event-name-casng". Did you mean `event-name-casing`?' });
    expect(resolveLintConfig({ rules: { 'event-name-casing': ['error', { style: 'shouty' }] } }).errors[0]).toMatchObject({ path: ['rules', 'event-name-casing', 1], message: expect.stringContaining('style must be one of') });
    expect(resolveLintConfig({ rules: { 'consistent-property-types': ['error', { allow: 'position' }] } }).errors[0]!.message).toContain('allow must be a list of property names');
    expect(resolveLintConfig({ rules: { 'consistent-property-types': ['error', { allow: [''] }] } }).errors[0]!.message).toContain('allow must be a list of property names');
  });
});

describe('the example plans', () => {
  // The repository's own trackplan.config.yaml: recommended, with `position` allowed two types
  // (Segment's spec gives it two, and plans/ecommerce.yaml keeps the spec's).
  const config = parseConfig(readFileSync(join(ROOT, 'trackplan.config.yaml'), 'utf8'), 'trackplan.config.yaml').config!;

  it.each(['plans/ecommerce.yaml', 'plans/saas.yaml', 'plans/lib/commerce-common.yaml'])('%s is clean under the recommended rules, as this repository configures them', async (file) => {
    const { plan, locate } = await loadPlan(join(ROOT, file));
    expect(lintPlan(plan!, resolveLintConfig(config.lint).active, locate).map((d) => `${d.code} ${d.message}`)).toEqual([]);
  });

  it('allows position and nothing else: without the option, the two promotion positions are the only findings', async () => {
    expect(config.lint).toEqual({ rules: { 'consistent-property-types': ['error', { allow: ['position'] }] } });
    const { plan, locate } = await loadPlan(join(ROOT, 'plans/ecommerce.yaml'));
    expect(lintPlan(plan!, resolveLintConfig({}).active, locate).map((d) => `${d.code} ${d.path.join('.')}`)).toEqual([
      'consistent-property-types events.Promotion Viewed.properties.position',
      'consistent-property-types events.Promotion Clicked.properties.position',
    ]);
  });
});

describe('lint --fix', () => {
  it('trims enum values in place, keeping comments and layout, and exits clean after', async () => {
    const { mkdtempSync, writeFileSync, readFileSync: read } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { cli } = await import('../cli/run-cli.js');
    const dir = mkdtempSync(join(tmpdir(), 'trackplan-lint-'));
    const text = "trackplan: 1\n# payment methods, as the checkout sends them\nevents:\n  Payment Info Entered:\n    description: User entered payment details.\n    properties:\n      method:\n        type: string\n        description: How the user pays.\n        enum: [credit_card, ' paypal' ,  \"bank_transfer \"]   # keep this comment\n";
    writeFileSync(join(dir, 'plan.yaml'), text);
    const before = cli(['lint', 'plan.yaml'], { cwd: dir });
    expect(before.stdout).toContain('2 can be fixed with --fix');
    const r = cli(['lint', 'plan.yaml', '--fix'], { cwd: dir });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stderr).toContain('Fixed 2 findings in plan.yaml');
    expect(read(join(dir, 'plan.yaml'), 'utf8')).toBe(text.replace("' paypal'", "'paypal'").replace('"bank_transfer "', '"bank_transfer"'));
  });

  it('exits 1 on errors and on too many warnings, 2 on a plan that fails check', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { cli } = await import('../cli/run-cli.js');
    const dir = mkdtempSync(join(tmpdir(), 'trackplan-lint-'));
    writeFileSync(join(dir, 'warn.yaml'), 'trackplan: 1\nevents:\n  Order Completed:\n    properties:\n      total: {type: number, description: Order total in the currency.}\n');
    expect(cli(['lint', 'warn.yaml'], { cwd: dir }).code).toBe(0);
    expect(cli(['lint', 'warn.yaml', '--max-warnings', '0'], { cwd: dir }).code).toBe(1);
    writeFileSync(join(dir, 'err.yaml'), 'trackplan: 1\nevents:\n  Order Completed: {description: An order was completed.}\n  completed_order: {description: An order was completed., codegen: {name: co}}\n');
    const err = cli(['lint', 'err.yaml', '--format', 'github'], { cwd: dir });
    expect(err.code).toBe(1);
    expect(err.stdout).toMatch(/^::error file=err\.yaml,line=4,col=3,.*title=trackplan lint no-near-duplicate-events::/m);
    writeFileSync(join(dir, 'bad.yaml'), 'trackplan: 1\nevents: [x]\n');
    expect(cli(['lint', 'bad.yaml'], { cwd: dir }).code).toBe(2);
    writeFileSync(join(dir, 'trackplan.config.yaml'), 'lint:\n  rules:\n    no-such-rule: error\n');
    const cfg = cli(['lint', 'warn.yaml'], { cwd: dir });
    expect(cfg.code).toBe(2);
    expect(cfg.stderr).toContain('trackplan.config.yaml:3:5 error Unknown lint rule "no-such-rule".');
    writeFileSync(join(dir, 'trackplan.config.yaml'), 'lint:\n  rules:\n    event-name-casng: warn\n    event-name-casing: [warn, {style: weird}]\n');
    const two = cli(['lint', 'warn.yaml'], { cwd: dir });
    expect(two.code).toBe(2);
    expect(two.stderr.split('\n')).toEqual([
      'trackplan.config.yaml:3:5 error Unknown lint rule "event-name-casng". Did you mean `event-name-casing`? [invalid-lint-config]',
      'trackplan.config.yaml:4:31 error Rule "event-name-casing": style must be one of title, sentence, snake, camel, pascal, kebab, or {pattern: "..."}. [invalid-lint-config]',
      'trackplan: trackplan.config.yaml has 2 mistakes in `lint:`; fix them.',
      '',
    ]);
  });

  // Issue 10, item 11: names every object inherits are not rules.
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])('reports a rule named %s in the config as unknown', async (name) => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { cli } = await import('../cli/run-cli.js');
    const dir = mkdtempSync(join(tmpdir(), 'trackplan-lint-'));
    writeFileSync(join(dir, 'plan.yaml'), 'trackplan: 1\nevents:\n  Order Completed: {description: An order was completed.}\n');
    writeFileSync(join(dir, 'trackplan.config.yaml'), `lint:\n  rules:\n    ${name}: warn\n`);
    const r = cli(['lint', 'plan.yaml'], { cwd: dir });
    expect(r.stderr).toContain(`Unknown lint rule "${name}"`);
    expect(r.stderr).not.toContain('unexpected error');
    expect(r.code).toBe(2);
    // As an own key (the way a parsed config holds it), in the library too.
    expect(resolveLintConfig(JSON.parse(`{"rules": {"${name}": "warn"}}`)).errors.map((e) => e.message)).toEqual([expect.stringContaining(`Unknown lint rule "${name}"`)]);
  });

  it('reports a map where a severity belongs, for any rule name, at its line', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { cli } = await import('../cli/run-cli.js');
    const dir = mkdtempSync(join(tmpdir(), 'trackplan-lint-'));
    writeFileSync(join(dir, 'plan.yaml'), 'trackplan: 1\nevents:\n  Order Completed: {description: An order was completed.}\n');
    for (const name of ['__proto__', 'bogus-rule', 'event-name-casing']) {
      writeFileSync(join(dir, 'trackplan.config.yaml'), `lint:\n  rules:\n    ${name}: {style: snake}\n`);
      const r = cli(['lint', 'plan.yaml'], { cwd: dir });
      expect(r.stderr).toContain(`trackplan.config.yaml:3:`);
      expect(r.stderr).toContain('must be one of off, warn, error. It is a map.');
      expect(r.stderr).not.toContain('unexpected error');
      expect(r.code).toBe(2);
    }
  });
});

describe('lint reporters parse back', () => {
  it('junit and markdown', async () => {
    const { XMLParser } = await import('fast-xml-parser');
    const { diagnosticsJunit, diagnosticsMarkdown } = await import('../../src/report/diagnostics-ci.js');
    const { plan, locate } = await loadPlan('plan.yaml', { text: 'trackplan: 1\nevents:\n  order_done: {description: "Something | happened here."}\n' });
    const { active } = resolveLintConfig({});
    const found = lintPlan(plan!, active, locate);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(diagnosticsJunit('trackplan lint', ['plan.yaml'], active.map((a) => a.id), found));
    const cases = doc.testsuites.testsuite.testcase as { name: string; failure?: unknown; 'system-out'?: string }[];
    expect(cases.map((c) => c.name)).toEqual(active.map((a) => a.id));
    expect(cases.find((c) => c.name === 'event-name-casing')!['system-out']).toContain('plan.yaml:3:3');
    const md = diagnosticsMarkdown('trackplan lint', found);
    expect(md.split('\n')[0]).toBe(`### ⚠️ trackplan lint: 0 errors, ${found.length} warning${found.length === 1 ? '' : 's'}`);
    expect(md).not.toMatch(/[^\\]\| happened/);
  });
});

describe('event-name-tense suggests a past tense a person would write', () => {
  it.each([
    ['Order Complete', 'Order Completed'],
    ['Video Content Playing', 'Video Content Played'],
    ['Order Shipping', 'Order Shipped'],
  ])('%s → %s', async (name, suggestion) => {
    const { plan, locate } = await loadPlan('plan.yaml', { text: `trackplan: 1\nevents:\n  ${name}: {}\n` });
    const found = lintPlan(plan!, resolveLintConfig({ extends: 'none', rules: { 'event-name-tense': 'warn' } }).active, locate);
    expect(found.map((d) => d.message.replace(/^.*Did you mean "(.*)"\?$/, '$1'))).toEqual([suggestion]);
  });
});
