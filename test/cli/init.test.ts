import { existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { cli } from './run-cli.js';

const SPECS = ['segment/b2b-saas', 'segment/ecommerce', 'segment/mobile', 'segment/video'];
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'trackplan-init-'));
});

/** The schema the file's modeline names, resolved from the file, as an editor would. */
function modelineTarget(file: string): string {
  const first = readFileSync(file, 'utf8').split('\n')[0]!;
  const m = /^# yaml-language-server: \$schema=(.+)$/.exec(first);
  if (!m) throw new Error(`no modeline in ${first}`);
  return resolve(dirname(file), m[1]!);
}

describe('trackplan init', () => {
  it('writes a small plan that passes check, named after its file, its schema found by editors', () => {
    const r = cli(['init', 'plans/web.yaml'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Wrote plans/web.yaml');
    const file = join(dir, 'plans/web.yaml');
    expect(readFileSync(file, 'utf8')).toContain('name: "web"');
    expect(existsSync(modelineTarget(file))).toBe(true);
    const check = cli(['check', 'plans/web.yaml'], { cwd: dir });
    expect(check.code, check.stdout + check.stderr).toBe(0);
    expect(check.stdout).toContain('0 errors, 0 warnings');
  });

  it.each(SPECS)('--from %s: the spec as the team\'s own plan, the same events, nothing tightened', (spec) => {
    const r = cli(['init', 'plan.yaml', '--from', spec, '--name', 'acme'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(join(dir, 'plan.yaml'), 'utf8');
    expect(text).toContain(`started from trackplan's ${spec}`);
    expect(text).toMatch(/^name: "acme"$/m);
    expect(text).toMatch(/^version: "0\.1\.0"$/m);
    expect(existsSync(modelineTarget(join(dir, 'plan.yaml')))).toBe(true);
    expect(cli(['check', 'plan.yaml'], { cwd: dir }).code).toBe(0);
    const diff = cli(['diff', spec, 'plan.yaml'], { cwd: dir });
    expect(diff.code, diff.stderr).toBe(0);
    // Only the plan's own name and description differ from the spec.
    expect(diff.stdout.split('\n')[0]).toBe(`Compared with ${spec}: 0 tightened, 0 beyond the spec, 2 documentation.`);
  });

  it('diff against the spec lists each tightening where it is made, and what goes beyond the spec', () => {
    expect(cli(['init', 'shop.yaml', '--from', 'segment/ecommerce'], { cwd: dir }).code).toBe(0);
    const file = join(dir, 'shop.yaml');
    const text = readFileSync(file, 'utf8');
    // Products Searched's query becomes required: a search without one is a bug on the page.
    const tightened = text.replace('      query:\n        type: [string, object]\n', '      query:\n        type: [string, object]\n        required: true  # Tightened: an empty search is a bug\n');
    expect(tightened).not.toBe(text);
    writeFileSync(file, tightened.replace('\nevents:\n', '\nevents:\n  Gift Card Redeemed:\n    description: A gift card paid for part of an order.\n'));
    const diff = cli(['diff', 'segment/ecommerce', 'shop.yaml'], { cwd: dir });
    expect(diff.code, diff.stdout + diff.stderr).toBe(0);
    expect(diff.stdout.split('\n')[0]).toBe('Compared with segment/ecommerce: 1 tightened, 1 beyond the spec, 2 documentation.');
    expect(diff.stdout).toContain('Tightened: refuses what segment/ecommerce allows (1):');
    // Located at the property's key in the team's file, and at the spec's definition.
    const key = readFileSync(file, 'utf8').split('\n').findIndex((l, i, all) => l === '      query:' && all[i + 2]!.includes('# Tightened')) + 1;
    expect(diff.stdout).toMatch(new RegExp(`property "query" of event "Products Searched" became required\\. \\[property-became-required\\] shop\\.yaml:${key}:7 \\(was segment/ecommerce\\.yaml:183:7\\)`));
    expect(diff.stdout).toContain('Beyond segment/ecommerce (1):');
    expect(diff.stdout).toContain('"Gift Card Redeemed"');
    const md = cli(['diff', 'segment/ecommerce', 'shop.yaml', '--format', 'markdown'], { cwd: dir });
    expect(md.stdout).toContain('#### Tightened: refuses what segment/ecommerce allows');
    const json = JSON.parse(cli(['diff', 'segment/ecommerce', 'shop.yaml', '--format', 'json'], { cwd: dir }).stdout) as { spec: string; failed: boolean; breaking: number };
    expect(json).toMatchObject({ spec: 'segment/ecommerce', failed: false, breaking: 1 });
  });

  it('never overwrites unasked; --force replaces the file (a link itself, never its target)', () => {
    writeFileSync(join(dir, 'mine.yaml'), 'my own words\n');
    const r = cli(['init', 'mine.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('trackplan: mine.yaml exists; trackplan will not overwrite it. Choose another file, or pass --force.\n');
    expect(readFileSync(join(dir, 'mine.yaml'), 'utf8')).toBe('my own words\n');
    writeFileSync(join(dir, 'target.yaml'), 'elsewhere\n');
    symlinkSync(join(dir, 'target.yaml'), join(dir, 'link.yaml'));
    expect(cli(['init', 'link.yaml'], { cwd: dir }).code).toBe(2);
    symlinkSync(join(dir, 'missing.yaml'), join(dir, 'dangling.yaml'));
    expect(cli(['init', 'dangling.yaml'], { cwd: dir }).code).toBe(2);
    expect(existsSync(join(dir, 'missing.yaml'))).toBe(false);
    expect(cli(['init', 'link.yaml', '--force'], { cwd: dir }).code).toBe(0);
    expect(readFileSync(join(dir, 'target.yaml'), 'utf8')).toBe('elsewhere\n');
    expect(readFileSync(join(dir, 'link.yaml'), 'utf8')).toContain('trackplan: 1');
  });

  it('exits 2 with one line on bad input: unknown spec, not a .yaml file, an empty name, unknown flags, a folder', () => {
    const cases: [string[], RegExp][] = [
      [['init', '--from', 'segment/nope'], /^trackplan: Unknown spec "segment\/nope"\. Use one of segment\/b2b-saas, segment\/ecommerce, segment\/mobile, segment\/video\.\n$/],
      [['init', '--from', '../../etc/passwd'], /^trackplan: Unknown spec "\.\.\/\.\.\/etc\/passwd"\./],
      [['init', 'plan.json'], /^trackplan: plan\.json: a plan file ends in \.yaml or \.yml\.\n$/],
      [['init', 'x.yaml', '--name', ' '], /^trackplan: --name is empty/],
      [['init', '--frm', 'segment/ecommerce'], /unknown option '--frm'/],
      [['diff', 'segment/nope', 'x.yaml'], /^trackplan: Unknown spec "segment\/nope"\./],
    ];
    for (const [args, message] of cases) {
      const r = cli(args, { cwd: dir });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
    writeFileSync(join(dir, 'file'), '');
    const r = cli(['init', 'file/plan.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^trackplan: Cannot write file\/plan\.yaml: /);
    expect(r.stderr.split('\n')).toHaveLength(2);
  });
});
