import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, type CliResult } from './run-cli.js';

// Issue 10, item 9: a run of `compile` or `generate` killed halfway (SIGKILL: no clean-up
// runs) must leave a folder that the next run recognises, reports under --check and repairs.
// test/cli/kill-at.mjs kills the real CLI just before the Nth write, rename or removal.
const KILL_AT = fileURLToPath(new URL('./kill-at.mjs', import.meta.url));
const TEMP = /\.[0-9a-f]{12}\.tmp$/;

function killed(args: string[], cwd: string, at: string): CliResult {
  return cli(args, { cwd, nodeArgs: ['--import', KILL_AT], env: { TRACKPLAN_TEST_KILL_AT: at } });
}

/** The file operations of a whole run, in order, with paths relative to `out`. */
function fsLog(args: string[], cwd: string): string[] {
  const r = cli(args, { cwd, nodeArgs: ['--import', KILL_AT], env: { TRACKPLAN_TEST_FS_LOG: '1' } });
  expect(r.code, r.stderr).toBe(0);
  return r.stderr.split('\n').filter((l) => l.startsWith('#fs ')).map((l) => l.slice(4).replaceAll('out/', '').replace(/\.[0-9a-f]{12}\.tmp/g, '.~tmp'));
}

/** Every file under a folder with its contents. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (f.isFile()) out[join(f.parentPath, f.name).slice(dir.length + 1)] = readFileSync(join(f.parentPath, f.name), 'utf8');
  }
  return out;
}

const ours = (dir: string) => Object.keys(snapshot(dir)).filter((p) => TEMP.test(p)).sort();

// Files of the user's in the output folder, some named much like ours: never touched.
const USER_FILES = { 'README.md': 'mine\n', 'notes.tmp': 'mine\n', 'index.json.bak.tmp': 'mine\n', 'index.json.0123456789AB.tmp': 'mine\n', 'keep.json.0123456789ab.tmp': 'mine\n' };

describe('compile killed halfway', () => {
  const V1 = 'trackplan: 1\nevents:\n  A Happened: {}\n  B Happened: {}\n  Old Event: {}\n';
  const V2 = 'trackplan: 1\nevents:\n  A Happened: {}\n  B Happened: {description: Changed.}\n  New Event: {}\n';
  // The folder as v1 left it (with the user's files), and as uninterrupted runs write v1 and v2.
  const seed = mkdtempSync(join(tmpdir(), 'trackplan-killed-'));
  const fresh: Record<string, Record<string, string>> = {};
  beforeAll(() => {
    writeFileSync(join(seed, 'v1.yaml'), V1);
    writeFileSync(join(seed, 'v2.yaml'), V2);
    for (const v of ['v1', 'v2']) {
      expect(cli(['compile', `${v}.yaml`, '--out', v], { cwd: seed }).code).toBe(0);
      for (const [name, text] of Object.entries(USER_FILES)) writeFileSync(join(seed, v, name), text);
      fresh[v] = snapshot(join(seed, v));
    }
  });
  const setup = () => {
    const dir = mkdtempSync(join(tmpdir(), 'trackplan-killed-'));
    cpSync(seed, dir, { recursive: true });
    cpSync(join(dir, 'v1'), join(dir, 'out'), { recursive: true });
    return dir;
  };

  it('writes the schemas, then index.json, then removes stale files, under a journal', () => {
    const dir = setup();
    const log = fsLog(['compile', 'v2.yaml', '--out', 'out'], dir);
    expect(log[0]).toBe('writeFile index.json.~tmp'); // the journal: what this run may write or remove
    // The schemas in parallel, each written then renamed.
    expect(log.slice(1, -4).sort()).toEqual([
      'rename track/b-happened-069bd008.json.~tmp track/b-happened-069bd008.json',
      'rename track/new-event-d1a6a27b.json.~tmp track/new-event-d1a6a27b.json',
      'writeFile track/b-happened-069bd008.json.~tmp',
      'writeFile track/new-event-d1a6a27b.json.~tmp',
    ]);
    for (const f of ['track/b-happened-069bd008.json', 'track/new-event-d1a6a27b.json']) expect(log.indexOf(`writeFile ${f}.~tmp`)).toBeLessThan(log.indexOf(`rename ${f}.~tmp ${f}`));
    expect(log.slice(-4)).toEqual(['writeFile index.json.~tmp', 'rename index.json.~tmp index.json', 'rm track/old-event-6feaaa79.json', 'rm index.json.~tmp']);
  });

  const points = ['writeFile:1', 'writeFile:2', 'writeFile:3', 'rename:1', 'rename:2', 'writeFile:4', 'rename:3', 'rm:1', 'rm:2'];
  it.each(points)('killed at %s: index.json names only files there; --check names the leftovers; the next run repairs', { timeout: 30_000 }, (at) => {
    const dir = setup();
    const r = killed(['compile', 'v2.yaml', '--out', 'out'], dir, at);
    expect(r.signal).toBe('SIGKILL');

    const manifest = JSON.parse(readFileSync(join(dir, 'out/index.json'), 'utf8')) as { messages: { file: string }[] };
    for (const m of manifest.messages) expect(existsSync(join(dir, 'out', m.file)), m.file).toBe(true);
    const leftovers = ours(join(dir, 'out')).filter((p) => p !== 'keep.json.0123456789ab.tmp');
    if (at !== 'writeFile:1') expect(leftovers.length).toBeGreaterThan(0);

    const check = cli(['compile', 'v2.yaml', '--out', 'out', '--check'], { cwd: dir });
    expect(check.code).toBe(1);
    for (const p of leftovers) expect(check.stdout).toContain(`  leftover ${p} (a temporary file of an interrupted run)\n`);
    expect(check.stdout).not.toContain('keep.json');

    const again = cli(['compile', 'v2.yaml', '--out', 'out'], { cwd: dir });
    expect(again.code, again.stderr).toBe(0);
    if (leftovers.length > 0) expect(again.stdout).toContain(`; ${leftovers.length} temporary file${leftovers.length === 1 ? '' : 's'} of an interrupted run removed).`);
    expect(snapshot(join(dir, 'out'))).toEqual(fresh['v2']);
  });

  it.each(['rename:2', 'rename:3', 'rm:1'])('killed at %s, then run with the old plan: the new files are still ours, and go', { timeout: 30_000 }, (at) => {
    const dir = setup();
    expect(killed(['compile', 'v2.yaml', '--out', 'out'], dir, at).signal).toBe('SIGKILL');
    const back = cli(['compile', 'v1.yaml', '--out', 'out'], { cwd: dir });
    expect(back.code, back.stderr).toBe(0);
    expect(snapshot(join(dir, 'out'))).toEqual(fresh['v1']);
  });
});

describe('generate killed halfway', () => {
  const V1 = 'trackplan: 1\nname: web\nversion: 1.0.0\nevents:\n  A Happened: {}\n';
  const V2 = 'trackplan: 1\nname: web\nversion: 1.1.0\nevents:\n  A Happened: {}\n  B Happened:\n    properties:\n      raw: {schema: {const: 1}}\n';
  // The folder as v1 left it (with the user's files), and as an uninterrupted run writes v2.
  const seed = mkdtempSync(join(tmpdir(), 'trackplan-killed-'));
  let before: Record<string, string> = {};
  let after: Record<string, string> = {};
  beforeAll(() => {
    mkdirSync(join(seed, 'plans'));
    writeFileSync(join(seed, 'plans/web.yaml'), V1);
    expect(cli(['generate', 'plans/web.yaml', '--out', 'out'], { cwd: seed }).code).toBe(0);
    for (const [name, text] of Object.entries(USER_FILES)) writeFileSync(join(seed, 'out', name), text);
    writeFileSync(join(seed, 'out/client.ts.0123456789ab.tmp.ts'), '// mine\n');
    before = snapshot(join(seed, 'out'));
    writeFileSync(join(seed, 'plans/web.yaml'), V2);
    const ref = mkdtempSync(join(tmpdir(), 'trackplan-killed-'));
    cpSync(seed, ref, { recursive: true });
    expect(cli(['generate', 'plans/web.yaml', '--out', 'out'], { cwd: ref }).code).toBe(0);
    after = snapshot(join(ref, 'out'));
  });
  const setup = () => {
    const dir = mkdtempSync(join(tmpdir(), 'trackplan-killed-'));
    cpSync(seed, dir, { recursive: true });
    return { dir };
  };

  it('writes index.ts after every file it imports', () => {
    const { dir } = setup();
    const log = fsLog(['generate', 'plans/web.yaml', '--out', 'out'], dir);
    const renames = log.filter((l) => l.startsWith('rename '));
    expect(renames).toHaveLength(6);
    expect(renames.at(-1)).toBe('rename index.ts.~tmp index.ts');
  });

  it.each([1, 2, 3, 4, 5, 6])('killed at rename %i: index.ts is new only when all is; --check names the leftovers; the next run repairs', { timeout: 30_000 }, (n) => {
    const { dir } = setup();
    expect(killed(['generate', 'plans/web.yaml', '--out', 'out'], dir, `rename:${n}`).signal).toBe('SIGKILL');
    const now = snapshot(join(dir, 'out'));
    if (now['index.ts'] === after['index.ts']) {
      for (const f of ['client.ts', 'fragments.ts', 'runtime.ts', 'types.ts', 'validators.ts']) expect(now[f], f).toBe(after[f]);
    } else {
      expect(now['index.ts']).toBe(before['index.ts']);
    }
    const leftovers = ours(join(dir, 'out')).filter((p) => !(p in before));
    expect(leftovers.length).toBeGreaterThan(0);

    const check = cli(['generate', 'plans/web.yaml', '--out', 'out', '--check'], { cwd: dir });
    expect(check.code).toBe(1);
    for (const p of leftovers) expect(check.stdout).toContain(`  leftover ${p} (a temporary file of an interrupted run)\n`);

    const again = cli(['generate', 'plans/web.yaml', '--out', 'out'], { cwd: dir });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(`; ${leftovers.length} temporary file${leftovers.length === 1 ? '' : 's'} of an interrupted run removed).`);
    expect(snapshot(join(dir, 'out'))).toEqual(after);
  });
});
