import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { BIN, cli } from '../cli/run-cli.js';
import { order, post, send, SHOP } from './helpers.js';

// `trackplan serve` as a process: its first line is its URL, printed once it accepts
// connections; a signal stops it cleanly; a bad plan or flag is one line and exit code 2.
const dir = mkdtempSync(join(tmpdir(), 'trackplan-serve-cli-'));

/** Start `trackplan serve`, resolving with its first line of output (its URL) once printed. */
function startCli(args: string[], options: { fileSizeLimitKb?: number } = {}): Promise<{ child: ChildProcess; url: string; exit: Promise<{ code: number | null; stdout: string; stderr: string }> }> {
  const env = { ...process.env, NO_COLOR: '1' };
  // A file size limit (RLIMIT_FSIZE) makes writes past it fail with EFBIG, as a full disk would (Node ignores SIGXFSZ).
  const child = options.fileSizeLimitKb === undefined
    ? spawn(process.execPath, [BIN, 'serve', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn('bash', ['-c', `ulimit -f ${options.fileSizeLimitKb} && exec "$0" "$@"`, process.execPath, BIN, 'serve', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d));
  const exit = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (stdout === '') resolve({ child, url: line, exit });
      stdout += `${line}\n`;
    });
    void exit.then((r) => reject(new Error(`serve exited ${r.code} before printing its URL: ${r.stderr}`)));
  });
}

describe('trackplan serve (CLI)', () => {
  it('prints its URL first, ready to accept; SIGTERM finishes the request in flight, flushes the capture and exits 0', async () => {
    const out = join(dir, 'capture.ndjson');
    const { child, url, exit } = await startCli([SHOP, '--port', '0', '--out', out]);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // Ready when printed: the first request needs no retry.
    expect((await post(url, '/v1/track', order('first'))).status).toBe(200);
    // A request in flight when the signal comes: its body is still arriving.
    const u = new URL(url);
    const { request } = await import('node:http');
    const body = JSON.stringify({ batch: [order('in-flight')] });
    const inFlight = new Promise<number>((resolve, reject) => {
      const req = request({ host: u.hostname, port: u.port, path: '/v1/batch', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(body.length) } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write(body.slice(0, 20));
      setTimeout(() => {
        child.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(20)), 200);
      }, 100);
    });
    expect(await inFlight).toBe(200);
    const r = await exit;
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[1]).toBe(`trackplan serve: checking messages against ${SHOP} (shop 1.0.0); capture ${out}; any write key. Segment's API at ${url}/v1, this server's own at ${url}/trackplan. Ctrl-C stops it.`);
    expect(r.stderr).toBe(`trackplan serve: stopped after 2 messages; ${out} has 2 lines.\n`);
    expect(readFileSync(out, 'utf8').trimEnd().split('\n').map((l) => (JSON.parse(l) as { messageId: string }).messageId)).toEqual(['m-first', 'm-in-flight']);
  });

  it('SIGINT stops it too, with a wait pending (answered 503) and an idle keep-alive connection open', async () => {
    const { child, url, exit } = await startCli([SHOP, '--write-key', 'k1', '--write-key', 'k2', '--max-messages', '10']);
    expect((await send(url, '/v1/track', { body: JSON.stringify({ ...order('x'), writeKey: 'k2' }) })).status).toBe(200);
    expect((await send(url, '/v1/track', { body: JSON.stringify({ ...order('x'), writeKey: 'k3' }) })).status).toBe(401);
    await fetch(`${url}/healthz`); // leaves a keep-alive connection open
    const wait = fetch(`${url}/trackplan/wait`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ match: { event: 'Never' }, timeoutMs: 60_000 }) });
    await new Promise((r) => setTimeout(r, 100));
    const t0 = Date.now();
    child.kill('SIGINT');
    expect((await wait).status).toBe(503);
    const r = await exit;
    expect(r.code).toBe(0);
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(r.stdout).toContain('write keys k1, k2');
  });

  it('a capture that cannot be written: said at once, messages refused with a 503 (the SDKs retry), exit 2 with one line', async () => {
    const out = join(dir, 'full.ndjson');
    const { child, url, exit } = await startCli([SHOP, '--out', out], { fileSizeLimitKb: 2 });
    const answers: number[] = [];
    for (let i = 0; i < 12; i++) answers.push((await post(url, '/v1/track', { ...order(`f${i}`), properties: { order_id: `f${i}`, total: 1, pad: 'x'.repeat(200) } })).status);
    const first = answers.indexOf(503);
    expect(first).toBeGreaterThan(2);
    expect(answers.slice(0, first).every((a) => a === 200)).toBe(true);
    expect(answers.slice(first).every((a) => a === 503)).toBe(true);
    const refused = await post(url, '/v1/track', order('after'));
    expect(refused.json).toEqual({ error: 'capture-failed', message: 'Cannot write the capture: EFBIG: file too large, write.' });
    child.kill('SIGTERM');
    const r = await exit;
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe(`trackplan serve: cannot write ${out}: EFBIG: file too large, write; messages are refused (503) from now on.`);
    expect(lines.at(-1)).toBe(`trackplan: The capture ${out} is not whole: writing it failed (EFBIG: file too large, write).`);
  });

  it.each([
    ['a port that is not a number', ['--port', 'http'], 'trackplan: --port takes a whole number from 0 to 65535, not "http".'],
    ['a port out of range', ['--port', '70000'], 'trackplan: --port takes a whole number from 0 to 65535, not "70000".'],
    ['no room in the store', ['--max-messages', '0'], 'trackplan: --max-messages takes a whole number from 1 to 10000000, not "0".'],
    ['an empty write key', ['--write-key', ''], 'trackplan: --write-key takes a key without spaces or colons (it is sent as `Basic base64(key:)`), not "".'],
    ['a write key with a colon', ['--write-key', 'a:b'], 'trackplan: --write-key takes a key without spaces or colons (it is sent as `Basic base64(key:)`), not "a:b".'],
    ['an address not on this machine', ['--host', '203.0.113.7'], 'trackplan: Cannot listen on 203.0.113.7:0: no such address on this machine.'],
    ['an unknown flag', ['--prot', '1'], "error: unknown option '--prot'"],
  ])('refuses %s: one line, exit 2', (_what, flags, line) => {
    const r = cli(['serve', SHOP, ...flags]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toBe(line);
  });

  it('refuses a plan with errors: its diagnostics, then one line, exit 2', () => {
    const r = cli(['serve', 'test/fixtures/plans/mistakes.yaml']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('test/fixtures/plans/mistakes.yaml:9:5 error Unknown key `descriptoin`');
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe('trackplan: test/fixtures/plans/mistakes.yaml has 8 errors; fix them (see `trackplan check test/fixtures/plans/mistakes.yaml`) before serving.');
    const missing = cli(['serve', 'nope.yaml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trimEnd().split('\n').at(-1)).toBe('trackplan: nope.yaml has 1 error; fix them (see `trackplan check nope.yaml`) before serving.');
  });

  it('refuses a port in use', async () => {
    const { child, url, exit } = await startCli([SHOP]);
    const r = cli(['serve', SHOP, '--port', new URL(url).port]);
    expect([r.code, r.stderr]).toEqual([2, `trackplan: Cannot listen on 127.0.0.1:${new URL(url).port}: the port is in use.\n`]);
    child.kill('SIGTERM');
    expect((await exit).code).toBe(0);
  });
});
