import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { cli } from './run-cli.js';

const PLAN = 'trackplan: 1\nevents:\n  Order Completed: {}\n  ../../escape: {}\n  Old Event: {}\n';
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'trackplan-compile-'));
  writeFileSync(join(dir, 'plan.yaml'), PLAN);
});

const list = (d: string) => readdirSync(d, { recursive: true }).map(String).sort();

describe('trackplan compile', () => {
  it('writes one schema per message and index.json, inside --out', () => {
    const r = cli(['compile', 'plan.yaml', '--out', 'out'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const files = list(join(dir, 'out')).filter((f) => f.endsWith('.json'));
    expect(files).toHaveLength(4);
    expect(files.every((f) => f === 'index.json' || /^track\/[a-z0-9-]+\.json$/.test(f))).toBe(true);
    expect(existsSync(join(dir, 'escape.json'))).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, 'out/index.json'), 'utf8')).messages).toHaveLength(3);
  });

  it('--check exits 0 when up to date, 1 when a file changed, is missing or stale, and writes nothing', () => {
    expect(cli(['compile', 'plan.yaml', '--out', 'out'], { cwd: dir }).code).toBe(0);
    expect(cli(['compile', 'plan.yaml', '--out', 'out', '--check'], { cwd: dir }).code).toBe(0);

    const index = join(dir, 'out/index.json');
    const manifest = JSON.parse(readFileSync(index, 'utf8'));
    const target = join(dir, 'out', manifest.messages[0].file);
    writeFileSync(target, '{}\n');
    const changed = cli(['compile', 'plan.yaml', '--out', 'out', '--check'], { cwd: dir });
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain(`changed  ${manifest.messages[0].file}`);
    expect(readFileSync(target, 'utf8')).toBe('{}\n');

    writeFileSync(join(dir, 'plan.yaml'), PLAN.replace('  Old Event: {}\n', ''));
    const stale = cli(['compile', 'plan.yaml', '--out', 'out', '--check'], { cwd: dir });
    expect(stale.code).toBe(1);
    expect(stale.stdout).toMatch(/stale {4}track\/old-event-[0-9a-f]{8}\.json/);

    expect(cli(['compile', 'plan.yaml', '--out', 'fresh', '--check'], { cwd: dir }).code).toBe(1);
    expect(existsSync(join(dir, 'fresh'))).toBe(false);
  });

  it('removes files of deleted events that it wrote itself, and nothing else', () => {
    cli(['compile', 'plan.yaml', '--out', 'out'], { cwd: dir });
    writeFileSync(join(dir, 'out/README.md'), 'mine\n');
    writeFileSync(join(dir, 'plan.yaml'), PLAN.replace('  Old Event: {}\n', ''));
    const r = cli(['compile', 'plan.yaml', '--out', 'out'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 removed');
    expect(list(join(dir, 'out')).filter((f) => f.startsWith('track/'))).toHaveLength(2);
    expect(readFileSync(join(dir, 'out/README.md'), 'utf8')).toBe('mine\n');
  });

  it('never deletes what a tampered index.json points at outside its own files', () => {
    cli(['compile', 'plan.yaml', '--out', 'out'], { cwd: dir });
    writeFileSync(join(dir, 'precious.json'), '{}');
    mkdirSync(join(dir, 'out/track'), { recursive: true });
    const index = join(dir, 'out/index.json');
    const manifest = JSON.parse(readFileSync(index, 'utf8'));
    manifest.messages.push({ type: 'track', name: 'x', file: '../precious.json' });
    writeFileSync(index, JSON.stringify(manifest));
    expect(cli(['compile', 'plan.yaml', '--out', 'out'], { cwd: dir }).code).toBe(0);
    expect(existsSync(join(dir, 'precious.json'))).toBe(true);
  });

  it('refuses to overwrite files it did not write unless --force', () => {
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out/index.json'), '{"mine": true}\n');
    const r = cli(['compile', 'plan.yaml', '--out', 'out'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('did not write');
    expect(readFileSync(join(dir, 'out/index.json'), 'utf8')).toBe('{"mine": true}\n');
    expect(cli(['compile', 'plan.yaml', '--out', 'out', '--force'], { cwd: dir }).code).toBe(0);
  });

  it('writes nothing and exits 2 for a plan with errors, a missing --out or a bad --draft', () => {
    writeFileSync(join(dir, 'bad.yaml'), 'trackplan: 1\nevents:\n  A Happened:\n    properties: {x: nubmer}\n');
    const bad = cli(['compile', 'bad.yaml', '--out', 'out'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('bad.yaml:4:21 error Unknown type `nubmer`');
    expect(existsSync(join(dir, 'out'))).toBe(false);
    expect(cli(['compile', 'plan.yaml'], { cwd: dir }).code).toBe(2);
    expect(cli(['compile', 'plan.yaml', '--out', 'out', '--draft', '04'], { cwd: dir }).code).toBe(2);
  });

  it('writes 2020-12 when asked', () => {
    expect(cli(['compile', 'plan.yaml', '--out', 'out', '--draft', '2020-12'], { cwd: dir }).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'out/index.json'), 'utf8')).draft).toBe('2020-12');
  });
});

describe('compile --out safety', () => {
  it('refuses to write through a symbolic link inside --out', async () => {
    const { symlinkSync } = await import('node:fs');
    mkdirSync(join(dir, 'out'));
    mkdirSync(join(dir, 'elsewhere'));
    symlinkSync('../elsewhere', join(dir, 'out/track'));
    const r = cli(['compile', 'plan.yaml', '--out', 'out'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is a symbolic link');
    expect(readdirSync(join(dir, 'elsewhere'))).toEqual([]);
  });

  it('accepts an --out that is itself a link to a folder', async () => {
    const { symlinkSync } = await import('node:fs');
    mkdirSync(join(dir, 'real'));
    symlinkSync('real', join(dir, 'outlink'));
    expect(cli(['compile', 'plan.yaml', '--out', 'outlink'], { cwd: dir }).code).toBe(0);
    expect(existsSync(join(dir, 'real/index.json'))).toBe(true);
  });

  it('reports a file in the way in one line, and leaves no temporary files', () => {
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out/track'), 'a file where a folder goes');
    const r = cli(['compile', 'plan.yaml', '--out', 'out'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^trackplan: Cannot write to out/);
    expect(readdirSync(join(dir, 'out')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('compile into an impossible --out', () => {
  it('fails at once with one line instead of hanging (Node 20 mkdir -p loops under /proc)', () => {
    const r = cli(['compile', 'plan.yaml', '--out', '/proc/trackplan-test/out'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('compile --draft 2020-12 with a draft-07-only fragment', () => {
  it('refuses to write a schema that is not 2020-12, in one line', () => {
    writeFileSync(join(dir, 'tuple.yaml'), 'trackplan: 1\nevents:\n  A:\n    properties:\n      t: {type: array, schema: {items: [{type: string}], minItems: 1, maxItems: 1}}\n');
    const r = cli(['compile', 'tuple.yaml', '--out', 'out', '--draft', '2020-12'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('would not be valid JSON Schema 2020-12');
    expect(existsSync(join(dir, 'out'))).toBe(false);
    expect(cli(['compile', 'tuple.yaml', '--out', 'out'], { cwd: dir }).code).toBe(0);
  });
});
