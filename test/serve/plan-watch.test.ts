import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import type { ReceivedMessage } from '../../src/serve/api-types.js';
import type { PlanChange } from '../../src/serve/plan-watch.js';
import { BIN } from '../cli/run-cli.js';
import { order, post, send, serve, SHOP } from './helpers.js';

// The plan file is watched: a change that passes `check` is swapped in between requests, one
// that fails is said (file:line:col) and the old plan stays.

/** A copy of the shop plan in a folder of its own, and a queue of what the watcher says. */
function setUp(): { file: string; changes: () => Promise<PlanChange>; onPlanChange: (c: PlanChange) => void } {
  const file = join(mkdtempSync(join(tmpdir(), 'trackplan-watch-')), 'shop.yaml');
  copyFileSync(SHOP, file);
  const queue: PlanChange[] = [];
  let wake: (() => void) | undefined;
  return {
    file,
    onPlanChange: (c) => {
      queue.push(c);
      wake?.();
    },
    changes: async () => {
      while (queue.length === 0) await new Promise<void>((r) => (wake = r));
      return queue.shift()!;
    },
  };
}

// The edit: `total` loses its minimum, so a negative total is valid from then on.
const edited = (text: string) => text.replace(/\n\s+minimum: 0\n/, '\n');

async function messages(url: string): Promise<ReceivedMessage[]> {
  return JSON.parse((await send(url, '/trackplan/messages', { method: 'GET' })).text) as ReceivedMessage[];
}

describe('serve watches the plan', () => {
  it('swaps in an edit while requests flow: none fails, later messages are checked by the new plan and say which', async () => {
    const { file, changes, onPlanChange } = setUp();
    const server = await serve({ plan: file, watch: true, onPlanChange });
    try {
      let sent = 0;
      const statuses: number[] = [];
      let flowing = true;
      // Four senders, each sending one request after another, until the edit has been swapped in.
      const senders = [0, 1, 2, 3].map(async (k) => {
        while (flowing) statuses.push((await post(server.url, '/v1/batch', { batch: [order(`s${k}-${sent++}`, { total: -1 })] })).status);
      });
      await new Promise((r) => setTimeout(r, 150));
      writeFileSync(file, edited(readFileSync(file, 'utf8')));
      expect(await changes()).toEqual({ kind: 'loaded', revision: 2 });
      await new Promise((r) => setTimeout(r, 100));
      flowing = false;
      await Promise.all(senders);
      expect(statuses.length).toBeGreaterThan(10);
      expect(statuses.every((s) => s === 200)).toBe(true);

      const all = await messages(server.url);
      expect(all).toHaveLength(statuses.length);
      const revisions = all.map((m) => m.planRevision);
      // In arrival order: revision 1 up to the swap, revision 2 after, never back.
      expect(revisions).toEqual([...revisions].sort());
      expect(revisions).toContain(1);
      expect(revisions).toContain(2);
      for (const m of all) {
        if (m.planRevision === 1) expect(m.violations.map((v) => [v.code, v.path, v.plan?.range?.start.line])).toEqual([['out-of-range', 'properties.total', 16]]);
        else expect(m.violations).toEqual([]);
      }
      expect((await send(server.url, '/trackplan/status', { method: 'GET' })).json['plan']).toMatchObject({ revision: 2 });
      // The report counts each message as the plan it arrived under found it.
      const report = (await send(server.url, '/trackplan/report?format=json', { method: 'GET' })).json as { totals: { read: number; invalid: number } };
      expect(report.totals.read).toBe(all.length);
      expect(report.totals.invalid).toBe(revisions.filter((r) => r === 1).length);
    } finally {
      await server.close();
    }
  });

  it('keeps the old plan when an edit breaks it, and says why with file:line:col', async () => {
    const { file, changes, onPlanChange } = setUp();
    const server = await serve({ plan: file, watch: true, onPlanChange });
    try {
      writeFileSync(file, readFileSync(file, 'utf8').replace('        type: number\n', '        type: nmber\n'));
      const change = await changes();
      expect(change.kind).toBe('rejected');
      const diagnostics = change.kind === 'rejected' ? change.diagnostics : [];
      expect(diagnostics.length).toBeGreaterThan(0);
      expect(diagnostics[0]).toMatchObject({ file, severity: 'error', range: { start: { line: 17 } } });
      expect((await post(server.url, '/v1/track', order('after-broken', { total: -1 }))).status).toBe(200);
      const [m] = await messages(server.url);
      expect([m!.planRevision, m!.valid, m!.violations[0]?.code]).toEqual([1, false, 'out-of-range']);
      // Mended: the same text as before is not a new revision; an edit that passes is.
      writeFileSync(file, edited(readFileSync(SHOP, 'utf8')));
      expect(await changes()).toEqual({ kind: 'loaded', revision: 2 });
    } finally {
      await server.close();
    }
  });

  it('picks up an edit saved by writing a new file and renaming it over the plan, and the edits after it', async () => {
    const { file, changes, onPlanChange } = setUp();
    const server = await serve({ plan: file, watch: true, onPlanChange });
    try {
      writeFileSync(`${file}.tmp`, edited(readFileSync(file, 'utf8')));
      renameSync(`${file}.tmp`, file);
      expect(await changes()).toEqual({ kind: 'loaded', revision: 2 });
      // The watch still hears the file that replaced the first one.
      writeFileSync(file, readFileSync(SHOP, 'utf8'));
      expect(await changes()).toEqual({ kind: 'loaded', revision: 3 });
      await post(server.url, '/v1/track', order('r3', { total: -1 }));
      expect((await messages(server.url)).map((m) => [m.planRevision, m.valid])).toEqual([[3, false]]);
    } finally {
      await server.close();
    }
  });

  it('watches the files the plan imports, in their own folders, and follows an import added by an edit', async () => {
    const { file, changes, onPlanChange } = setUp();
    const root = dirname(file);
    mkdirSync(join(root, 'lib'));
    mkdirSync(join(root, 'more'));
    writeFileSync(join(root, 'lib', 'common.yaml'), 'trackplan: 1\nproperties:\n  total: {type: number, minimum: 0, description: What the shopper paid.}\n');
    writeFileSync(join(root, 'more', 'extra.yaml'), 'trackplan: 1\nproperties:\n  coupon: {type: string, description: A coupon code.}\n');
    writeFileSync(file, 'trackplan: 1\nname: shop\nversion: "1.0.0"\nimport: [lib/common.yaml]\nevents:\n  Order Completed:\n    description: A shopper paid.\n    properties:\n      total: {required: true}\n');
    const server = await serve({ plan: file, watch: true, onPlanChange });
    try {
      writeFileSync(join(root, 'lib', 'common.yaml'), 'trackplan: 1\nproperties:\n  total: {type: number, description: What the shopper paid.}\n');
      expect(await changes()).toEqual({ kind: 'loaded', revision: 2 });
      await post(server.url, '/v1/track', { type: 'track', event: 'Order Completed', userId: 'u1', properties: { total: -1 } });
      expect((await messages(server.url)).map((m) => [m.planRevision, m.valid])).toEqual([[2, true]]);
      // An import added by an edit is watched from then on.
      writeFileSync(file, readFileSync(file, 'utf8').replace('import: [lib/common.yaml]', 'import: [lib/common.yaml, more/extra.yaml]').replace('total: {required: true}', 'total: {required: true}\n      coupon: {}'));
      expect(await changes()).toEqual({ kind: 'loaded', revision: 3 });
      writeFileSync(join(root, 'more', 'extra.yaml'), 'trackplan: 1\nproperties:\n  coupon: {type: string, pattern: "^[A-Z]+$", description: A coupon code.}\n');
      expect(await changes()).toEqual({ kind: 'loaded', revision: 4 });
      await post(server.url, '/v1/track', { type: 'track', event: 'Order Completed', userId: 'u1', properties: { total: 1, coupon: 'lower' } });
      const last = (await messages(server.url)).at(-1)!;
      expect([last.planRevision, last.valid, last.violations.map((v) => v.code)]).toEqual([4, false, ['pattern-mismatch']]);
    } finally {
      await server.close();
    }
  });

  it('the CLI says a broken edit on stderr, one line per error with file:line:col; --no-watch keeps the first plan', async () => {
    const run = (args: string[]) => {
      const child = spawn(process.execPath, [BIN, 'serve', ...args], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d));
      const url = new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
      const exit = new Promise<number | null>((resolve) => child.on('close', resolve));
      return { child, url, stderr: () => stderr, exit };
    };
    const { file } = setUp();
    const watched = run([file]);
    await watched.url;
    writeFileSync(file, readFileSync(file, 'utf8').replace('        type: number\n', '        type: nmber\n'));
    const deadline = Date.now() + 5000;
    while (!watched.stderr().includes('messages are still checked') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const lines = watched.stderr().trimEnd().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:17:\\d+: error [a-z-]+: .*nmber`));
    expect(lines.at(-1)).toContain(`${file} changed but has`);
    watched.child.kill('SIGTERM');
    expect(await watched.exit).toBe(0);

    const { file: second } = setUp();
    const fixed = run([second, '--no-watch']);
    const url = await fixed.url;
    writeFileSync(second, edited(readFileSync(second, 'utf8')));
    await new Promise((r) => setTimeout(r, 400));
    await post(url, '/v1/track', order('nw', { total: -1 }));
    expect((await messages(url)).map((m) => [m.planRevision, m.valid])).toEqual([[1, false]]);
    expect(fixed.stderr()).toBe('');
    fixed.child.kill('SIGTERM');
    expect(await fixed.exit).toBe(0);
  });
});
