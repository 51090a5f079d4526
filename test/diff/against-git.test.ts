import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli/run-cli.js';

// `trackplan diff <plan> --against <ref>` in a real git repository (issue 10, item 18).

const PLAN = 'trackplan: 1\nversion: "1.0.0"\ntypes:\n  Money: {type: number, minimum: 0}\nevents:\n  Order Completed:\n    properties:\n      total: {type: Money, required: true}\npages:\n  Home: {}\n';

/** A repository with one commit that does not hold plans/web.yaml; the working copy does. */
function repo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'trackplan-against-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
  git('init', '-q');
  git('config', 'user.email', 't@example.com');
  git('config', 'user.name', 'test');
  writeFileSync(join(dir, 'README.md'), 'a repository\n');
  git('add', '.');
  git('commit', '-qm', 'first');
  mkdirSync(join(dir, 'plans'));
  writeFileSync(join(dir, 'plans/web.yaml'), PLAN);
  return dir;
}

const lines = (s: string) => s.split('\n').filter((l) => l !== '');

describe('diff --against a revision the plan is new at', () => {
  it('compares with an empty plan: everything is an addition', () => {
    const dir = repo();
    const r = cli(['diff', 'plans/web.yaml', '--against', 'HEAD', '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(lines(r.stderr)).toEqual(['trackplan: plans/web.yaml does not exist at HEAD: compared with an empty plan.']);
    const out = JSON.parse(r.stdout);
    expect(out.findings.map((f: { code: string; message: string }) => `${f.code}: ${f.message}`)).toEqual([
      'named-type-added: type "Money" was added.',
      'message-added: event "Order Completed" was added.',
      'message-added: page "Home" was added.',
    ]);
    expect(out).toMatchObject({ breaking: 0, additions: 3, docs: 0, required: 'minor', failed: false });
  });

  it('finds the plan from a subfolder and by its absolute path', () => {
    const dir = repo();
    const fromSub = cli(['diff', 'web.yaml', '--against', 'HEAD'], { cwd: join(dir, 'plans') });
    expect(fromSub.code, fromSub.stderr).toBe(0);
    expect(fromSub.stdout.split('\n')[0]).toMatch(/^PASSED: 0 breaking, 3 additions, 0 documentation\./);
    const absolute = cli(['diff', join(dir, 'plans/web.yaml'), '--against', 'HEAD'], { cwd: dir });
    expect(absolute.code, absolute.stderr).toBe(0);
    expect(absolute.stdout.split('\n')[0]).toBe(fromSub.stdout.split('\n')[0]);
  });

  it('still reads the plan at the revision once it is committed', () => {
    const dir = repo();
    execFileSync('git', ['add', '.'], { cwd: dir });
    execFileSync('git', ['commit', '-qm', 'plan'], { cwd: dir });
    writeFileSync(join(dir, 'plans/web.yaml'), PLAN.replace('required: true', 'required: false'));
    const r = cli(['diff', 'plans/web.yaml', '--against', 'HEAD', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).findings.map((f: { code: string }) => f.code)).toEqual(['property-became-optional']);
  });

  it('a plan missing in the working copy as well is unreadable input (exit 2)', () => {
    const r = cli(['diff', 'plans/nope.yaml', '--against', 'HEAD'], { cwd: repo() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Cannot read plans/nope.yaml: no such file.');
  });
});

describe('diff --against: what stays a usage error (exit 2, one line)', () => {
  it('a revision that does not exist', () => {
    const r = cli(['diff', 'plans/web.yaml', '--against', 'no-such-ref'], { cwd: repo() });
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual(['trackplan: --against no-such-ref: no such revision here (a typo, or a ref not fetched yet: in CI, fetch it first).']);
    expect(r.stdout).toBe('');
  });

  it('not being in a git repository', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trackplan-no-git-'));
    writeFileSync(join(dir, 'web.yaml'), PLAN);
    // Git must not find a repository above the temporary folder either.
    const r = cli(['diff', 'web.yaml', '--against', 'HEAD'], { cwd: dir, env: { GIT_CEILING_DIRECTORIES: dirname(dir) } });
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual(['trackplan: --against HEAD: this directory is not in a git repository; run trackplan diff inside the checkout.']);
  });

  it('a plan outside the repository', () => {
    const dir = repo();
    const outside = mkdtempSync(join(tmpdir(), 'trackplan-outside-'));
    writeFileSync(join(outside, 'web.yaml'), PLAN);
    const r = cli(['diff', join(outside, 'web.yaml'), '--against', 'HEAD'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(/^trackplan: --against HEAD: .*web\.yaml is outside the repository \(/);
  });
});
