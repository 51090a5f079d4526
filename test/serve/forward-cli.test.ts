import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, cli } from '../cli/run-cli.js';
import { basic, order, post, SHOP } from './helpers.js';
import { fakeUpstream, until } from './upstream.js';

// `trackplan serve --forward` as a process: killed (SIGKILL) after its 200s it loses nothing;
// SIGTERM sends what it can within --shutdown-grace, keeps the rest and exits 0; bad flags exit 2.
const root = mkdtempSync(join(tmpdir(), 'trackplan-forward-cli-'));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

function startCli(args: string[], cwd?: string): Promise<{ child: ChildProcess; url: string; lines: string[]; exit: Promise<{ code: number | null; stdout: string; stderr: string }> }> {
  const child = spawn(process.execPath, [BIN, 'serve', SHOP, ...args], { ...(cwd ? { cwd } : {}), env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  const lines: string[] = [];
  child.stderr!.on('data', (d: Buffer) => (stderr += d));
  const exit = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      stdout += `${line}\n`;
      // The forwarding line is the third: resolve once it is there.
      if (lines.length === 3) resolve({ child, url: lines[0]!, lines, exit });
    });
    void exit.then((r) => reject(new Error(`serve exited ${r.code}: ${r.stderr}`)));
  });
}

const ids = (batches: { messages: Record<string, unknown>[] }[]) => batches.flatMap((b) => b.messages.map((m) => m['messageId'] as string));

describe('trackplan serve --forward (CLI)', () => {
  it('killed after answering 200 (SIGKILL, upstream down): the next run sends every message first', async () => {
    const up = await fakeUpstream();
    up.otherwise = { status: 500 };
    const queue = join(root, 'killed');
    const a = await startCli(['--forward', up.url, '--queue-dir', queue]);
    expect(a.lines[2]).toBe(`trackplan serve: forwarding to ${up.url} through the queue ${queue}.`);
    for (const id of ['k1', 'k2', 'k3']) expect((await post(a.url, '/v1/track', order(id), basic('wk'))).status).toBe(200);
    a.child.kill('SIGKILL');
    await a.exit;
    up.otherwise = { status: 200 };
    const b = await startCli(['--forward', `${up.url}/`, '--queue-dir', queue]);
    expect(b.lines[2]).toBe(`trackplan serve: forwarding to ${up.url}/ through the queue ${queue} (3 messages left by a previous run go first).`);
    await until(() => ids(up.accepted).length === 3);
    expect(ids(up.accepted)).toEqual(['m-k1', 'm-k2', 'm-k3']);
    expect(up.accepted.map((x) => x.writeKey)).toEqual(['wk']);
    b.child.kill('SIGTERM');
    expect((await b.exit).code).toBe(0);
    await up.close();
  });

  it('SIGTERM with the upstream down: tries for --shutdown-grace, keeps the rest on disk, exits 0 and says so', async () => {
    const up = await fakeUpstream();
    up.otherwise = { status: 503 };
    const queue = join(root, 'grace');
    const a = await startCli(['--forward', up.url, '--queue-dir', queue, '--shutdown-grace', '1']);
    for (const id of ['g1', 'g2']) expect((await post(a.url, '/v1/track', order(id))).status).toBe(200);
    const t0 = Date.now();
    a.child.kill('SIGTERM');
    const r = await a.exit;
    expect(r.code).toBe(0);
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(r.stderr).toBe('trackplan serve: stopped after 2 messages; forwarded 0, 2 left in the queue.\n');
    expect(up.attempts.length).toBeGreaterThan(0);
    await up.close();
  });

  it('the second line says which controls are on (a flag wins over trackplan.config.yaml); the first is still the URL', async () => {
    const up = await fakeUpstream();
    const cwd = join(root, 'with-config');
    mkdirSync(cwd);
    writeFileSync(join(cwd, 'trackplan.config.yaml'), 'serve:\n  unplannedProperties: omit\n  violations: block\n');
    const quarantine = join(root, 'q.ndjson');
    const a = await startCli(['--forward', up.url, '--queue-dir', join(root, 'controls'), '--violations', 'allow', '--unplanned-events', 'block', '--quarantine', quarantine], cwd);
    expect(a.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(a.lines[1]).toMatch(/ Controls: block unplanned events, omit unplanned properties \(quarantine .*q\.ndjson\)\. Ctrl-C stops it\.$/);
    a.child.kill('SIGTERM');
    expect((await a.exit).code).toBe(0);
    await up.close();
  });

  it('bad flags: one line, exit 2', () => {
    const bad = cli(['serve', SHOP, '--forward', 'not a url', '--queue-dir', join(root, 'bad')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('trackplan: --forward takes the upstream\'s URL (https://api.segment.io, or one like it), not "not a url".\n');
    const file = join(root, 'file');
    writeFileSync(file, '');
    const notDir = cli(['serve', SHOP, '--forward', 'http://127.0.0.1:9', '--queue-dir', file]);
    expect(notDir.code).toBe(2);
    expect(notDir.stderr).toBe(`trackplan: Cannot use --queue-dir ${file}: not a folder.\n`);
    const size = cli(['serve', SHOP, '--forward', 'http://127.0.0.1:9', '--queue-max-bytes', '10']);
    expect(size.code).toBe(2);
    expect(size.stderr.split('\n')[0]).toBe('trackplan: --queue-max-bytes takes a whole number from 65536 to 9007199254740991, not "10".');
  });
});
