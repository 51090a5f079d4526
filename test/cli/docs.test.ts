import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { cli } from './run-cli.js';

const PLAN = `trackplan: 1
name: shop
version: "1.0.0"
events:
  Order Completed:
    description: An order was placed.
    properties:
      total: {type: number, required: true, minimum: 0}
  Old Event:
    description: Going away.
`;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'trackplan-docs-'));
  writeFileSync(join(dir, 'plan.yaml'), PLAN);
});
const list = (d: string) => readdirSync(d, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(d.length + 1)).sort();
const snapshot = (d: string) => Object.fromEntries(list(d).map((f) => [f, readFileSync(join(d, f), 'utf8')]));

describe('trackplan docs', () => {
  it('writes the site, says where to open it, and --check exits 0 when up to date, 1 when a file changed, is missing or stale', () => {
    const r = cli(['docs', 'plan.yaml', '--out', 'site'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Open ${join(dir, 'site', 'index.html')}`);
    const files = list(join(dir, 'site'));
    expect(files).toContain('index.html');
    expect(files.filter((f) => /^track\/[a-z0-9-]+\.html$/.test(f))).toHaveLength(2);
    expect(cli(['docs', 'plan.yaml', '--out', 'site', '--check'], { cwd: dir }).code).toBe(0);

    const page = files.find((f) => f.startsWith('track/order-completed-') && f.endsWith('.html'))!;
    writeFileSync(join(dir, 'site', page), 'edited');
    const changed = cli(['docs', 'plan.yaml', '--out', 'site', '--check'], { cwd: dir });
    expect([changed.code, changed.stdout]).toEqual([1, expect.stringContaining(`changed  ${page}`)]);
    expect(readFileSync(join(dir, 'site', page), 'utf8')).toBe('edited');

    writeFileSync(join(dir, 'plan.yaml'), PLAN.replace(/  Old Event:\n.*\n/, ''));
    const stale = cli(['docs', 'plan.yaml', '--out', 'site', '--check'], { cwd: dir });
    expect(stale.code).toBe(1);
    expect(stale.stdout).toMatch(/stale {4}track\/old-event-[0-9a-f]{8}\.html/);
    expect(cli(['docs', 'plan.yaml', '--out', 'fresh', '--check'], { cwd: dir }).code).toBe(1);
    expect(existsSync(join(dir, 'fresh'))).toBe(false);
  });

  it('writes the same bytes every time', () => {
    expect(cli(['docs', 'plan.yaml', '--out', 'a'], { cwd: dir }).code).toBe(0);
    expect(cli(['docs', 'plan.yaml', '--out', 'b'], { cwd: dir }).code).toBe(0);
    expect(snapshot(join(dir, 'b'))).toEqual(snapshot(join(dir, 'a')));
  });

  it('a plan given twice (plan.yaml ./plan.yaml) is one plan of the site, not two with the same ids', () => {
    expect(cli(['docs', 'plan.yaml', '--out', 'once'], { cwd: dir }).code).toBe(0);
    const twice = cli(['docs', 'plan.yaml', './plan.yaml', '--out', 'twice'], { cwd: dir });
    expect(twice.code).toBe(0);
    expect(snapshot(join(dir, 'twice'))).toEqual(snapshot(join(dir, 'once')));
  });

  it('touches only its own files: foreign files stay, its stale pages go, and a foreign file in its way stops it (exit 2) unless --force', () => {
    mkdirSync(join(dir, 'site/custom'), { recursive: true });
    writeFileSync(join(dir, 'site/README.md'), 'mine');
    writeFileSync(join(dir, 'site/custom/extra.html'), 'mine too');
    expect(cli(['docs', 'plan.yaml', '--out', 'site'], { cwd: dir }).code).toBe(0);
    writeFileSync(join(dir, 'plan.yaml'), PLAN.replace(/  Old Event:\n.*\n/, ''));
    const r = cli(['docs', 'plan.yaml', '--out', 'site'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('2 removed'); // the page and its schema
    const files = list(join(dir, 'site'));
    expect(files.some((f) => f.includes('old-event'))).toBe(false);
    expect(readFileSync(join(dir, 'site/README.md'), 'utf8')).toBe('mine');
    expect(readFileSync(join(dir, 'site/custom/extra.html'), 'utf8')).toBe('mine too');

    mkdirSync(join(dir, 'other'));
    writeFileSync(join(dir, 'other/index.html'), '<p>my own index</p>');
    const refused = cli(['docs', 'plan.yaml', '--out', 'other'], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/other has files trackplan did not write that this would overwrite \(index\.html\).*--force/);
    expect(readFileSync(join(dir, 'other/index.html'), 'utf8')).toBe('<p>my own index</p>');
    expect(list(join(dir, 'other'))).toEqual(['index.html']);
    expect(cli(['docs', 'plan.yaml', '--out', 'other', '--force'], { cwd: dir }).code).toBe(0);
    expect(readFileSync(join(dir, 'other/index.html'), 'utf8')).toContain('<!doctype html>');
  });

  it('refuses bad calls and bad input with exit 2 and one line, never a stack trace', () => {
    writeFileSync(join(dir, 'a-file'), 'x');
    writeFileSync(join(dir, 'bad.yaml'), 'trackplan: 1\nevents:\n  Order Completed:\n    properties:\n      total: {type: nonsense}\n');
    writeFileSync(join(dir, 'empty.yaml'), '');
    const cases: [string[], RegExp][] = [
      [['docs', 'plan.yaml'], /Missing --out <dir>/],
      [['docs', 'plan.yaml', '--out', 'a-file'], /--out a-file is not a folder/],
      [['docs', 'plan.yaml', '--out', 'site', '--colour'], /unknown option '--colour'/],
      [['docs', 'bad.yaml', '--out', 'site'], /bad\.yaml:5:\d+ error[\s\S]*bad\.yaml has 1 error/],
      [['docs', 'empty.yaml', '--out', 'site'], /empty\.yaml:1:1/],
      [['docs', 'missing.yaml', '--out', 'site'], /missing\.yaml/],
      [['docs', 'plan.yaml', '--out', 'site', '--repo-url', 'javascript:alert(1)'], /--repo-url must be an http\(s\) address/],
      [['docs', 'plan.yaml', '--out', 'site', '--since', 'HEAD'], /--since HEAD: this directory is not in a git repository/],
    ];
    for (const [args, message] of cases) {
      const r = cli(args, { cwd: dir });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(existsSync(join(dir, 'site'))).toBe(false);
  });

  it('--since adds the diff changelog and marks changed messages; --repo-url links file:line', () => {
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...args], { cwd: dir, stdio: 'pipe' });
    git('init', '-q');
    git('add', 'plan.yaml');
    git('commit', '-qm', 'plan');
    writeFileSync(join(dir, 'plan.yaml'), PLAN.replace('minimum: 0}', 'minimum: 0}\n      currency: {type: string, required: true}').replace('Going away.', 'Going away soon.'));
    const r = cli(['docs', 'plan.yaml', '--out', 'site', '--since', 'HEAD', '--repo-url', 'https://example.com/acme/shop/blob/main'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const index = readFileSync(join(dir, 'site/index.html'), 'utf8');
    expect(index).toContain('Changes since <code>HEAD</code>');
    expect(index).toMatch(/1 breaking change, 0 additions, 1 documentation change/);
    expect(index).toContain('required-property-added');
    expect(index.match(/<span class="changed">changed<\/span>/g)).toHaveLength(2);
    const page = list(join(dir, 'site')).find((f) => f.startsWith('track/order-completed-') && f.endsWith('.html'))!;
    const html = readFileSync(join(dir, 'site', page), 'utf8');
    expect(html).toContain('<h2 id="changes">What changed</h2>');
    expect(html).toMatch(/<a href="https:\/\/example\.com\/acme\/shop\/blob\/main\/plan\.yaml#L5"><code>plan\.yaml:5:3<\/code><\/a>/);
    // A plan added since the revision: all of it is new.
    writeFileSync(join(dir, 'new.yaml'), 'trackplan: 1\nname: fresh\nevents:\n  Signed Up: {}\n');
    const added = cli(['docs', 'new.yaml', 'plan.yaml', '--out', 'both', '--since', 'HEAD'], { cwd: dir });
    expect(added.code, added.stderr).toBe(0);
    const both = readFileSync(join(dir, 'both/index.html'), 'utf8');
    expect(both).toContain('The plan did not exist at <code>HEAD</code>: everything in it is new.');
    expect(both).toMatch(/<td>fresh<\/td>/);
    const bad = cli(['docs', 'plan.yaml', '--out', 'site2', '--since', 'no-such-ref'], { cwd: dir });
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringMatching(/--since no-such-ref: no such revision/)]);
  });
});
