import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, linkSync, mkdirSync, openSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, cli } from './run-cli.js';

// Issue 10, item 4: a report never replaces what the user wrote, and a bad --output fails at
// once, before the inputs are read.
const INPUT = '{"type":"track","event":"A","userId":"u","properties":{"x":1}}\n';
const PLAN = 'trackplan: 1\nimport: [lib.yaml]\nevents:\n  A:\n    properties:\n      x: Count\n';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'trackplan-outputs-'));
  writeFileSync(join(dir, 'in.ndjson'), INPUT);
  writeFileSync(join(dir, 'plan.yaml'), PLAN);
  writeFileSync(join(dir, 'lib.yaml'), 'trackplan: 1\ntypes: {Count: integer}\n');
  writeFileSync(join(dir, 'elsewhere.txt'), 'keep me\n');
  symlinkSync('elsewhere.txt', join(dir, 'link.json'));
  linkSync(join(dir, 'in.ndjson'), join(dir, 'hard.json'));
  mkdirSync(join(dir, 'reports'));
});

const unchanged = () => {
  expect(readFileSync(join(dir, 'in.ndjson'), 'utf8')).toBe(INPUT);
  expect(readFileSync(join(dir, 'plan.yaml'), 'utf8')).toBe(PLAN);
  expect(readFileSync(join(dir, 'elsewhere.txt'), 'utf8')).toBe('keep me\n');
};

describe('audit --output', () => {
  it.each([
    ['the input', ['json=in.ndjson'], 'Cannot write --output json=in.ndjson: it would overwrite in.ndjson, an input of this audit. Write the report to another file.'],
    ['the input spelt another way', ['json=./reports/../in.ndjson'], 'it would overwrite in.ndjson, an input of this audit'],
    ['a hard link to the input', ['json=hard.json'], 'it would overwrite in.ndjson, an input of this audit'],
    ['the plan', ['junit=plan.yaml'], 'Cannot write --output junit=plan.yaml: it would overwrite plan.yaml, the plan.'],
    ['an import of the plan', ['markdown=lib.yaml'], 'it would overwrite lib.yaml, a file of the plan'],
    ['a symbolic link', ['json=link.json'], 'Cannot write --output json=link.json: link.json is a symbolic link, and reports are not written through links. Name the file itself.'],
    ['a folder', ['json=reports'], 'Cannot write --output json=reports: reports is a folder. Name a file inside it.'],
    ['a missing folder', ['json=nope/audit.json'], 'Cannot write --output json=nope/audit.json: the folder nope does not exist. Create it first.'],
    ['two reports in one file', ['json=reports/a', 'junit=reports/./a'], '--output junit=reports/./a and --output json=reports/a name the same file. Give each report its own file.'],
  ])('refuses to write over %s (exit 2, one line)', (_, outputs, message) => {
    const r = cli(['audit', 'plan.yaml', 'in.ndjson', ...outputs.flatMap((o) => ['--output', o])], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
    unchanged();
  });

  it('checks the outputs before reading any input: a pipe nobody writes to is never opened', () => {
    const fifo = join(dir, 'never.fifo');
    execFileSync('mkfifo', [fifo]);
    // If the input were read first, this would block until the test times out.
    const r = cli(['audit', 'plan.yaml', 'never.fifo', '--output', 'json=missing/a.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the folder missing does not exist');
  });

  it('writes reports whole, replacing an earlier report and leaving no temporary file', () => {
    writeFileSync(join(dir, 'reports', 'audit.json'), 'old report');
    const r = cli(['audit', 'plan.yaml', 'in.ndjson', '--output', 'json=reports/audit.json', '--output', 'junit=reports/audit.xml'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'reports', 'audit.json'), 'utf8')).verdict.failed).toBe(false);
    expect(readFileSync(join(dir, 'reports', 'audit.xml'), 'utf8')).toContain('<testsuites');
    expect(readdirSync(join(dir, 'reports')).sort()).toEqual(['audit.json', 'audit.xml']);
    unchanged();
  });
});

describe('audit --output, found in review', () => {
  it('protects a file redirected to standard input', () => {
    const fd = openSync(join(dir, 'in.ndjson'), 'r');
    try {
      const r = spawnSync(process.execPath, [BIN, 'audit', 'plan.yaml', '-', '--output', 'json=in.ndjson'], { cwd: dir, stdio: [fd, 'pipe', 'pipe'], encoding: 'utf8' });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('it would overwrite /dev/stdin, the file standard input reads');
    } finally {
      closeSync(fd);
    }
    unchanged();
  });

  it('sees two spellings of one file across a folder link, and a missing folder behind a link, before reading', () => {
    mkdirSync(join(dir, 'sub', 'x'), { recursive: true });
    symlinkSync(join(dir, 'sub', 'x'), join(dir, 'linkdir'));
    symlinkSync('/nonexistent/deep', join(dir, 'dl'));
    const twice = cli(['audit', 'plan.yaml', 'in.ndjson', '--output', 'json=sub/r.json', '--output', 'markdown=linkdir/../r.json'], { cwd: dir });
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('name the same file');
    const missing = cli(['audit', 'plan.yaml', 'never.fifo', '--output', 'json=dl/../r.json'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('does not exist');
  });
});
