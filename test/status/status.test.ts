import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_SOURCE_BYTES } from '../../src/source-files/scan-calls.js';
import { findCalls } from '../../src/status/find-calls.js';
import { cli } from '../cli/run-cli.js';

// `trackplan status` on a small app (fixtures/app) that has every case: generated calls (by
// name, renamed, through a namespace), raw SDK calls of planned and unplanned names, a file
// that does not parse, a generated file (skipped), and files .gitignore excludes.

const FIXTURE = join(import.meta.dirname, 'fixtures/app');
let app: string;

/** A copy of the fixture app as a git work tree, with files that must not be read. */
function makeApp(git: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'trackplan-status-'));
  cpSync(FIXTURE, dir, { recursive: true });
  for (const d of ['ignored', 'node_modules/pkg']) {
    mkdirSync(join(dir, d), { recursive: true });
    writeFileSync(join(dir, d, 'index.js'), "analytics.track('Signed Up');\nanalytics.track('Ignored Name');\n");
  }
  if (git) expect(spawnSync('git', ['init', '-q', '.'], { cwd: dir }).status).toBe(0);
  return dir;
}

beforeAll(() => {
  app = makeApp(true);
});

const EXPECTED = [
  'plan.yaml:11:3 error never-called',
  'src/broken.ts:1:18 warn unparsable-file',
  'src/button.tsx:4:30 warn unplanned-call',
  'src/legacy.js:2:1 warn bypasses-client',
  'src/legacy.js:3:1 warn unplanned-call',
  'src/legacy.js:4:1 warn bypasses-client',
  'src/legacy.js:5:1 warn unplanned-call',
  'src/legacy.js:6:1 warn bypasses-client',
];

type JsonDiag = { file: string; line: number; column: number; endLine: number; endColumn: number; severity: string; code: string; message: string };

describe('trackplan status', () => {
  it('every case of the fixture app, at its exact position (json)', () => {
    const r = cli(['status', 'plan.yaml', '--format', 'json'], { cwd: app });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { diagnostics: JsonDiag[]; files: string[] };
    expect(out.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code}`)).toEqual(EXPECTED);
    // The generated file and the ignored ones are not scanned.
    expect(out.files).toEqual(['plan.yaml', 'src/analytics/index.ts', 'src/broken.ts', 'src/button.tsx', 'src/checkout.ts', 'src/legacy.js']);
    const byLine = (file: string, line: number) => out.diagnostics.find((d) => d.file === file && d.line === line)!;
    expect(byLine('src/legacy.js', 2)).toMatchObject({ endLine: 2, endColumn: 16, message: expect.stringContaining('Event "Product Viewed" is sent with a raw `.track()` call: call the generated `productViewed()` instead') });
    expect(byLine('src/legacy.js', 5).message).toContain('Page "Intro" is sent here but is not in the plan');
    expect(byLine('src/legacy.js', 6).message).toContain('The identify call is sent with a raw `.identify()` call');
    expect(byLine('plan.yaml', 11).message).toBe('Event "Signed Up" is planned but never sent: no call of `signedUp()` (nor a raw call with its name) in the 4 files scanned.');
    // Deprecated `Old Thing` is never sent, on purpose: not reported.
    expect(r.stdout).not.toContain('Old Thing');
  });

  it('pretty, junit, github and markdown carry the same findings', () => {
    const pretty = cli(['status', 'plan.yaml'], { cwd: app });
    expect(pretty.code).toBe(1);
    expect(pretty.stdout).toContain('src/legacy.js:3:1 warning Event "Unplanned Thing" is sent here but is not in the plan');
    expect(pretty.stdout).toContain('5 of 6 planned messages are sent from 4 files scanned; 1 error, 7 warnings.');
    const junit = new XMLParser({ ignoreAttributes: false }).parse(cli(['status', 'plan.yaml', '--format', 'junit'], { cwd: app }).stdout) as { testsuites: { '@_failures': string } };
    expect(junit.testsuites['@_failures']).toBe('1');
    const github = cli(['status', 'plan.yaml', '--format', 'github'], { cwd: app }).stdout.trim().split('\n');
    expect(github).toHaveLength(EXPECTED.length);
    expect(github[0]).toMatch(/^::error file=plan\.yaml,line=11,col=3,/);
    expect(github).toContainEqual(expect.stringMatching(/^::warning file=src\/legacy\.js,line=2,col=1,endLine=2,endColumn=16,title=trackplan status bypasses-client::/));
    const md = cli(['status', 'plan.yaml', '--format', 'markdown'], { cwd: app }).stdout;
    expect(md).toContain('### ❌ trackplan status: 1 error, 7 warnings');
  });

  it('--fail-on picks the codes that fail; paths narrow the scan', () => {
    expect(cli(['status', 'plan.yaml', '--fail-on', 'unplanned-call'], { cwd: app }).code).toBe(1);
    const only = cli(['status', 'plan.yaml', 'src/checkout.ts', '--format', 'json', '--fail-on', 'bypasses-client'], { cwd: app });
    const out = JSON.parse(only.stdout) as { diagnostics: JsonDiag[] };
    // Only checkout.ts: the raw calls elsewhere are not seen, so their messages are never sent.
    expect(out.diagnostics.map((d) => `${d.file}:${d.line} ${d.code}`)).toEqual(['plan.yaml:8 never-called', 'plan.yaml:11 never-called', 'plan.yaml:16 never-called', 'plan.yaml:17 never-called']);
    expect(only.code).toBe(0);
  });

  it('a file named on the command line is scanned even where .gitignore leaves it out; a folder keeps the rule', () => {
    const named = JSON.parse(cli(['status', 'plan.yaml', 'ignored/index.js', '--format', 'json'], { cwd: app }).stdout) as { diagnostics: JsonDiag[]; files: string[] };
    expect(named.files).toEqual(['plan.yaml', 'ignored/index.js']);
    expect(named.diagnostics.map((d) => `${d.file}:${d.line} ${d.code}`)).toContain('ignored/index.js:2 unplanned-call');
    const folder = JSON.parse(cli(['status', 'plan.yaml', 'ignored', '--format', 'json'], { cwd: app }).stdout) as { files: string[] };
    expect(folder.files).toEqual(['plan.yaml']);
  });

  it('outside git: folders are walked, node_modules and hidden folders left out', () => {
    const plain = makeApp(false);
    const r = cli(['status', 'plan.yaml', '--format', 'json'], { cwd: plain });
    const out = JSON.parse(r.stdout) as { diagnostics: JsonDiag[]; files: string[] };
    expect(out.files).toContain('ignored/index.js');
    expect(out.files.some((f) => f.includes('node_modules'))).toBe(false);
    expect(out.diagnostics.some((d) => d.code === 'never-called')).toBe(false);
  });

  it('bad paths: unknown flags, unknown codes, a missing path, a plan with errors, an empty folder', () => {
    const cases: [string[], RegExp][] = [
      [['status', 'plan.yaml', '--bogus'], /unknown option '--bogus'/],
      [['status', 'plan.yaml', '--fail-on', 'nope'], /--fail-on takes codes among never-called/],
      [['status', 'plan.yaml', 'missing-dir'], /Cannot scan missing-dir: it does not exist/],
      [['status', 'absent.yaml'], /absent\.yaml/],
      [['status', 'plan.yaml', '--format', 'xml'], /argument 'xml' is invalid/],
    ];
    for (const [args, err] of cases) {
      const r = cli(args, { cwd: app });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(err);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    writeFileSync(join(app, 'bad.yaml'), 'trackplan: 1\nevents:\n  E:\n    properties:\n      a: {type: strin}\n');
    expect(cli(['status', 'bad.yaml'], { cwd: app }).code).toBe(2);
    mkdirSync(join(app, 'empty'), { recursive: true });
    const empty = cli(['status', 'plan.yaml', 'empty'], { cwd: app });
    expect(empty.code).toBe(1);
    expect(empty.stdout).toContain('0 of 6 planned messages are sent from 0 files scanned');
  });

  it('files that cannot be read or are too large: said per file, never an unexpected error (links to folders, link loops, a bundle)', () => {
    const dir = makeApp(true);
    mkdirSync(join(dir, 'folder'));
    symlinkSync('../folder', join(dir, 'src/linked.ts'));
    symlinkSync('loop.ts', join(dir, 'src/loop.ts'));
    writeFileSync(join(dir, 'src/bundle.js'), "analytics.track('Signed Up');\n".repeat(Math.ceil((MAX_SOURCE_BYTES + 1) / 29)));
    const r = cli(['status', 'plan.yaml', '--format', 'json'], { cwd: dir });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { diagnostics: JsonDiag[]; files: string[] };
    expect(out.files).not.toContain('src/linked.ts');
    expect(out.files).not.toContain('src/loop.ts');
    const bundle = out.diagnostics.filter((d) => d.file === 'src/bundle.js');
    expect(bundle.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual(['1:1 unparsable-file']);
    expect(bundle[0]!.message).toMatch(/larger than the .* status reads/);
    expect(r.code).toBe(1);
  });

  it('names in code with terminal controls or bidi characters are shown as escapes, in every format', () => {
    const dir = makeApp(true);
    writeFileSync(join(dir, 'src/controls.ts'), "analytics.track('\\u001b[2J\\u009b31m\\u202eevil');\nconst x = '\u202e';\n");
    writeFileSync(join(dir, 'src/bad.ts'), 'let \u202e = 1;\n');
    for (const format of ['pretty', 'github', 'markdown', 'junit', 'json']) {
      const r = cli(['status', 'plan.yaml', 'src/controls.ts', 'src/bad.ts', '--format', format], { cwd: dir });
      expect(r.stdout, format).toContain('evil');
      expect(r.stdout, format).not.toMatch(/[\u001b\u009b\u202e]/);
    }
  });

  it('hostile names in code and in file names: quoted in every format, never a command for CI', () => {
    const dir = makeApp(true);
    mkdirSync(join(dir, 'src/odd dir'), { recursive: true });
    writeFileSync(join(dir, 'src/empty.ts'), '');
    writeFileSync(join(dir, 'src/odd dir/ünï "q".ts'), "analytics.track('<script>alert(1)</script>');\nanalytics.track('a\\n::error::pwned');\nanalytics.track('../../etc/passwd');\n");
    const json = JSON.parse(cli(['status', 'plan.yaml', '--format', 'json'], { cwd: dir }).stdout) as { diagnostics: JsonDiag[] };
    const odd = json.diagnostics.filter((d) => d.file === 'src/odd dir/ünï "q".ts');
    expect(odd.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual(['1:1 unplanned-call', '2:1 unplanned-call', '3:1 unplanned-call']);
    expect(odd[0]!.message).toContain('Event "<script>alert(1)</script>" is sent here');
    // An empty file parses: nothing in it, nothing said of it.
    expect(json.diagnostics.filter((d) => d.file === 'src/empty.ts')).toEqual([]);
    const github = cli(['status', 'plan.yaml', '--format', 'github'], { cwd: dir }).stdout;
    // A new line in a name cannot start a workflow command of its own.
    expect(github.split('\n').filter((l) => l.startsWith('::error::'))).toEqual([]);
  });
});

describe('findCalls', () => {
  const fns = new Set(['orderCompleted', 'identify', 'pageHome']);
  const calls = (text: string, file = 'x.ts') => {
    const r = findCalls(file, text, fns);
    return 'calls' in r ? r.calls.map((c) => (c.kind === 'generated' ? `gen ${c.fn} ${c.at.line}:${c.at.col}` : `raw ${c.method}${c.name !== undefined ? ` ${c.name}` : ''} ${c.at.line}:${c.at.col}`)) : r;
  };

  it('generated calls: imported, renamed, required, through a namespace; not local look-alikes', () => {
    expect(calls("import { orderCompleted as oc } from './a';\noc({});\norderCompleted({});")).toEqual(['gen orderCompleted 2:1']);
    expect(calls("const { orderCompleted } = require('./a');\norderCompleted({});", 'x.cjs')).toEqual(['gen orderCompleted 2:1']);
    expect(calls("import * as t from '@/analytics';\nt.identify({});\nt.pageHome();")).toEqual(['gen identify 2:1', 'gen pageHome 3:1']);
    expect(calls("import * as a from '@segment/analytics-next';\na.identify('u');")).toEqual([]);
    expect(calls('(x as any).orderCompleted({});')).toEqual(['gen orderCompleted 1:1']);
  });

  it('raw calls: literal names only; page(category, name); identify only on an SDK object', () => {
    expect(calls("analytics.track('A'); analytics.track(`B`); analytics.track(`C${1}`); analytics.track(n);")).toEqual(['raw track A 1:1', 'raw track B 1:23']);
    expect(calls("analytics.page('Cat', 'Name'); analytics.page('Only'); analytics.page();")).toEqual(['raw page Name 1:1', 'raw page Only 1:32']);
    expect(calls("this.analytics.identify('u'); posthog.identify('u'); analytics['track']('D');")).toEqual(['raw identify 1:1', 'raw track D 1:54']);
  });

  it('JSX in .tsx and .jsx; a syntax error says where', () => {
    expect(calls("const B = () => <a onClick={() => analytics.track('E')} />;", 'b.tsx')).toEqual(['raw track E 1:35']);
    expect(calls("const B = () => <a onClick={() => analytics.track('E')} />;", 'b.jsx')).toEqual(['raw track E 1:35']);
    expect(calls('let x = <T>(y);', 'c.ts')).toEqual([]);
    expect(calls('export const x = ;')).toEqual({ error: { message: 'Unexpected token', at: { line: 1, col: 18 } } });
  });
});
