import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { BIN } from '../cli/run-cli.js';
import { hasChromium } from '../browser/chromium.js';
import { runPage } from './browser.js';
import { docSteps, type DocStep } from './doc-steps.js';
import { lockfileFor, npmCacheDir, offlineEnv } from './offline-install.js';

// The guide is run as a team adopting trackplan would: on the package as npm would ship it
// (packed from this repository's build), in a project of its own outside this repository, with
// each marked block of docs/adopting.md applied as written. See the guide's "This page is tested".

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const GUIDE = join(REPO, 'docs/adopting.md');
const repoPkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string; devDependencies: Record<string, string> };

/** The marked blocks of the guide this test knows what to check after, in the guide's order. */
const EXPECTED_STEPS = [
  'run install',
  'write plans/shop.yaml',
  'run check',
  'write trackplan.config.yaml',
  'run scripts',
  'write src/server/tracking.ts',
  'write src/server/checkout.ts',
  'write src/web/tracking.ts',
  'write src/web/checkout.ts',
  'run build',
  'write test/e2e/capture-server.mjs',
  'write test/e2e/checkout.e2e.mjs',
  'run e2e',
  'write .github/workflows/tracking-plan.yml',
];

const steps = docSteps(GUIDE);

function step(kind: DocStep['kind'], target: string): DocStep {
  const found = steps.find((s) => s.kind === kind && s.target === target);
  if (!found) throw new Error(`docs/adopting.md has no block marked \`<!-- tested: ${kind} ${target} -->\``);
  return found;
}

let tmp: string;
let project: string;
let tarball: string;
let env: Record<string, string>;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run a shell script in the project, as GitHub Actions runs `run:` (bash, -e, pipefail). */
function sh(script: string, extraEnv: Record<string, string> = {}): Run {
  const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], { cwd: project, env: { ...env, ...extraEnv }, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `sh`, failing with everything it printed unless it exits 0. */
function shOk(script: string, extraEnv: Record<string, string> = {}): Run {
  const r = sh(script, extraEnv);
  if (r.code !== 0) throw new Error(`\`${script.trim()}\` exited with ${r.code}:\n${r.stdout}\n${r.stderr}`);
  return r;
}

function write(path: string, text: string): void {
  mkdirSync(dirname(join(project, path)), { recursive: true });
  writeFileSync(join(project, path), text);
}

function read(path: string): string {
  return readFileSync(join(project, path), 'utf8');
}

/** Apply a marked block: write the file it names, or run it in bash. */
function apply(kind: DocStep['kind'], target: string): Run | undefined {
  const s = step(kind, target);
  if (kind === 'write') {
    write(target, s.text);
    return undefined;
  }
  return shOk(s.text);
}

/** Replace `from` (which must occur exactly once) in a project file. */
function edit(path: string, from: string, to: string): void {
  const text = read(path);
  expect(text.split(from).length - 1, `${path} should contain ${JSON.stringify(from)} once`).toBe(1);
  writeFileSync(join(project, path), text.replace(from, to));
}

function ndjson(path: string): Record<string, unknown>[] {
  return read(path).split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Record<string, unknown>);
}

const git = (args: string): Run => shOk(`git ${args}`);

beforeAll(() => {
  if (!existsSync(BIN)) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
  tmp = mkdtempSync(join(tmpdir(), 'trackplan-adoption-'));
  const cache = npmCacheDir(REPO);
  env = offlineEnv(cache, {
    // The project's own git, never the machine's settings (signing, hooks, templates).
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Shop Team',
    GIT_AUTHOR_EMAIL: 'shop@example.com',
    GIT_COMMITTER_NAME: 'Shop Team',
    GIT_COMMITTER_EMAIL: 'shop@example.com',
  });

  // The package as published: `npm pack` of the build `npm test` just made (--ignore-scripts:
  // `prepare` would build again).
  const packed = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], { cwd: REPO, env, encoding: 'utf8' });
  if (packed.status !== 0) throw new Error(`npm pack failed:\n${packed.stderr}`);
  tarball = join(tmp, (JSON.parse(packed.stdout) as { filename: string }[])[0]!.filename);

  // The existing project: a TypeScript app with both Segment SDKs, its lockfile, under git with
  // an `origin` to open pull requests against. Versions are this repository's, whose `npm ci`
  // left them in npm's cache.
  project = join(tmp, 'shop');
  mkdirSync(project);
  const pkg = {
    name: 'shop',
    version: '1.0.0',
    private: true,
    type: 'module',
    scripts: { build: 'tsc' },
    dependencies: { '@segment/analytics-next': repoPkg.devDependencies['@segment/analytics-next']!, '@segment/analytics-node': repoPkg.devDependencies['@segment/analytics-node']! },
    devDependencies: { '@types/node': repoPkg.devDependencies['@types/node']!, typescript: repoPkg.devDependencies['typescript']! },
  };
  write('package.json', `${JSON.stringify(pkg, null, 2)}\n`);
  // trackplan's own dependencies are in it too, as if the project had them already: npm then
  // needs no registry to place them (see offline-install.ts).
  const deps = Object.keys((JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies);
  write('package-lock.json', lockfileFor(join(REPO, 'package-lock.json'), pkg, [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies), ...deps]));
  write('tsconfig.json', `${JSON.stringify({
    compilerOptions: {
      target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022', 'DOM'], types: ['node'],
      strict: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, verbatimModuleSyntax: true,
      noUnusedLocals: true, noImplicitReturns: true, skipLibCheck: true, rootDir: 'src', outDir: 'dist',
    },
    include: ['src'],
  }, null, 2)}\n`);
  write('.gitignore', 'node_modules/\ndist/\n');
  git('init -q -b main');
  git('add -A');
  git('commit -q -m "The shop, before trackplan"');
  git(`init -q --bare ${JSON.stringify(join(tmp, 'origin.git'))}`);
  git(`remote add origin ${JSON.stringify(join(tmp, 'origin.git'))}`);
  git('push -q origin main');
  git('switch -q -c adopt-trackplan');
}, 120_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('docs/adopting.md, run on a packed tarball in a temporary project', () => {
  it('marks the blocks this test runs, in this order', () => {
    expect(steps.map((s) => `${s.kind} ${s.target}`)).toEqual(EXPECTED_STEPS);
  });

  it('installs trackplan offline from the packed tarball (`npm i -D trackplan`)', () => {
    const install = step('run', 'install');
    // The one substitution: the tarball for the registry's copy.
    expect(install.text).toBe('npm i -D trackplan\n');
    const r = sh(`npm i -D ${JSON.stringify(tarball)}`);
    if (r.code !== 0) {
      throw new Error(`npm could not install from its cache (ENOTCACHED means a package is not in it: run \`npm ci\` in the repository first):\n${r.stderr}`);
    }
    const installed = JSON.parse(read('node_modules/trackplan/package.json')) as { version: string };
    expect(installed.version).toBe(repoPkg.version);
    expect((JSON.parse(read('package.json')) as { devDependencies: Record<string, string> }).devDependencies['trackplan']).toMatch(/^file:.*\.tgz$/);
    expect(shOk('npx trackplan --version').stdout.trim()).toBe(repoPkg.version);
  });

  it('writes the plan, and `trackplan check` passes it', () => {
    apply('write', 'plans/shop.yaml');
    const r = apply('run', 'check')!;
    expect(r.stdout).toContain('✓ plans/shop.yaml: 2 events, 1 identify, 1 page');
    expect(r.stdout).toContain('OK: 0 errors, 0 warnings in 1 plan.');
  });

  it('generates both clients from trackplan.config.yaml through the npm scripts', () => {
    apply('write', 'trackplan.config.yaml');
    apply('run', 'scripts');
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    expect(scripts).toMatchObject({ generate: 'trackplan generate', prebuild: 'npm run generate', build: 'tsc' });
    for (const [out, sdk] of [['src/web/analytics', '@segment/analytics-next'], ['src/server/analytics', '@segment/analytics-node']] as const) {
      for (const file of ['index.ts', 'client.ts', 'types.ts', 'validators.ts', 'runtime.ts']) {
        expect(read(`${out}/${file}`).split('\n')[0]).toMatch(/^\/\/ Generated by trackplan from plans\/shop\.yaml \(plan "shop", version 1\.0\.0\)/);
      }
      expect(read(`${out}/client.ts`)).toContain(`from '${sdk}'`);
    }
  });

  it('builds with tsc (prebuild regenerates), and tsc refuses a call the plan does not allow', () => {
    for (const file of ['src/server/tracking.ts', 'src/server/checkout.ts', 'src/web/tracking.ts', 'src/web/checkout.ts']) apply('write', file);
    const r = apply('run', 'build')!;
    expect(r.stdout).toContain('> trackplan generate');
    expect(r.stdout).toMatch(/analytics-node client for plans\/shop\.yaml → src\/server\/analytics \(0 added, 0 changed, 0 removed, 5 unchanged\)/);
    for (const file of ['dist/server/tracking.js', 'dist/server/checkout.js', 'dist/web/tracking.js', 'dist/web/checkout.js', 'dist/server/analytics/index.js']) expect(existsSync(join(project, file)), file).toBe(true);

    write('src/mistake.ts', [
      "import { orderCompleted } from './server/analytics/index.js';",
      "orderCompleted({ userId: 'u-1', properties: { order_id: 'o-1', total: 1, curency: 'EUR' } });",
      '',
    ].join('\n'));
    try {
      const bad = sh('npx tsc --noEmit');
      expect(bad.code).not.toBe(0);
      expect(bad.stdout).toMatch(/src\/mistake\.ts\(2,\d+\): error TS\d+: .*'curency'/);
    } finally {
      rmSync(join(project, 'src/mistake.ts'));
    }
  });

  it('captures what the real @segment/analytics-node sends, and the audit passes it', () => {
    apply('write', 'test/e2e/capture-server.mjs');
    apply('write', 'test/e2e/checkout.e2e.mjs');
    const r = apply('run', 'e2e')!;
    const sent = ndjson('captured/server.ndjson');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      type: 'track',
      event: 'Order Completed',
      userId: 'user-1',
      properties: { order_id: 'order-1', total: 49.9, currency: 'EUR' },
      context: { trackplan: { plan: 'shop', version: '1.0.0' }, library: { name: '@segment/analytics-node' } },
    });
    expect(r.stdout).toContain('PASSED: no violations at error severity and no bad input.');
    expect(r.stdout).toContain('Messages: 1 read · 1 valid · 0 invalid');
    expect(read('.gitignore')).toBe('node_modules/\ndist/\ncaptured/\nreports/\n');
  });

  it.skipIf(!hasChromium)('captures what the real @segment/analytics-next sends from a page in headless Chromium, and the audit passes it', async () => {
    // The doc's capture server, run here; the page is a test build that passes its host to the
    // doc's startTracking and drives the doc's checkout functions.
    const { startCapture } = (await import(pathToFileURL(join(project, 'test/e2e/capture-server.mjs')).href)) as {
      startCapture(file: string, port?: number): Promise<{ url: string; close(): Promise<void> }>;
    };
    const capture = await startCapture(join(project, 'captured/web.ndjson'));
    try {
      write('e2e-page.ts', [
        "import { startTracking } from './src/web/tracking.js';",
        "import { checkoutOpened, paymentSucceeded } from './src/web/checkout.js';",
        "import { identify } from './src/web/analytics/index.js';",
        `startTracking('test-write-key', ${JSON.stringify(capture.url.replace('http://', ''))});`,
        // Each call resolves once analytics-next delivered it: then the page is done.
        "await identify('user-1', { email: 'ann@example.com' });",
        'await checkoutOpened();',
        "await paymentSucceeded('order-2', 12.5);",
        "document.title = 'done';",
        '',
      ].join('\n'));
      const page = await runPage(project, 'e2e-page.ts');
      if (!existsSync(join(project, 'captured/web.ndjson'))) throw new Error(`Nothing arrived at the capture server. The page's console:\n${page.console.join('\n')}`);
      // What analytics-next posts to /v1/m every 30 s when it has metrics is not kept.
      const metrics = await fetch(`${capture.url}/v1/m`, { method: 'POST', body: JSON.stringify({ series: [{ type: 'Counter', metric: 'analytics_js.invoke', value: 1, tags: [] }] }) });
      expect(metrics.status).toBe(200);
    } finally {
      await capture.close();
      rmSync(join(project, 'e2e-page.ts'));
    }
    // Requests run side by side, so they may arrive in any order.
    const sent = ndjson('captured/web.ndjson').sort((a, b) => String(a['type']).localeCompare(String(b['type'])));
    expect(sent.map((m) => [m['type'], m['event'] ?? m['name'] ?? ''])).toEqual([['identify', ''], ['page', 'Checkout'], ['track', 'Order Completed']]);
    expect(sent[0]).toMatchObject({ userId: 'user-1', traits: { email: 'ann@example.com' } });
    expect(sent[2]).toMatchObject({ userId: 'user-1', properties: { order_id: 'order-2', total: 12.5, currency: 'EUR' } });
    for (const m of sent) {
      expect(m).toMatchObject({ writeKey: 'test-write-key', context: { trackplan: { plan: 'shop', version: '1.0.0' }, library: { name: 'analytics.js' } } });
    }
    const audit = shOk('npx trackplan audit plans/shop.yaml captured/web.ndjson');
    expect(audit.stdout).toContain('PASSED: no violations at error severity and no bad input.');
    expect(audit.stdout).toContain('Messages: 3 read · 3 valid · 0 invalid');
  }, 60_000);

  it('`generate --check` exits 1 once the plan changed, and 0 after `npm run generate`', () => {
    // The adoption is merged; the next pull request adds a property.
    git('add -A');
    git('commit -q -m "Adopt trackplan"');
    // What the guide says to commit, and nothing it says to leave out.
    const committed = git('ls-files').stdout.split('\n');
    expect(committed).toEqual(expect.arrayContaining(['plans/shop.yaml', 'trackplan.config.yaml', 'src/web/analytics/index.ts', 'src/server/analytics/index.ts', 'package-lock.json']));
    expect(committed.filter((f) => /^(captured|reports|dist|node_modules)\//.test(f))).toEqual([]);
    git('push -q origin HEAD:main');
    git('switch -q -c coupon');
    edit('plans/shop.yaml', 'version: "1.0.0"', 'version: "1.1.0"');
    edit('plans/shop.yaml', '      currency:\n        required: true\n', '      currency:\n        required: true\n      coupon:\n        type: string\n        description: Code of the coupon the customer used, if any.\n');

    const stale = sh('npx trackplan generate --check');
    expect(stale.code).toBe(1);
    for (const out of ['src/web/analytics', 'src/server/analytics']) {
      expect(stale.stdout).toContain(`Stale: ${out} differs from what`);
    }
    expect(stale.stdout).toContain('  changed  types.ts');

    shOk('npm run generate');
    const fresh = sh('npx trackplan generate --check');
    expect(fresh.code).toBe(0);
    expect(fresh.stdout).toContain('OK: src/web/analytics is up to date with plans/shop.yaml.');
    expect(fresh.stdout).toContain('OK: src/server/analytics is up to date with plans/shop.yaml.');
    git('add -A');
    git('commit -q -m "Order Completed: coupon"');
  });

  it("runs the CI workflow's commands in order, and each passes on that pull request", () => {
    apply('write', '.github/workflows/tracking-plan.yml');
    const workflow = parseYaml(read('.github/workflows/tracking-plan.yml')) as { jobs: Record<string, { steps: { run?: string; uses?: string }[] }> };
    const runs = Object.values(workflow.jobs).flatMap((j) => j.steps).flatMap((s) => (s.run ? [s.run] : []));
    expect(runs).toHaveLength(8);
    const summary = join(tmp, 'step-summary.md');
    const out: Record<string, Run> = {};
    // `npm ci` too: the lockfile now names the tarball, which stays where it was.
    for (const run of runs) out[run] = shOk(run, { GITHUB_STEP_SUMMARY: summary, GITHUB_ACTIONS: 'true' });

    const diff = runs.find((r) => r.includes('trackplan diff'))!;
    expect(out[diff]!.stdout).toContain('Version 1.0.0 → 1.1.0');
    expect(out[diff]!.stdout).toMatch(/coupon/);
    const check = runs.find((r) => r.includes('generate --check'))!;
    expect(out[check]!.stdout).toContain('OK: src/server/analytics is up to date with plans/shop.yaml.');
    expect(readFileSync(summary, 'utf8')).toContain('PASSED');
    const junit = new XMLParser({ ignoreAttributes: false }).parse(read('reports/audit.xml')) as { testsuites: { '@_failures': string; '@_tests': string } };
    expect(junit.testsuites['@_failures']).toBe('0');
    expect(Number(junit.testsuites['@_tests'])).toBeGreaterThan(0);
  }, 120_000);

  it('fails the audit on messages that bypass the generated client and break the plan', () => {
    write('legacy.mjs', [
      "import { Analytics } from '@segment/analytics-node';",
      "import { startCapture } from './test/e2e/capture-server.mjs';",
      "const capture = await startCapture('captured/legacy.ndjson');",
      "const analytics = new Analytics({ writeKey: 'test-write-key', host: capture.url, path: '/v1/batch', flushAt: 1 });",
      "analytics.track({ userId: 'user-1', event: 'Order Completed', properties: { order_id: 'order-3', total: -5, currency: 'eur' } });",
      "analytics.track({ userId: 'user-1', event: 'Order Complete', properties: {} });",
      'await analytics.closeAndFlush();',
      'await capture.close();',
      '',
    ].join('\n'));
    shOk('node legacy.mjs');
    expect(ndjson('captured/legacy.ndjson')).toHaveLength(2);

    const json = sh('npx trackplan audit plans/shop.yaml captured/legacy.ndjson --format json');
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as { verdict: { failed: boolean }; groups: { event: string; code: string; path: string; plan?: { file: string; range: { start: { line: number } } } }[]; unplanned: { event: string; count: number }[] };
    expect(report.verdict.failed).toBe(true);
    expect(report.groups.map((g) => `${g.event} ${g.code} ${g.path}`).sort()).toEqual([
      'Order Complete unplanned-event event',
      'Order Completed out-of-range properties.total',
      'Order Completed pattern-mismatch properties.currency',
    ]);
    expect(report.unplanned).toEqual([{ type: 'track', event: 'Order Complete', count: 1 }]);

    // In CI the same findings become annotations on the plan's lines.
    const github = sh('npx trackplan audit plans/shop.yaml captured/legacy.ndjson --format github');
    expect(github.code).toBe(1);
    const plan = read('plans/shop.yaml').split('\n');
    const totalLine = plan.indexOf('      total:') + 1;
    expect(totalLine).toBeGreaterThan(0);
    expect(github.stdout).toMatch(new RegExp(`^::error file=plans/shop\\.yaml,line=${totalLine},.*properties\\.total`, 'm'));
  });

  it('fails `diff --against origin/main` on a breaking change without a major version bump', () => {
    edit('plans/shop.yaml', '      total:\n        type: number\n        minimum: 0\n        required: true\n        description: Amount paid, taxes and shipping included.\n', '');
    try {
      const r = sh('npx trackplan diff plans/shop.yaml --against origin/main');
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('[property-removed]');
      expect(r.stdout).toMatch(/total/);
    } finally {
      git('checkout -- plans/shop.yaml');
    }
  });
});
