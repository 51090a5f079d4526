import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, unlinkSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPlan } from '../../src/load/load-plan.js';
import { brief } from '../helpers.js';
import { BIN, cli } from '../cli/run-cli.js';

// Issue 10, items 1 and 2: a pull request may add plans, imports, links and a config file; none
// of them may make CI read a file outside the project, nor quote one.
const SECRET = 'CI_SECRET_TOKEN=ghp_0123456789abcdef';

let base: string; // holds the project and, beside it, what must stay unread
let repo: string; // a git work tree (a `.git` folder is what marks it)
beforeAll(() => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'trackplan-boundary-')));
  writeFileSync(join(base, 'secret.env'), `${SECRET}\n`);
  writeFileSync(join(base, 'outside.yaml'), `trackplan: 1\ntypes: {Foo: string}\n# ${SECRET}\n`);
  repo = join(base, 'repo');
  mkdirSync(join(repo, '.git'), { recursive: true });
  mkdirSync(join(repo, 'plans'));
  mkdirSync(join(repo, 'lib'));
  writeFileSync(join(repo, 'lib', 'common.yaml'), 'trackplan: 1\ntypes: {Foo: string}\n');
  symlinkSync(join(base, 'secret.env'), join(repo, 'plans', 'env.yaml'));
  symlinkSync('/etc/passwd', join(repo, 'plans', 'passwd.yaml'));
  symlinkSync('../lib/common.yaml', join(repo, 'plans', 'common-link.yaml')); // stays inside: fine
  symlinkSync(base, join(repo, 'plans', 'up')); // a folder link leading out
});

const plan = (imports: string[]) => `trackplan: 1\nimport: [${imports.join(', ')}]\nevents:\n  A:\n    properties:\n      x: Foo\n`;

async function load(imports: string[]) {
  const file = join(repo, 'plans', `p${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, plan(imports));
  return loadPlan(file);
}

describe('imports stay inside the project', () => {
  it.each([
    ['a committed link to a secret', 'env.yaml'],
    ['a committed link to /etc/passwd', 'passwd.yaml'],
    ['a path up and out of the work tree', '../../outside.yaml'],
    ['a path through a folder link leading out', 'up/outside.yaml'],
    ['a path through a folder link to a secret', 'up/secret.env.yaml'],
  ])('refuses %s, without reading or quoting it', async (_, spec) => {
    const r = await load([spec]);
    expect(r.plan).toBeUndefined();
    expect(r.diagnostics.map(brief)).toEqual(['import-outside-project@2:10']);
    const text = JSON.stringify(r.diagnostics);
    expect(text).not.toContain('CI_SECRET_TOKEN');
    expect(text).not.toContain('root:');
    expect([...r.sources.keys()].some((k) => !k.startsWith(repo))).toBe(false);
  });

  it('says when a link is what leads out, and what to do', async () => {
    const r = await load(['env.yaml']);
    expect(r.diagnostics[0]!.message).toMatch(/^Import `env\.yaml` is a symbolic link that leads outside the project \(.*\)\. .*replace the link with the file itself\./);
  });

  it('allows imports anywhere inside the work tree, through links that stay inside', async () => {
    expect((await load(['../lib/common.yaml'])).diagnostics).toEqual([]);
    expect((await load(['common-link.yaml'])).diagnostics).toEqual([]);
  });

  it('keeps a plan outside any git work tree to its own folder', async () => {
    const alone = join(base, 'alone');
    mkdirSync(join(alone, 'sub'), { recursive: true });
    writeFileSync(join(alone, 'sub', 'plan.yaml'), plan(['../../outside.yaml']));
    writeFileSync(join(alone, 'sub', 'ok.yaml'), plan(['types.yaml']));
    writeFileSync(join(alone, 'sub', 'types.yaml'), 'trackplan: 1\ntypes: {Foo: string}\n');
    expect((await loadPlan(join(alone, 'sub', 'plan.yaml'))).diagnostics.map(brief)).toEqual(['import-outside-project@2:10']);
    expect((await loadPlan(join(alone, 'sub', 'ok.yaml'))).diagnostics).toEqual([]);
  });

  it('never quotes a file that is not a plan, even one named on the command line', () => {
    const r = cli(['check', join(base, 'secret.env')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('error This file holds plain text, where a plan is a map starting with `trackplan: 1`. [wrong-type]');
    expect(r.stdout + r.stderr).not.toContain('CI_SECRET_TOKEN');
  });

  it('prints nothing of the linked file through the CLI, in any format', () => {
    writeFileSync(join(repo, 'plans', 'leak.yaml'), plan(['env.yaml', 'passwd.yaml', '../../outside.yaml']));
    for (const format of ['pretty', 'json']) {
      const r = cli(['check', '--format', format, 'plans/leak.yaml'], { cwd: repo, env: { FORCE_COLOR: '0' } });
      expect(r.code).toBe(2);
      expect(r.stdout + r.stderr).not.toMatch(/CI_SECRET_TOKEN|root:/);
      expect(r.stdout).toContain('import-outside-project');
    }
  });
});

describe('one failed import, one error', () => {
  const many = `trackplan: 1\nimport: [lib/missing.yaml]\nevents:\n${Array.from({ length: 60 }, (_, i) => `  E${i}:\n    properties:\n      a: Money\n      b: {type: Product}\n      order_id: {required: true}\n`).join('')}`;

  it('reports a missing import once and leaves out the names it would have defined', async () => {
    const file = join(repo, 'many.yaml');
    writeFileSync(file, many);
    const r = await loadPlan(file);
    expect(r.diagnostics.map(brief)).toEqual(['import-not-found@2:10']);
    expect(r.diagnostics[0]!.message).toContain('(180 uses of types or shared properties that no loaded file defines are not reported until every import loads.)');
  });

  it('does the same for an import refused for leading out, and for one that does not parse', async () => {
    writeFileSync(join(repo, 'broken.yaml'), 'trackplan: 1\ntypes: {Money: [number\n');
    for (const spec of ['plans/passwd.yaml', 'broken.yaml']) {
      const file = join(repo, `many-${spec.replace(/\W/g, '')}.yaml`);
      writeFileSync(file, many.replace('lib/missing.yaml', spec));
      const codes = (await loadPlan(file)).diagnostics.map((d) => d.code);
      expect(codes).not.toContain('unknown-type');
      expect(codes).not.toContain('missing-type');
      expect(codes.length).toBe(1);
    }
  });

  it('still reports an undefined name when every import loaded', async () => {
    const file = join(repo, 'typo.yaml');
    writeFileSync(file, 'trackplan: 1\nimport: [lib/common.yaml]\nevents:\n  A:\n    properties:\n      x: Fooo\n');
    expect((await loadPlan(file)).diagnostics.map(brief)).toEqual(['unknown-type@6:10']);
  });

  it('keeps errors that do not come from an undefined name', async () => {
    const file = join(repo, 'other.yaml');
    writeFileSync(file, 'trackplan: 1\nimport: [lib/missing.yaml]\nevents:\n  A:\n    properties:\n      x: {type: string, minLength: 5, maxLength: 2}\n');
    expect((await loadPlan(file)).diagnostics.map((d) => d.code)).toEqual(['import-not-found', 'invalid-range']);
  });
});

describe('trackplan.config.yaml paths stay inside the project', () => {
  let project: string;
  beforeAll(() => {
    project = join(base, 'configured');
    mkdirSync(join(project, '.git'), { recursive: true });
    writeFileSync(join(project, 'plan.yaml'), 'trackplan: 1\nevents:\n  A: {}\n');
    symlinkSync(base, join(project, 'out-link'));
  });

  it.each([
    ['an absolute plan outside', 'generate:\n  - plan: /etc/passwd\n    out: gen\n', ['2:11']],
    ['a plan up and out', 'generate:\n  plan: ../secret.env\n  out: gen\n', ['2:9']],
    ['an out folder up and out, and templates through a link', 'generate:\n  - plan: plan.yaml\n    out: ../gen\n    templates: out-link/tpl\n', ['3:10', '4:16']],
    ['an out folder through a link', 'generate:\n  - plan: plan.yaml\n    out: out-link/gen\n', ['3:10']],
  ])('refuses %s (exit 2, located, nothing read)', (_, config, at) => {
    writeFileSync(join(project, 'trackplan.config.yaml'), config);
    const r = cli(['generate'], { cwd: project });
    expect(r.code).toBe(2);
    const found = [...r.stderr.matchAll(/trackplan\.config\.yaml:(\d+:\d+) error .* leads outside the project .* \[path-outside-project\]/g)].map((m) => m[1]);
    expect(found).toEqual(at);
    expect(r.stdout + r.stderr).not.toMatch(/CI_SECRET_TOKEN|root:/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('accepts paths inside, absolute ones too', () => {
    writeFileSync(join(project, 'trackplan.config.yaml'), `generate:\n  - plan: ${join(project, 'plan.yaml')}\n    out: gen\n`);
    const r = cli(['generate'], { cwd: project });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('refuses a config file that is itself a link leading out', () => {
    const other = join(base, 'linked-config');
    mkdirSync(join(other, '.git'), { recursive: true });
    writeFileSync(join(base, 'evil.config.yaml'), 'generate:\n  plan: x.yaml\n  out: gen\n');
    symlinkSync(join(base, 'evil.config.yaml'), join(other, 'trackplan.config.yaml'));
    const r = cli(['generate'], { cwd: other });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('trackplan: trackplan.config.yaml is a symbolic link that leads outside the project; replace it with the file itself.');
  });
});

describe('diff --against: imports at a revision are confined the same way', () => {
  let work: string;
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...args], { cwd: work, stdio: 'pipe' });
  beforeAll(() => {
    work = join(base, 'history');
    mkdirSync(join(work, 'plans'), { recursive: true });
    mkdirSync(join(work, 'lib'));
    git('init', '-q');
    writeFileSync(join(work, 'lib', 'common.yaml'), 'trackplan: 1\ntypes: {Foo: string}\n');
    symlinkSync('../lib/common.yaml', join(work, 'plans', 'inside.yaml'));
    symlinkSync(join(base, 'secret.env'), join(work, 'plans', 'env.yaml'));
    writeFileSync(join(work, 'plans', 'up.yaml'), plan(['../lib/common.yaml']));
    writeFileSync(join(work, 'plans', 'linked.yaml'), plan(['inside.yaml']));
    writeFileSync(join(work, 'plans', 'leak.yaml'), plan(['env.yaml']));
    git('add', '-A');
    git('commit', '-qm', 'plans');
  });

  it('reads ../ imports and links that stay inside the work tree, from any folder', () => {
    expect(cli(['diff', 'plans/up.yaml', '--against', 'HEAD'], { cwd: work }).stdout).toBe('No changes.\n');
    expect(cli(['diff', 'linked.yaml', '--against', 'HEAD'], { cwd: join(work, 'plans') }).stdout).toBe('No changes.\n');
  });

  it('refuses a committed link that leads out, as in the working copy', () => {
    const r = cli(['diff', 'plans/leak.yaml', '--against', 'HEAD'], { cwd: work });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('plans/leak.yaml:2:10 error Import `env.yaml` is a symbolic link that leads outside the project');
    expect(r.stdout + r.stderr).not.toContain('CI_SECRET_TOKEN');
  });
});

describe('found in review: plans named through links, links that cannot be resolved', () => {
  it('refuses a plan named on the command line that is a committed link leading out', () => {
    writeFileSync(join(base, 'hosts.yml'), 'github.com:\n  oauth_token: gho_SECRETTOKEN\n');
    symlinkSync(join(base, 'hosts.yml'), join(repo, 'plans', 'gh.yaml'));
    mkdirSync(join(base, 'elsewhere'));
    writeFileSync(join(base, 'elsewhere', 'web.yaml'), 'GITHUB_TOKEN: ghp_x\n');
    symlinkSync(join(base, 'elsewhere'), join(repo, 'linked-plans'));
    for (const [args, shown] of [[['check', 'plans/gh.yaml'], 'plans/gh.yaml'], [['lint', 'linked-plans/web.yaml'], 'linked-plans/web.yaml'], [['compile', 'plans/gh.yaml', '--out', 'out'], 'plans/gh.yaml']] as const) {
      const r = cli([...args], { cwd: repo });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout + r.stderr).toContain(`${shown} is a symbolic link that leads outside the project`);
      expect(r.stdout + r.stderr).not.toMatch(/github\.com|oauth_token|GITHUB_TOKEN|gho_|ghp_/);
    }
  });

  it('reads a plan named from outside the project, links and all: the user chose it', () => {
    // Run from another folder, the path names the plan from outside the project: no refusal.
    const r = cli(['check', join(repo, 'plans', 'gh.yaml')], { cwd: join(base, 'elsewhere') });
    expect(r.stdout).not.toContain('plan-outside-project');
    expect(r.stdout).toContain('[unknown-key]');
  });

  it('refuses an import through a link that cannot be resolved but can be opened (/proc/self/fd)', () => {
    const held = join(base, 'held.yaml');
    writeFileSync(held, 'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI\n');
    const fd = openSync(held, 'r');
    unlinkSync(held); // the descriptor still reads it; realpath cannot name it
    try {
      symlinkSync('/proc/self/fd/3', join(repo, 'plans', 'fd.yaml'));
      writeFileSync(join(repo, 'plans', 'fdimp.yaml'), plan(['fd.yaml']));
      const r = spawnSync(process.execPath, [BIN, 'check', 'plans/fdimp.yaml'], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe', fd], encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      expect(r.status).toBe(2);
      expect(r.stdout).toContain('import-outside-project');
      expect(r.stdout + r.stderr).not.toContain('AWS_SECRET');
    } finally {
      closeSync(fd);
    }
  });
});

describe('diff --against follows committed links as the file system does', () => {
  let work: string;
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...args], { cwd: work, stdio: 'pipe' });
  beforeAll(() => {
    work = join(base, 'linked-history');
    mkdirSync(join(work, 'real'), { recursive: true });
    mkdirSync(join(work, 'lib', 'deep'), { recursive: true });
    git('init', '-q');
    writeFileSync(join(work, 'real', 'web.yaml'), 'trackplan: 1\nversion: "1.0.0"\nevents:\n  A:\n    properties:\n      n: number\n  B: {}\n');
    symlinkSync('real', join(work, 'plans'));
    writeFileSync(join(work, 'lib', 'ok.yaml'), 'trackplan: 1\ntypes: {Foo: string}\n');
    writeFileSync(join(work, 'lib', 'deep', 'keep'), ''); // git keeps no empty folder
    symlinkSync('../lib/deep', join(work, 'real', 'l'));
    symlinkSync('l/../ok.yaml', join(work, 'real', 'm.yaml')); // `..` after the link: lib/ok.yaml
    writeFileSync(join(work, 'real', 'uses.yaml'), plan(['m.yaml']));
    git('add', '-A');
    git('commit', '-qm', 'plans');
  });

  it('finds a plan through a committed folder link at the revision (it is not new there)', () => {
    writeFileSync(join(work, 'real', 'web.yaml'), 'trackplan: 1\nversion: "1.0.0"\nevents:\n  A:\n    properties:\n      n: string\n');
    const r = cli(['diff', 'plans/web.yaml', '--against', 'HEAD'], { cwd: work });
    expect(r.stderr).not.toContain('compared with an empty plan');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('message-removed');
  });

  it('resolves `..` after a link from where the link led, at the revision as in the working copy', () => {
    expect(cli(['check', 'plans/uses.yaml'], { cwd: work }).code).toBe(0);
    const r = cli(['diff', 'plans/uses.yaml', '--against', 'HEAD'], { cwd: work });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('No changes.\n');
  });
});
