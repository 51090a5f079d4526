import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from './run-cli.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'trackplan-check-'));
  writeFileSync(join(dir, 'good.yaml'), 'trackplan: 1\nevents:\n  Order Completed:\n    properties:\n      total: number\n');
  writeFileSync(join(dir, 'bad.yaml'), 'trackplan: 1\nevents:\n  Order Completed:\n    descriptoin: x\n    properties:\n      total: nubmer\n');
  writeFileSync(join(dir, 'warn.yaml'), 'trackplan: 1\nevents:\n  A Happened:\n    properties:\n      n: {type: number, pattern: "x"}\n');
});

describe('trackplan check', () => {
  it('exits 0 on a clean plan and says what it checked', () => {
    const r = cli(['check', 'good.yaml'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('good.yaml: 1 event');
    expect(r.stdout).toContain('0 errors, 0 warnings');
  });

  it('counts deprecated messages apart, in the words the audit uses for its coverage', () => {
    writeFileSync(join(dir, 'deprecated.yaml'), 'trackplan: 1\nevents:\n  A Happened: {}\n  B Happened: {deprecated: true}\n  C Happened: {deprecated: "use A"}\npages:\n  Home: {deprecated: true}\n  Cart: {}\n');
    const r = cli(['check', 'deprecated.yaml'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('✓ deprecated.yaml: 3 events (2 deprecated), 2 pages (1 deprecated)');
  });

  it('exits 2 and reports every error as file:line:col with its code, never a stack', () => {
    const r = cli(['check', 'bad.yaml', 'good.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('bad.yaml:4:5 error Unknown key `descriptoin` in event `Order Completed`. Did you mean `description`? [unknown-key]');
    expect(r.stdout).toContain('bad.yaml:6:14 error Unknown type `nubmer`. Did you mean `number`? [unknown-type]');
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).not.toMatch(/\u001b\[/); // NO_COLOR and not a TTY
  });

  it('exits 0 with warnings only', () => {
    const r = cli(['check', 'warn.yaml'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('warning');
  });

  it('prints diagnostics as JSON', () => {
    const r = cli(['check', '--format', 'json', 'bad.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    const body = JSON.parse(r.stdout);
    expect(body.version).toBe(1);
    expect(body.summary).toEqual({ errors: 2, warnings: 0, infos: 0 });
    expect(body.diagnostics.map((d: { code: string; line: number; column: number }) => `${d.code}@${d.line}:${d.column}`)).toEqual(['unknown-key@4:5', 'unknown-type@6:14']);
  });

  it('exits 2 on a missing file, an unknown flag, an unknown format and no arguments', () => {
    const missing = cli(['check', 'nope.yaml'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stdout).toContain('Cannot read nope.yaml: no such file');
    const flag = cli(['check', '--bogus', 'good.yaml'], { cwd: dir });
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("unknown option '--bogus'");
    expect(cli(['check', '--format', 'xml', 'good.yaml'], { cwd: dir }).code).toBe(2);
    expect(cli(['check'], { cwd: dir }).code).toBe(2);
    expect(cli(['frobnicate'], { cwd: dir }).code).toBe(2);
  });

  it('reads a directory or an empty file as an error, not a crash', () => {
    writeFileSync(join(dir, 'empty.yaml'), '');
    const empty = cli(['check', 'empty.yaml'], { cwd: dir });
    expect(empty.code).toBe(2);
    expect(empty.stdout).toContain('empty.yaml:1:1 error The file is empty');
    const folder = cli(['check', '.'], { cwd: dir });
    expect(folder.code).toBe(2);
    expect(folder.stdout).toContain('it is a directory');
  });

  it('answers --help and --version with exit 0', () => {
    expect(cli(['--help']).code).toBe(0);
    expect(cli(['--version']).stdout).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('trackplan check, found in review', () => {
  it('reports a shared library problem once, however many plans import it', () => {
    writeFileSync(join(dir, 'lib.yaml'), 'trackplan: 1\ntypes:\n  Money: nubmer\n');
    writeFileSync(join(dir, 'p1.yaml'), 'trackplan: 1\nimport: [lib.yaml]\n');
    writeFileSync(join(dir, 'p2.yaml'), 'trackplan: 1\nimport: [lib.yaml]\n');
    const r = cli(['check', 'p1.yaml', 'p2.yaml'], { cwd: dir });
    expect(r.stdout.match(/unknown-type/g)).toHaveLength(1);
  });

  it('exits 2 with usage when no command is given', () => {
    const r = cli([], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage: trackplan');
  });

  it('refuses a device or pipe as a plan instead of hanging', () => {
    const r = cli(['check', '/dev/zero'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('not a regular file');
  });
});
