// `npm run demo`: the main job on the bundled example plans, through the real CLI,
// as a user would run it. Output goes to demo-out/ (ignored by git).
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { Analytics } from '@segment/analytics-node';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = fileURLToPath(new URL('../dist/cli/bin.js', import.meta.url));
const plans = readdirSync(new URL('../plans/', import.meta.url))
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => `plans/${f}`);

let failed = false;
const run = (title, args, expectCode = 0) => {
  console.log(`\n$ trackplan ${args.join(' ')}    # ${title}`);
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, stdio: 'inherit' });
  if (r.status !== expectCode) {
    console.error(`demo: expected exit ${expectCode}, got ${r.status}`);
    failed = true;
  }
};

run('check every example plan', ['check', ...plans]);
for (const plan of plans) {
  const name = plan.replace(/^plans\/|\.yaml$/g, '');
  run(`compile ${name} to JSON Schema`, ['compile', plan, '--out', `demo-out/schemas/${name}`]);
  run('CI mode: are the committed schemas up to date?', ['compile', plan, '--out', `demo-out/schemas/${name}`, '--check']);
}

const index = JSON.parse(readFileSync(new URL('../demo-out/schemas/ecommerce/index.json', import.meta.url), 'utf8'));
const entry = index.messages.find((m) => m.name === 'Order Completed');
console.log(`\nindex.json maps ${index.messages.length} messages to files, e.g. "Order Completed" → ${entry.file}`);
const schema = JSON.parse(readFileSync(new URL(`../demo-out/schemas/ecommerce/${entry.file}`, import.meta.url), 'utf8'));
console.log(`${entry.file}: required properties ${JSON.stringify(schema.properties.properties.required)}, ` +
  `${Object.keys(schema.properties.properties.properties).length} planned properties, additionalProperties: ${schema.properties.properties.additionalProperties}`);

// Typed clients: one function per event, precompiled validators, checked by tsc.
run('generate a typed analytics-next client', ['generate', 'plans/ecommerce.yaml', '--out', 'demo-out/clients/ecommerce', '--client', 'analytics-next']);
run('generate a typed analytics-node client', ['generate', 'plans/saas.yaml', '--out', 'demo-out/clients/saas', '--client', 'analytics-node']);
run('CI mode: is the generated client up to date?', ['generate', 'plans/ecommerce.yaml', '--out', 'demo-out/clients/ecommerce', '--client', 'analytics-next', '--check']);
const client = readFileSync(new URL('../demo-out/clients/ecommerce/client.ts', import.meta.url), 'utf8');
const at = client.indexOf('export function orderCompleted(');
const fn = client.slice(client.lastIndexOf('/**', at), client.indexOf('\n}\n', at) + 2);
console.log(`\ndemo-out/clients/ecommerce/client.ts, one of ${client.match(/^export function /gm).length} functions:\n${fn}`);
writeFileSync(new URL('../demo-out/clients/tsconfig.json', import.meta.url), JSON.stringify({
  compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022'], types: [], strict: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, skipLibCheck: true, noEmit: true },
  include: ['**/*.ts'],
}));
writeFileSync(new URL('../demo-out/clients/package.json', import.meta.url), '{"type":"module"}\n');
console.log('\n$ tsc -p demo-out/clients    # the generated code compiles under strict settings');
const tsc = spawnSync(process.execPath, [fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url)), '-p', 'demo-out/clients'], { cwd: root, stdio: 'inherit' });
if (tsc.status !== 0) failed = true;
else console.log('tsc: no errors');

// Governance: quality rules, and what a change to the plan would break.
run('lint the example plans (recommended rules)', ['lint', ...plans]);
// Segment's specs ship as plans: a team starts from one and tightens it openly.
run("start a plan from Segment's E-commerce spec", ['init', 'demo-out/new-shop.yaml', '--from', 'segment/ecommerce', '--force']);
const tightened = spawnSync(process.execPath, [bin, 'diff', 'segment/ecommerce', 'plans/ecommerce.yaml'], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
if (tightened.status !== 0) failed = true;
const lines = tightened.stdout.trimEnd().split('\n');
console.log(`\n$ trackplan diff segment/ecommerce plans/ecommerce.yaml    # what the example shop tightened, each with a "# Tightened:" comment where it is made`);
console.log([...lines.slice(0, 6), `  … (${lines.length - 6} more lines)`].join('\n'));
run('diff two versions of a plan: a breaking change without a major bump fails', ['diff', 'test/fixtures/diff/property-removed/base.yaml', 'test/fixtures/diff/property-removed/head.yaml'], 1);

// The CI job: audit captured traffic against the plan (a morning of storefront events with a
// few realistic mistakes). It fails the build (exit 1) and says why on the first line.
run('audit captured events against the plan', ['audit', 'plans/ecommerce.yaml', 'samples/ecommerce.ndjson'], 1);
run('the same, as a CI job would: passes within 20% invalid or bad, JUnit for the CI server', ['audit', 'plans/ecommerce.yaml', 'samples/ecommerce.ndjson', '--max-rate', '0.2', '--format', 'markdown', '--output', 'junit=demo-out/audit.xml']);

// Pages people read: the plan as a static site (works from file://), and the audit as one HTML
// page with charts whose groups link into that site.
run('the plan as a static docs site', ['docs', 'plans/ecommerce.yaml', '--out', 'demo-out/site', '--repo-url', 'https://github.com/acme/trackplan-demo/blob/main']);
run('CI mode: is the committed site up to date?', ['docs', 'plans/ecommerce.yaml', '--out', 'demo-out/site', '--repo-url', 'https://github.com/acme/trackplan-demo/blob/main', '--check']);
run('the audit as one HTML page with charts, linked to the site', ['audit', 'plans/ecommerce.yaml', 'samples/ecommerce.ndjson', '--output', 'html=demo-out/audit.html', '--docs-url', 'site'], 1);
console.log(`\nOpen the docs site:   ${new URL('../demo-out/site/index.html', import.meta.url).href}`);
console.log(`Open the HTML report: ${new URL('../demo-out/audit.html', import.meta.url).href}`);
// Adoption: a plan inferred from the same traffic (its one line that is not JSON is reported,
// so exit 1), then the drift: what the traffic has that the shop's plan lacks, as a diff.
run('infer a plan from captured traffic, the evidence as comments', ['infer', 'samples/ecommerce.ndjson', '--out', 'demo-out/inferred.yaml', '--force'], 1);
const inferred = readFileSync(new URL('../demo-out/inferred.yaml', import.meta.url), 'utf8').split('\n');
console.log([...inferred.slice(0, 24), `  … (${inferred.length - 24} more lines in demo-out/inferred.yaml)`].join('\n'));
run('the inferred plan passes check', ['check', 'demo-out/inferred.yaml']);
run('drift: what the traffic has that plans/ecommerce.yaml lacks (--write would apply it)', ['infer', 'samples/ecommerce.ndjson', '--plan', 'plans/ecommerce.yaml'], 1);
// And in code: which planned messages an app sends (a small app with every case).
run('status: planned messages the code never sends, raw calls around the client', ['status', 'test/status/fixtures/app/plan.yaml', 'test/status/fixtures/app'], 1);

console.log('\nA plan with mistakes gets every problem at once, with file:line:col (exit 2):');
run('check a plan with mistakes', ['check', 'test/fixtures/plans/mistakes.yaml'], 2);

// `trackplan serve`: a Segment-compatible endpoint that checks messages as they arrive. The
// real analytics-node sends to it; the demo waits through the server's API (no sleep), prints
// the report and the live page's address, and stops it as CI would (SIGTERM: exit 0).
console.log('\n$ trackplan serve plans/ecommerce.yaml --port 0    # check traffic as it arrives');
const server = spawn(process.execPath, [bin, 'serve', 'plans/ecommerce.yaml', '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
const serverExit = new Promise((resolve) => server.on('close', (code) => resolve(code)));
const serveOut = createInterface({ input: server.stdout });
const url = await new Promise((resolve, reject) => {
  serveOut.once('line', resolve);
  void serverExit.then((code) => reject(new Error(`serve exited ${code} before printing its URL`)));
});
serveOut.once('line', (line) => console.log(line));
const analytics = new Analytics({ writeKey: 'demo', host: url, flushInterval: 20, maxRetries: 0 });
analytics.track({ anonymousId: 'anon-1', event: 'Product Viewed', properties: { product_id: 'p-101', name: 'Rose bouquet', price: 20.5, currency: 'USD' } });
analytics.track({ userId: 'user-1', event: 'Order Completed', properties: { order_id: 'o-1', total: 27.5, currency: 'USD', products: [{ product_id: 'p-101', price: 20.5, quantity: 1 }] } });
// The mistake: an order without its order_id (the plan requires it).
analytics.track({ userId: 'user-1', event: 'Order Completed', properties: { total: 12, currency: 'USD', products: [{ product_id: 'p-102', price: 12, quantity: 1 }] } });
await analytics.closeAndFlush();
const wait = await fetch(`${url}/trackplan/wait`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ match: { event: 'Order Completed' }, count: 2, timeoutMs: 5000 }) });
const waited = await wait.json();
console.log(`POST /trackplan/wait → ${wait.status}: ${waited.messages?.length ?? 0} Order Completed messages, ${waited.messages?.filter((m) => !m.valid).length ?? '?'} invalid`);
// Expected: both orders arrived, the one without its order_id invalid.
if (wait.status !== 200 || waited.messages.filter((m) => !m.valid).length !== 1) {
  console.error('demo: expected the wait to find 2 orders, 1 of them invalid');
  failed = true;
}
const report = await fetch(`${url}/trackplan/report?format=pretty`);
console.log(`GET /trackplan/report?format=pretty →\n${await report.text()}`);
console.log(`The live page (messages as they arrive, violations, coverage): ${url}/`);
console.log(`The same report with charts: ${url}/trackplan/report?format=html`);
server.kill('SIGTERM');
const serveCode = await serverExit;
if (serveCode !== 0) {
  console.error(`demo: expected serve to exit 0 on SIGTERM, got ${serveCode}`);
  failed = true;
}

process.exitCode = failed ? 1 : 0;
