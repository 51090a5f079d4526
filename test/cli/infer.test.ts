import { lstatSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from './run-cli.js';

// `trackplan infer` as a process: what it writes, and its bad paths (exit 2, one line).

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'trackplan-infer-cli-'));
});

const msg = (i: number, event = 'Order Completed') => JSON.stringify({ type: 'track', event, userId: `u${i}`, timestamp: '2026-11-26T10:00:00.000Z', properties: { order_id: `o${i}`, total: i + 0.5 } });
const lines = (n: number) => Array.from({ length: n }, (_, i) => msg(i)).join('\n') + '\n';

describe('trackplan infer', () => {
  it('writes a plan that check takes and that the audit of the same input passes', () => {
    writeFileSync(join(dir, 'in.ndjson'), lines(20));
    const r = cli(['infer', 'in.ndjson', '--out', 'plan.yaml'], { cwd: dir });
    expect(r.stderr).toContain('Wrote plan.yaml: 1 message inferred from 20 read.');
    expect(r.code).toBe(0);
    expect(cli(['check', 'plan.yaml'], { cwd: dir }).code).toBe(0);
    const audit = cli(['audit', 'plan.yaml', 'in.ndjson', '--format', 'json'], { cwd: dir });
    expect(audit.code).toBe(0);
    expect(JSON.parse(audit.stdout)).toMatchObject({ totals: { read: 20, invalid: 0, violations: 0 } });
  });

  it('prints the plan on stdout without --out, the same bytes every run; reads stdin and gzip', () => {
    writeFileSync(join(dir, 'in.ndjson.gz'), gzipSync(lines(20)));
    const a = cli(['infer', 'in.ndjson.gz'], { cwd: dir });
    const b = cli(['infer', '-'], { cwd: dir, input: lines(20) });
    expect(a.code).toBe(0);
    expect(a.stdout).toContain('  Order Completed:\n');
    expect(b.stdout).toBe(a.stdout);
    expect(readFileSync(join(dir, 'plan.yaml'), 'utf8')).toBe(a.stdout);
  });

  it('bad input is counted and reported as the audit does; the plan is written, exit 1', () => {
    writeFileSync(join(dir, 'bad.ndjson'), `${msg(1)}\nnot json\n{"type":"nope"}\n${msg(2)}\n`);
    const r = cli(['infer', 'bad.ndjson', '--out', 'bad.yaml'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Bad input: 2 (invalid-json 1, malformed-message 1)');
    expect(r.stderr).toContain('bad.ndjson:2 invalid-json: Not JSON:');
    expect(r.stderr).toContain('bad.ndjson:3 malformed-message: Unknown message type "nope"');
    expect(readFileSync(join(dir, 'bad.yaml'), 'utf8')).toContain('Order Completed:');
  });

  it('a truncated gzip: what came before is read, the cut reported', () => {
    const gz = gzipSync(lines(3000));
    writeFileSync(join(dir, 'cut.ndjson.gz'), gz.subarray(0, gz.length - 30));
    const r = cli(['infer', 'cut.ndjson.gz'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/truncated-input/);
    expect(r.stdout).toContain('Order Completed:');
  });

  it('an empty input, or one with no message: exit 2, nothing written', () => {
    writeFileSync(join(dir, 'empty.ndjson'), '');
    writeFileSync(join(dir, 'junk.ndjson'), 'not json\n');
    for (const f of ['empty.ndjson', 'junk.ndjson']) {
      const r = cli(['infer', f, '--out', `${f}.yaml`], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`No message to infer a plan from in ${f}`);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(cli(['infer', 'empty.ndjson'], { cwd: dir }).stderr).toContain('empty-input');
  });

  it('usage errors: unknown flags, bad thresholds, missing inputs, --out onto an input or a folder', () => {
    writeFileSync(join(dir, 'in.ndjson'), lines(3));
    mkdirSync(join(dir, 'folder'), { recursive: true });
    const cases: [string[], RegExp][] = [
      [['infer', 'in.ndjson', '--bogus'], /unknown option '--bogus'/],
      [['infer', 'in.ndjson', '--required-threshold', '2'], /--required-threshold must be a share above 0 and at most 1/],
      [['infer', 'in.ndjson', '--required-threshold', 'x'], /--required-threshold/],
      [['infer', 'missing.ndjson'], /Cannot read missing\.ndjson/],
      [['infer', 'folder'], /Cannot read folder: it is a directory/],
      [['infer', 'in.ndjson', '--out', 'in.ndjson'], /Cannot write --out in\.ndjson: it would overwrite in\.ndjson, an input/],
      [['infer', 'in.ndjson', '--out', 'folder'], /Cannot write --out folder: folder is a folder/],
      [['infer', 'in.ndjson', '--out', 'nowhere/plan.yaml'], /the folder nowhere does not exist/],
      [['infer'], /missing required argument 'file'/],
    ];
    for (const [args, err] of cases) {
      const r = cli(args, { cwd: dir });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(err);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    // The input is untouched.
    expect(readFileSync(join(dir, 'in.ndjson'), 'utf8')).toBe(lines(3));
    // A plan that exists is not replaced unasked.
    writeFileSync(join(dir, 'mine.yaml'), '# my plan\n');
    const again = cli(['infer', 'in.ndjson', '--out', 'mine.yaml'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('mine.yaml exists; trackplan will not overwrite it. Choose another --out, or pass --force (or compare with it: --plan mine.yaml).');
    expect(readFileSync(join(dir, 'mine.yaml'), 'utf8')).toBe('# my plan\n');
    expect(cli(['infer', 'in.ndjson', '--out', 'mine.yaml', '--force'], { cwd: dir }).code).toBe(0);
    expect(readFileSync(join(dir, 'mine.yaml'), 'utf8')).toContain('Order Completed:');
  });

  it('hostile event names end up as quoted keys that check and the audit take', () => {
    const names = ['Order "Done"', '<script>alert(1)</script>', '../../etc/passwd', 'Ünïcödé 🎉', 'x'.repeat(200), 'a: b # c', '\u202eevil'];
    writeFileSync(join(dir, 'hostile.ndjson'), names.map((n, i) => msg(i, n)).join('\n') + '\n');
    expect(cli(['infer', 'hostile.ndjson', '--out', 'hostile.yaml'], { cwd: dir }).code).toBe(0);
    expect(cli(['check', 'hostile.yaml'], { cwd: dir }).code).toBe(0);
    const audit = cli(['audit', 'hostile.yaml', 'hostile.ndjson', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(audit.stdout)).toMatchObject({ totals: { read: names.length, invalid: 0 } });
  });
});

describe('trackplan infer --plan', () => {
  const PLAN = ['trackplan: 1', 'name: shop', '# the events', 'events:', '  Order Completed:  # the main one', '    properties:', '      order_id: {type: string, required: true}', '      total: integer', ''].join('\n');

  it('prints the drift as a diff (exit 1); --write applies it, comments kept; then there is none (exit 0)', () => {
    writeFileSync(join(dir, 'shop.yaml'), PLAN);
    writeFileSync(join(dir, 'traffic.ndjson'), lines(4) + msg(9, 'Cart Viewed') + '\n');
    const r = cli(['infer', 'traffic.ndjson', '--plan', 'shop.yaml'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('--- a/shop.yaml\n+++ b/shop.yaml\n');
    expect(r.stdout).toContain('-      total: integer\n+      total: number\n');
    expect(r.stdout).toContain('+  Cart Viewed:\n');
    expect(r.stderr).toContain('2 changes to the plan; apply them with --write.');
    expect(readFileSync(join(dir, 'shop.yaml'), 'utf8')).toBe(PLAN);
    const w = cli(['infer', 'traffic.ndjson', '--plan', 'shop.yaml', '--write'], { cwd: dir });
    expect(w.code).toBe(0);
    expect(w.stderr).toContain('Wrote shop.yaml: 2 changes.');
    const after = readFileSync(join(dir, 'shop.yaml'), 'utf8');
    expect(after).toContain('# the events\nevents:\n  Order Completed:  # the main one\n');
    expect(cli(['check', 'shop.yaml'], { cwd: dir }).code).toBe(0);
    const again = cli(['infer', 'traffic.ndjson', '--plan', 'shop.yaml'], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('');
    expect(again.stderr).toContain('No drift');
  });

  it('--write keeps a BOM and CRLF line ends: the lines it adds end as the file\'s do', () => {
    const crlf = '\ufeff' + PLAN.replace(/\n/g, '\r\n');
    writeFileSync(join(dir, 'crlf.yaml'), crlf);
    writeFileSync(join(dir, 'traffic.ndjson'), lines(4) + msg(9, 'Cart Viewed') + '\n');
    const w = cli(['infer', 'traffic.ndjson', '--plan', 'crlf.yaml', '--write'], { cwd: dir });
    expect(w.code).toBe(0);
    const after = readFileSync(join(dir, 'crlf.yaml'), 'utf8');
    expect(after.startsWith('\ufefftrackplan: 1\r\n')).toBe(true);
    expect(after).toContain('  Cart Viewed:\r\n');
    expect(after.replace(/\r\n/g, '')).not.toContain('\n');
    expect(cli(['check', 'crlf.yaml'], { cwd: dir }).code).toBe(0);
  });

  it('--write on a plan named through a link edits the plan the link points to, and the link stays', () => {
    mkdirSync(join(dir, 'plans'), { recursive: true });
    writeFileSync(join(dir, 'plans/real.yaml'), PLAN);
    symlinkSync('plans/real.yaml', join(dir, 'linked.yaml'));
    writeFileSync(join(dir, 'traffic.ndjson'), lines(4) + msg(9, 'Cart Viewed') + '\n');
    const w = cli(['infer', 'traffic.ndjson', '--plan', 'linked.yaml', '--write'], { cwd: dir });
    expect(w.code).toBe(0);
    expect(lstatSync(join(dir, 'linked.yaml')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'plans/real.yaml'), 'utf8')).toContain('  Cart Viewed:\n');
  });

  it('the changes it lists show bidi and terminal controls of names as escapes', () => {
    writeFileSync(join(dir, 'shop3.yaml'), PLAN);
    writeFileSync(join(dir, 'bidi.ndjson'), JSON.stringify({ type: 'track', event: '\u202eevil\u009b', userId: 'u' }) + '\n');
    const r = cli(['infer', 'bidi.ndjson', '--plan', 'shop3.yaml'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('evil');
    expect(r.stderr).not.toMatch(/[\u202e\u009b]/);
  });

  it('usage errors: --write without --plan, --plan with --out, the plan given as an input, a plan with errors', () => {
    writeFileSync(join(dir, 'shop2.yaml'), PLAN);
    writeFileSync(join(dir, 'broken.yaml'), 'trackplan: 1\nevents:\n  E:\n    properties:\n      a: {type: strin}\n');
    const cases: [string[], RegExp][] = [
      [['infer', 'traffic.ndjson', '--write'], /--write applies the drift to the plan named by --plan/],
      [['infer', 'traffic.ndjson', '--plan', 'shop2.yaml', '--out', 'x.yaml'], /give one of them/],
      [['infer', 'shop2.yaml', '--plan', 'shop2.yaml'], /shop2\.yaml is the plan given to --plan, not traffic/],
      [['infer', 'traffic.ndjson', '--plan', 'broken.yaml'], /broken\.yaml has 1 error/],
      [['infer', 'traffic.ndjson', '--plan', 'absent.yaml'], /absent\.yaml/],
    ];
    for (const [args, err] of cases) {
      const r = cli(args, { cwd: dir });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(err);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(readFileSync(join(dir, 'shop2.yaml'), 'utf8')).toBe(PLAN);
  });
});

describe('trackplan infer on every core', () => {
  it('a large plain file in pieces over threads gives the same bytes, and the same bad input at the same lines', () => {
    const body = Array.from({ length: 3000 }, (_, i) => (i === 1234 ? 'not json' : i === 2500 ? '{"type":"nope"}' : JSON.stringify({ type: 'track', event: `E${i % 7}`, userId: `u${i}`, timestamp: '2026-11-26T10:00:00.000Z', properties: { n: i % 5 === 0 ? i + 0.5 : i, kind: ['a', 'b', 'c'][i % 3], at: i % 11 === 0 ? null : '2026-11-26', tags: [String(i % 4)] } })));
    writeFileSync(join(dir, 'big.ndjson'), body.join('\n') + '\n');
    const one = cli(['infer', 'big.ndjson', '--workers', '1'], { cwd: dir });
    expect(one.code).toBe(1);
    for (const workers of ['2', '3']) {
      const many = cli(['infer', 'big.ndjson', '--workers', workers], { cwd: dir, env: { TRACKPLAN_PARALLEL_BYTES: '4096' } });
      expect(many.stdout).toBe(one.stdout);
      expect(many.stderr).toBe(one.stderr);
    }
    expect(one.stderr).toContain('big.ndjson:1235 invalid-json');
    expect(one.stderr).toContain('big.ndjson:2501 malformed-message');
    // gzip: decompressed here, its batches parsed in workers, the same bytes again.
    writeFileSync(join(dir, 'big.ndjson.gz'), gzipSync(body.join('\n') + '\n'));
    const gzOne = cli(['infer', 'big.ndjson.gz', '--workers', '1'], { cwd: dir });
    expect(gzOne.stdout).toBe(one.stdout);
    for (const workers of ['2', '3']) {
      const many = cli(['infer', 'big.ndjson.gz', '--workers', workers], { cwd: dir, env: { TRACKPLAN_PARALLEL_BYTES: '16' } });
      expect(many.stdout).toBe(one.stdout);
      expect(many.stderr).toBe(gzOne.stderr);
    }
    expect(gzOne.stderr).toContain('big.ndjson.gz:1235 invalid-json');
    for (const bad of ['0', '65', '1.5', 'many']) {
      const r = cli(['infer', 'big.ndjson', '--workers', bad], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`--workers must be a whole number from 1 to 64, not "${bad}".`);
    }
  });
});
