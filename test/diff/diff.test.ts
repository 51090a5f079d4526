import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffPlans } from '../../src/diff/diff.js';
import { diffRules } from '../../src/diff/rules/index.js';
import { loadPlan } from '../../src/load/load-plan.js';
import { cli } from '../cli/run-cli.js';
import { ROOT } from '../codegen/golden-cases.js';

const FIXTURES = join(ROOT, 'test/fixtures/diff');

async function diffFixture(rule: string) {
  const base = await loadPlan(join(FIXTURES, rule, 'base.yaml'));
  const head = await loadPlan(join(FIXTURES, rule, 'head.yaml'));
  expect(base.diagnostics).toEqual([]);
  expect(head.diagnostics).toEqual([]);
  return diffPlans(base.plan!, head.plan!, base.locate, head.locate);
}

// For each rule's fixture pair: exactly these findings (rule@line:col in the file it points at).
const expected: Record<string, string[]> = {
  'message-removed': ['message-removed@19:3'],
  'message-added': ['message-added@23:3'],
  'property-removed': ['property-removed@4:3'],
  'property-added': ['property-added@12:7'],
  'required-property-added': ['required-property-added@12:7'],
  'property-became-required': ['property-became-required@11:7'],
  'type-narrowed': ['type-narrowed@9:7', 'type-narrowed@12:7'],
  'type-widened': ['type-widened@11:7'],
  'enum-value-removed': ['enum-value-removed@10:7'],
  'enum-value-added': ['enum-value-added@10:7'],
  'constraint-tightened': ['constraint-tightened@9:7', 'constraint-tightened@11:7'],
  'constraint-loosened': ['constraint-loosened@9:7'],
  // The plan's default `strict` comes back: both messages close, and so does the object in `items`.
  'strictness-tightened': ['strictness-tightened@4:3', 'strictness-tightened@15:9', 'strictness-tightened@19:3'],
  'documentation-changed': ['documentation-changed@4:3'],
  'deprecation-added': ['deprecation-added@19:3'],
  'property-became-optional': ['property-became-optional@8:7'],
  'strictness-loosened': ['strictness-loosened@19:3'],
  'codegen-name-changed': ['codegen-name-changed@19:3'],
  'deprecation-removed': ['deprecation-removed@19:3'],
  // Extracting a definition into `types:` changes no message, but generated clients export one more type.
  'named-type-added': ['named-type-added@4:3'],
  'named-type-removed': ['named-type-removed@4:3'],
  'unclassified-change': ['unclassified-change@11:7'],
};

describe('diff rules, each on its fixture pair', () => {
  it.each(Object.keys(expected))('%s', async (rule) => {
    const r = await diffFixture(rule);
    expect(r.findings.map((f) => `${f.code}@${f.range?.start.line}:${f.range?.start.col}`)).toEqual(expected[rule]);
  });

  it('every registered rule has its file, its fixture pair and expectations', () => {
    const files = readdirSync(join(ROOT, 'src/diff/rules')).filter((f) => f !== 'index.ts').map((f) => f.replace(/\.ts$/, '')).sort();
    expect(Object.keys(diffRules).sort()).toEqual(files);
    for (const [id, rule] of Object.entries(diffRules)) {
      expect(rule.id).toBe(id);
      expect(existsSync(join(FIXTURES, id, 'base.yaml')) && existsSync(join(FIXTURES, id, 'head.yaml')), id).toBe(true);
      expect(expected[id], id).toBeDefined();
    }
  });
});

describe('version bumps', () => {
  it('asks for major on breaking, minor on additions, patch on documentation', async () => {
    expect((await diffFixture('property-removed')).required).toBe('major');
    expect((await diffFixture('property-added')).required).toBe('minor');
    expect((await diffFixture('documentation-changed')).required).toBe('patch');
    const same = await diffFixture('property-removed');
    expect(same.version).toMatchObject({ base: '1.0.0', head: '1.0.0', bump: 'none', ok: false });
  });
});

describe('changes once reported as none (issue 10, item 17)', () => {
  // The four cases, on the command line: each is a change, with the bump it needs.
  it.each([
    ['property-became-optional', 1, /^FAILED: 1 breaking, 0 additions, 0 documentation\./],
    ['strictness-loosened', 0, /^PASSED: 0 breaking, 1 addition, 0 documentation\. Version 1\.0\.0 → 1\.0\.0 is not bumped, but these changes need a minor one\./],
    ['codegen-name-changed', 1, /^FAILED: 1 breaking, 0 additions, 0 documentation\./],
    ['deprecation-removed', 0, /^PASSED: 0 breaking, 0 additions, 1 documentation\./],
  ])('%s', (rule, code, verdict) => {
    const r = cli(['diff', join(FIXTURES, rule, 'base.yaml'), join(FIXTURES, rule, 'head.yaml')]);
    expect(r.code, r.stderr).toBe(code);
    expect(r.stdout.split('\n')[0]).toMatch(verdict);
    expect(r.stdout).toContain(`[${rule}]`);
  });

  it('compares array items and typed other keys like properties', async () => {
    const plan = (items: string, extra: string) => `trackplan: 1\nevents:\n  Search:\n    properties:\n      tags: {type: array, items: ${items}}\n      attrs: {type: object, additionalProperties: ${extra}}\n`;
    const load = (text: string) => loadPlan('plan.yaml', { text });
    const [b, h] = [await load(plan('string', 'string')), await load(plan('integer', '[string, "null"]'))];
    const r = diffPlans(b.plan!, h.plan!, b.locate, h.locate);
    expect(r.findings.map((f) => `${f.code}: ${f.message}`)).toEqual([
      'type-narrowed: property "tags[]" of event "Search" no longer admits string.',
      'type-widened: property "tags[]" of event "Search" now also admits integer.',
      'type-widened: property "attrs.*" of event "Search" now also admits null.',
    ]);
  });

  it('compares a type that holds itself without running out of stack, and sees changes deep inside it', async () => {
    // `Matrix` was a stack overflow (an unexpected error, exit 2); nesting had a depth limit of 12.
    const plan = (leaf: string) => `trackplan: 1\ntypes:\n  Matrix: {type: array, items: Matrix}\nevents:\n  Grid:\n    properties:\n      m: Matrix\n      deep: ${'{type: object, properties: {a: '.repeat(20)}${leaf}${'}}'.repeat(20)}\n`;
    const [b, h] = [await loadPlan('plan.yaml', { text: plan('string') }), await loadPlan('plan.yaml', { text: plan('integer') })];
    expect(b.diagnostics).toEqual([]);
    const r = diffPlans(b.plan!, h.plan!, b.locate, h.locate);
    expect(r.findings.map((f) => f.code)).toEqual(['type-narrowed', 'type-widened']);
    expect(r.findings[0]!.message).toBe(`property "deep${'.a'.repeat(20)}" of event "Grid" no longer admits string.`);
    const dir = mkdtempSync(join(tmpdir(), 'trackplan-diff-'));
    writeFileSync(join(dir, 'plan.yaml'), plan('string'));
    expect(cli(['diff', 'plan.yaml', 'plan.yaml'], { cwd: dir })).toMatchObject({ code: 0, stdout: 'No changes.\n' });
  });
});

describe('trackplan diff on the command line', () => {
  it('exits 1 on a breaking change without a major bump, 0 with one or with --allow-breaking', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trackplan-diff-'));
    const base = join(FIXTURES, 'property-removed/base.yaml');
    const head = join(FIXTURES, 'property-removed/head.yaml');
    const r = cli(['diff', base, head], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toMatch(/^FAILED: 1 breaking, 0 additions, 0 documentation\. Version 1\.0\.0 → 1\.0\.0 is not bumped, but these changes need a major one\./);
    expect(cli(['diff', base, head, '--allow-breaking'], { cwd: dir }).code).toBe(0);
    writeFileSync(join(dir, 'head.yaml'), execFileSync('cat', [head]).toString().replace('version: "1.0.0"', 'version: "2.0.0"'));
    expect(cli(['diff', base, join(dir, 'head.yaml')], { cwd: dir }).code).toBe(0);
    const md = cli(['diff', base, head, '--format', 'markdown'], { cwd: dir });
    expect(md.stdout).toContain('#### Breaking changes');
    const json = JSON.parse(cli(['diff', base, head, '--format', 'json'], { cwd: dir }).stdout);
    expect(json.findings[0]).toMatchObject({ code: 'property-removed', impact: 'breaking', category: 'property' });
    expect(cli(['diff', base], { cwd: dir }).code).toBe(2);
  });

  it('compares the working copy with a git revision, imports included', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trackplan-diff-git-'));
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
    git('init', '-q');
    git('config', 'user.email', 't@example.com');
    git('config', 'user.name', 'test');
    writeFileSync(join(dir, 'lib.yaml'), 'trackplan: 1\nproperties:\n  currency: {type: string, pattern: "^[A-Z]{3}$"}\n');
    writeFileSync(join(dir, 'plan.yaml'), 'trackplan: 1\nversion: "1.0.0"\nimport: [lib.yaml]\nevents:\n  Order Completed:\n    properties:\n      currency:\n      total: number\n');
    git('add', '.');
    git('commit', '-qm', 'first');
    writeFileSync(join(dir, 'plan.yaml'), 'trackplan: 1\nversion: "1.1.0"\nimport: [lib.yaml]\nevents:\n  Order Completed:\n    properties:\n      currency:\n      total: number\n      coupon: string\n');
    const r = cli(['diff', 'plan.yaml', '--against', 'HEAD', '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).findings.map((f: { code: string }) => f.code)).toEqual(['property-added']);
    expect(cli(['diff', 'plan.yaml', '--against', 'no-such-ref'], { cwd: dir }).code).toBe(2);
  });
});
