// `npm run demo`: the main job on the bundled example plans, through the real CLI,
// as a user would run it. Output goes to demo-out/ (ignored by git).
import { spawnSync } from 'node:child_process';
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

console.log('\nA plan with mistakes gets every problem at once, with file:line:col (exit 2):');
run('check a plan with mistakes', ['check', 'test/fixtures/plans/mistakes.yaml'], 2);

process.exitCode = failed ? 1 : 0;
